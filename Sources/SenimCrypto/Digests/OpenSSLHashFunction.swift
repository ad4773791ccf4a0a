import COpenSSL

/// SHA-1 and SHA-2 through OpenSSL EVP, so they run on its assembly (SHA-NI, AVX2) code paths.
struct OpenSSLHashFunction: HashFunction, @unchecked Sendable {
    // @unchecked: the context is only touched through mutating methods of a uniquely owned value;
    // `ensureUnique` copies it (EVP_MD_CTX_copy_ex) before a shared copy would be mutated.

    private final class Context {
        let pointer: OpaquePointer
        init(pointer: OpaquePointer) { self.pointer = pointer }
        deinit { EVP_MD_CTX_free(pointer) }
    }

    private var context: Context
    private let algorithm: DigestAlgorithm

    init(algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        // Allocation failure here means the process is out of memory; no input can cause it.
        let pointer = EVP_MD_CTX_new()!
        // EVP_get_digestbyname returns the built-in (non-fetched) method: cheapest to initialise.
        EVP_DigestInit_ex(pointer, EVP_get_digestbyname(algorithm.openSSLName ?? "SHA256"), nil)
        context = Context(pointer: pointer)
    }

    private mutating func ensureUnique() {
        if !isKnownUniquelyReferenced(&context) {
            let copy = EVP_MD_CTX_new()!
            EVP_MD_CTX_copy_ex(copy, context.pointer)
            context = Context(pointer: copy)
        }
    }

    mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        guard bufferPointer.count > 0 else { return }
        ensureUnique()
        EVP_DigestUpdate(context.pointer, bufferPointer.baseAddress, bufferPointer.count)
    }

    mutating func finalize() -> [UInt8] {
        ensureUnique()
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context.pointer, &output, &length)
        return Array(output.prefix(Int(length)))
    }
}

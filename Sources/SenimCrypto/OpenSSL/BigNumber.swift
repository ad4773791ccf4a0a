import COpenSSL

/// An owned OpenSSL BIGNUM. GOST keys and signatures arrive little-endian (KZ) or big-endian (RFC 4491),
/// so both byte orders are first-class here.
///
/// Lifetime rule: a local BigNumber whose `.pointer` is passed to C must outlive the call; functions that
/// hold temporaries end with `withExtendedLifetime` over them (Swift may otherwise free after last use).
final class BigNumber: @unchecked Sendable {
    // @unchecked: a BigNumber is never mutated after it is shared; mutation happens only while a
    // single function owns it (the arithmetic helpers below return new values).
    let pointer: OpaquePointer

    init() {
        // BN_new fails only when malloc does; no input reaches this.
        pointer = BN_new()!
    }

    /// Takes ownership of a BIGNUM that OpenSSL allocated for us.
    init(adopting pointer: OpaquePointer) {
        self.pointer = pointer
    }

    init(bigEndian bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        pointer = array.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }!
    }

    init(littleEndian bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        pointer = array.withUnsafeBufferPointer { BN_lebin2bn($0.baseAddress, Int32($0.count), nil) }!
    }

    /// Parses big-endian hexadecimal (curve parameters written as in the standards).
    convenience init(hex: String) {
        // Curve constants are compile-time literals; a bad one is a programming error caught by the KATs.
        self.init(bigEndian: (try? Hex.decode(hex.count % 2 == 1 ? "0" + hex : hex)) ?? [])
    }

    deinit { BN_free(pointer) }

    var isZero: Bool { BN_is_zero(pointer) == 1 }
    var byteCount: Int { Int((BN_num_bits(pointer) + 7) / 8) }

    func bigEndianBytes(count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        _ = BN_bn2binpad(pointer, &out, Int32(count))
        return out
    }

    func littleEndianBytes(count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        _ = BN_bn2lebinpad(pointer, &out, Int32(count))
        return out
    }

    static func < (a: BigNumber, b: BigNumber) -> Bool { BN_cmp(a.pointer, b.pointer) < 0 }
    static func == (a: BigNumber, b: BigNumber) -> Bool { BN_cmp(a.pointer, b.pointer) == 0 }
}

/// Runs `body` with a BN_CTX that lives exactly as long as the call.
///
/// Contexts are not thread-safe, so each operation makes its own. A scoped helper (rather than a class
/// wrapper) matters: Swift may release a wrapper object right after its last `.pointer` read, i.e.
/// before the C call that uses the pointer has run.
func withBigNumberContext<Result, Failure: Error>(
    _ body: (OpaquePointer) throws(Failure) -> Result
) throws(Failure) -> Result {
    let context = BN_CTX_new()!
    defer { BN_CTX_free(context) }
    return try body(context)
}

/// The PKCS#12 key derivation function (RFC 7292 Appendix B.2), used for the MAC key and for the
/// legacy password-based encryption (pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC) that
/// NCA RK key files use.
enum PKCS12KeyDerivation {
    enum Purpose: UInt8 {
        case encryptionKey = 1
        case initializationVector = 2
        case macKey = 3
    }

    /// The password as a BMPString: big-endian UTF-16 with a two-byte NUL terminator (B.1).
    static func bmpPassword(_ password: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for unit in password.utf16 {
            bytes.append(UInt8(unit >> 8))
            bytes.append(UInt8(unit & 0xff))
        }
        return bytes + [0, 0]
    }

    static func derive(
        digest: DigestAlgorithm, purpose: Purpose, password: [UInt8], salt: [UInt8], iterations: Int, length: Int
    ) throws(SenimCryptoError) -> [UInt8] {
        guard (1...10_000_000).contains(iterations) else {
            throw .invalidParameters("PKCS#12 iteration count \(iterations)")
        }
        let u = digest.digestByteCount
        let v = digest.blockByteCount
        // I = S ‖ P, each repeated to a multiple of v bytes.
        func stretch(_ input: [UInt8]) -> [UInt8] {
            guard !input.isEmpty else { return [] }
            let total = v * ((input.count + v - 1) / v)
            return (0..<total).map { input[$0 % input.count] }
        }
        var i = stretch(salt) + stretch(password)
        let d = [UInt8](repeating: purpose.rawValue, count: v)
        var output: [UInt8] = []
        while output.count < length {
            var a = digest.hash(d + i)
            for _ in 1..<iterations { a = digest.hash(a) }
            output += a
            if output.count >= length { break }
            // I_j = (I_j + B + 1) mod 2^(8v), with B = A repeated to v bytes.
            let b = (0..<v).map { a[$0 % u] }
            for blockStart in stride(from: 0, to: i.count, by: v) {
                var carry: UInt16 = 1
                for offset in (0..<v).reversed() {
                    let sum = UInt16(i[blockStart + offset]) + UInt16(b[offset]) + carry
                    i[blockStart + offset] = UInt8(sum & 0xff)
                    carry = sum >> 8
                }
            }
        }
        return Array(output.prefix(length))
    }
}

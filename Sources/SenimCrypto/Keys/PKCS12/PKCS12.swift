import COpenSSL
import SwiftASN1

/// A decrypted PKCS#12 (PFX) file: its private keys and certificates, with their bag attributes.
///
/// NCA RK key files are BER with indefinite lengths, a 3DES-encrypted PKCS#8 key bag, an RC2-40-encrypted
/// certificate bag and a SHA-1 MAC (docs/kazakh-eds.md §1.5); OpenSSL cannot use them because it cannot decode the
/// GOST keys inside. This reader handles those and the PBES2/AES files OpenSSL 3 writes.
public struct PKCS12: Sendable {
    public struct KeyEntry: Sendable {
        public let privateKey: PrivateKey
        public let localKeyID: [UInt8]?
        public let friendlyName: String?
    }

    public struct CertificateEntry: Sendable {
        public let derEncoded: [UInt8]
        public let localKeyID: [UInt8]?
        public let friendlyName: String?
    }

    public private(set) var keys: [KeyEntry] = []
    public private(set) var certificates: [CertificateEntry] = []

    private enum OID {
        static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
        static let encryptedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 6]
        static let keyBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 1]
        static let shroudedKeyBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 2]
        static let certBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 3]
        static let safeContentsBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 6]
        static let x509Certificate: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 22, 1]
        static let friendlyName: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 20]
        static let localKeyID: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 21]
    }

    private static let explicitZero = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    /// Decodes and decrypts a PFX. A wrong password is `.integrityCheckFailed` (from the MAC) or
    /// `.decryptionFailed` (for files without a MAC).
    public init(derEncoded bytes: [UInt8], password: String) throws(SenimCryptoError) {
        let (authenticatedSafe, mac) = try ASN1Reading.read("PFX", bytes: bytes, ber: true) { root in
            try BER.sequence(root, identifier: .sequence) { nodes -> ([UInt8], MacData?) in
                let version = try Int(berEncoded: &nodes)
                guard version == 3 else { throw SenimCryptoError.malformedEncoding("PFX version \(version), expected 3") }
                guard let authSafe = nodes.next() else { throw SenimCryptoError.malformedEncoding("PFX without authSafe") }
                let content = try Self.dataContent(of: authSafe)
                let mac = try nodes.next().map { try MacData(berEncoded: $0) }
                return (content, mac)
            }
        }
        if let mac { try mac.verify(authenticatedSafe, password: password) }

        let contentInfos = try ASN1Reading.read("AuthenticatedSafe", bytes: authenticatedSafe, ber: true) { root in
            try ASN1Reading.children(of: root, identifier: .sequence)
        }
        for contentInfo in contentInfos {
            let safeContents = try Self.safeContents(of: contentInfo, password: password)
            try readSafeContents(safeContents, password: password, depth: 0)
        }
        guard !keys.isEmpty || !certificates.isEmpty else {
            throw .malformedEncoding("PKCS#12 file holds neither keys nor certificates")
        }
    }

    /// The certificate whose localKeyID matches the first key (or the only certificate).
    public var certificateOfFirstKey: CertificateEntry? {
        guard let key = keys.first else { return nil }
        if let id = key.localKeyID, let match = certificates.first(where: { $0.localKeyID == id }) { return match }
        return certificates.count == 1 ? certificates.first : nil
    }

    // MARK: Structure

    /// `ContentInfo { id-data, [0] EXPLICIT OCTET STRING }` → the octets (constructed BER strings joined).
    private static func dataContent(of contentInfo: ASN1Node) throws -> [UInt8] {
        try BER.sequence(contentInfo, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(berEncoded: &nodes)
            guard type == OID.data else {
                throw SenimCryptoError.unsupportedAlgorithm("PKCS#12 integrity mode \(type) (only password integrity is supported)")
            }
            guard let wrapped = nodes.next() else { throw SenimCryptoError.malformedEncoding("ContentInfo without content") }
            return try BER.explicitlyTagged(wrapped, tagNumber: 0, tagClass: .contextSpecific) { node in
                Array(try ASN1OctetString(berEncoded: node).bytes)
            }
        }
    }

    /// The SafeContents bytes of one AuthenticatedSafe element, decrypting `encryptedData`.
    private static func safeContents(of contentInfo: ASN1Node, password: String) throws(SenimCryptoError) -> [UInt8] {
        let (type, node) = try ASN1Reading.read("ContentInfo", bytes: Array(contentInfo.encodedBytes), ber: true) { root in
            try BER.sequence(root, identifier: .sequence) { nodes -> (ASN1ObjectIdentifier, ASN1Node?) in
                (try ASN1ObjectIdentifier(berEncoded: &nodes), nodes.next())
            }
        }
        switch type {
        case OID.data:
            return try ASN1Reading.read("data ContentInfo", bytes: Array(contentInfo.encodedBytes), ber: true) { try dataContent(of: $0) }
        case OID.encryptedData:
            guard let node else { throw .malformedEncoding("encryptedData without content") }
            // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { contentType, algorithm, [0] IMPLICIT OCTET STRING } }
            let (algorithm, ciphertext) = try ASN1Reading.read("EncryptedData", bytes: Array(node.encodedBytes), ber: true) { root in
                try BER.explicitlyTagged(root, tagNumber: 0, tagClass: .contextSpecific) { encryptedData in
                    try BER.sequence(encryptedData, identifier: .sequence) { nodes in
                        _ = try Int(berEncoded: &nodes)
                        guard let info = nodes.next() else { throw SenimCryptoError.malformedEncoding("EncryptedContentInfo missing") }
                        return try BER.sequence(info, identifier: .sequence) { fields in
                            _ = try ASN1ObjectIdentifier(berEncoded: &fields)
                            let algorithm = try AlgorithmIdentifier(berEncoded: &fields)
                            guard let content = fields.next() else { throw SenimCryptoError.malformedEncoding("no encryptedContent") }
                            let octets = try ASN1OctetString(berEncoded: content, withIdentifier: explicitZero)
                            return (algorithm, Array(octets.bytes))
                        }
                    }
                }
            }
            return try PasswordBasedEncryption.decrypt(ciphertext, algorithm: algorithm, password: password)
        default:
            throw .unsupportedAlgorithm("PKCS#12 content type \(type) (public-key privacy mode)")
        }
    }

    private mutating func readSafeContents(_ bytes: [UInt8], password: String, depth: Int) throws(SenimCryptoError) {
        guard depth < 4 else { throw .malformedEncoding("PKCS#12 safeContentsBag nesting deeper than 4") }
        let bags = try ASN1Reading.read("SafeContents", bytes: bytes, ber: true) { root in
            try ASN1Reading.children(of: root, identifier: .sequence).map { try SafeBag(berEncoded: $0) }
        }
        for bag in bags {
            switch bag.type {
            case OID.keyBag:
                keys.append(
                    KeyEntry(privateKey: try PrivateKey(pkcs8DER: bag.value), localKeyID: bag.localKeyID, friendlyName: bag.friendlyName))
            case OID.shroudedKeyBag:
                let (algorithm, ciphertext) = try ASN1Reading.read("EncryptedPrivateKeyInfo", bytes: bag.value, ber: true) { root in
                    try BER.sequence(root, identifier: .sequence) { nodes in
                        (try AlgorithmIdentifier(berEncoded: &nodes), Array(try ASN1OctetString(berEncoded: &nodes).bytes))
                    }
                }
                let pkcs8 = try PasswordBasedEncryption.decrypt(ciphertext, algorithm: algorithm, password: password)
                keys.append(
                    KeyEntry(privateKey: try PrivateKey(pkcs8DER: pkcs8), localKeyID: bag.localKeyID, friendlyName: bag.friendlyName))
            case OID.certBag:
                let der = try ASN1Reading.read("CertBag", bytes: bag.value, ber: true) { root in
                    try BER.sequence(root, identifier: .sequence) { nodes -> [UInt8]? in
                        let type = try ASN1ObjectIdentifier(berEncoded: &nodes)
                        guard let value = nodes.next() else { throw SenimCryptoError.malformedEncoding("CertBag without value") }
                        guard type == OID.x509Certificate else { return nil } // SDSI certificates are skipped
                        return try BER.explicitlyTagged(value, tagNumber: 0, tagClass: .contextSpecific) {
                            Array(try ASN1OctetString(berEncoded: $0).bytes)
                        }
                    }
                }
                if let der {
                    certificates.append(CertificateEntry(derEncoded: der, localKeyID: bag.localKeyID, friendlyName: bag.friendlyName))
                }
            case OID.safeContentsBag:
                try readSafeContents(bag.value, password: password, depth: depth + 1)
            default:
                continue // CRL and secret bags carry nothing a signer needs
            }
        }
    }

    /// `SafeBag ::= SEQUENCE { bagId, [0] EXPLICIT bagValue, bagAttributes SET OF Attribute OPTIONAL }`.
    private struct SafeBag {
        let type: ASN1ObjectIdentifier
        let value: [UInt8]
        var localKeyID: [UInt8]?
        var friendlyName: String?

        init(berEncoded node: ASN1Node) throws {
            var localKeyID: [UInt8]?
            var friendlyName: String?
            (type, value) = try BER.sequence(node, identifier: .sequence) { nodes in
                let type = try ASN1ObjectIdentifier(berEncoded: &nodes)
                guard let wrapped = nodes.next() else { throw SenimCryptoError.malformedEncoding("SafeBag without value") }
                let value = try BER.explicitlyTagged(wrapped, tagNumber: 0, tagClass: .contextSpecific) { Array($0.encodedBytes) }
                if let attributes = nodes.next() {
                    try BER.set(attributes, identifier: .set) { attributeNodes in
                        while let attribute = attributeNodes.next() {
                            try BER.sequence(attribute, identifier: .sequence) { fields in
                                let attributeType = try ASN1ObjectIdentifier(berEncoded: &fields)
                                guard let values = fields.next() else { return }
                                let first = try ASN1Reading.children(of: values, identifier: .set).first
                                guard let first else { return }
                                if attributeType == OID.localKeyID {
                                    localKeyID = Array(try ASN1OctetString(berEncoded: first).bytes)
                                } else if attributeType == OID.friendlyName {
                                    // BMPString is UTF-16BE; Kalkan appends a NUL terminator inside the string.
                                    let bytes = Array(try ASN1BMPString(berEncoded: first).bytes)
                                    let units = stride(from: 0, to: bytes.count - 1, by: 2).map {
                                        UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
                                    }
                                    friendlyName = String(decoding: units.prefix { $0 != 0 }, as: UTF16.self)
                                }
                            }
                        }
                    }
                }
                return (type, value)
            }
            self.localKeyID = localKeyID
            self.friendlyName = friendlyName
        }
    }
}

/// `MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }` (RFC 7292 §4).
private struct MacData {
    let digest: DigestAlgorithm
    let expected: [UInt8]
    let salt: [UInt8]
    let iterations: Int

    init(berEncoded node: ASN1Node) throws {
        (digest, expected, salt, iterations) = try BER.sequence(node, identifier: .sequence) { nodes in
            guard let digestInfo = nodes.next() else { throw SenimCryptoError.malformedEncoding("MacData without mac") }
            let (algorithm, value) = try BER.sequence(digestInfo, identifier: .sequence) { fields in
                (try AlgorithmIdentifier(berEncoded: &fields), Array(try ASN1OctetString(berEncoded: &fields).bytes))
            }
            let salt = Array(try ASN1OctetString(berEncoded: &nodes).bytes)
            let iterations = try nodes.next().map { try Int(berEncoded: $0) } ?? 1
            return (try DigestAlgorithm(objectIdentifier: algorithm.algorithm), value, salt, iterations)
        }
    }

    func verify(_ authenticatedSafe: [UInt8], password: String) throws(SenimCryptoError) {
        guard digest.openSSLName != nil else { throw .unsupportedAlgorithm("PKCS#12 MAC digest \(digest.rawValue)") }
        let key = try PKCS12KeyDerivation.derive(
            digest: digest, purpose: .macKey, password: PKCS12KeyDerivation.bmpPassword(password),
            salt: salt, iterations: iterations, length: digest.digestByteCount)
        let computed = try MessageAuthentication.hmac(digest, key: key, message: authenticatedSafe)
        guard MessageAuthentication.constantTimeEquals(computed, expected) else {
            throw .integrityCheckFailed("PKCS#12 MAC mismatch: wrong password or altered file")
        }
    }
}

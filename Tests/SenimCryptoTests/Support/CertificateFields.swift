import SwiftASN1

@testable import SenimCrypto

/// Just enough of an X.509 certificate to test signature primitives on real NCA bytes:
/// the exact TBSCertificate bytes, the outer signature algorithm and value, and the subject key.
/// (The full certificate model lives in SenimPKI.)
struct CertificateFields {
    let tbsBytes: [UInt8]
    let signatureAlgorithm: AlgorithmIdentifier
    let signature: [UInt8]
    let subjectPublicKeyInfo: SubjectPublicKeyInfo

    init(der: [UInt8]) throws {
        let root = try DER.parse(der)
        (tbsBytes, signatureAlgorithm, signature, subjectPublicKeyInfo) = try DER.sequence(root, identifier: .sequence) { nodes in
            guard let tbs = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no TBS") }
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let value = try ASN1BitString(derEncoded: &nodes)
            let spki: SubjectPublicKeyInfo = try DER.sequence(tbs, identifier: .sequence) { fields in
                var node = fields.next()
                if node?.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) { node = fields.next() } // version
                _ = fields.next() // signature
                _ = fields.next() // issuer
                _ = fields.next() // validity
                _ = fields.next() // subject
                let spki = try SubjectPublicKeyInfo(derEncoded: &fields)
                while fields.next() != nil {}
                return spki
            }
            return (Array(tbs.encodedBytes), algorithm, Array(value.bytes), spki)
        }
    }

    init(pemOrDER bytes: [UInt8]) throws {
        if bytes.first == 0x30 {
            try self.init(der: bytes)
        } else {
            try self.init(der: Array(try PEMDocument(pemString: String(decoding: bytes, as: UTF8.self)).derBytes))
        }
    }
}

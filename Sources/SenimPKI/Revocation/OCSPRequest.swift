import SenimCrypto
import SwiftASN1

/// An unsigned OCSP request for one certificate (RFC 6960 §4.1): SHA-256 CertID, as NCANode and the NCA
/// responder use, and an optional nonce (RFC 8954; NCANode sends 8 bytes, SIGEX 16).
public struct OCSPRequest: Sendable {
    public let derEncoded: [UInt8]
    public let nonce: [UInt8]?

    public init(certificate: Certificate, issuer: Certificate, nonce: [UInt8]?) throws(PKIError) {
        do {
            var serializer = DER.Serializer()
            try serializer.appendConstructedNode(identifier: .sequence) { coder in // OCSPRequest
                try coder.appendConstructedNode(identifier: .sequence) { coder in // TBSRequest
                    try coder.appendConstructedNode(identifier: .sequence) { coder in // requestList
                        try coder.appendConstructedNode(identifier: .sequence) { coder in // Request
                            try coder.appendConstructedNode(identifier: .sequence) { coder in // CertID
                                try coder.serialize(
                                    AlgorithmIdentifier(algorithm: .Digest.sha256, parameters: try ASN1Any(erasing: ASN1Null())))
                                try coder.serialize(
                                    ASN1OctetString(contentBytes: DigestAlgorithm.sha256.hash(issuer.subject.derEncoded)[...]))
                                try coder.serialize(
                                    ASN1OctetString(contentBytes: DigestAlgorithm.sha256.hash(issuer.subjectPublicKeyInfo.keyBytes)[...]))
                                try coder.serialize(ArraySlice(certificate.serialNumber))
                            }
                        }
                    }
                    if let nonce {
                        try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)) { coder in
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.appendConstructedNode(identifier: .sequence) { coder in
                                    try coder.serialize(OCSPResponse.nonceExtension)
                                    var inner = DER.Serializer()
                                    try inner.serialize(ASN1OctetString(contentBytes: nonce[...]))
                                    try coder.serialize(ASN1OctetString(contentBytes: inner.serializedBytes[...]))
                                }
                            }
                        }
                    }
                }
            }
            derEncoded = serializer.serializedBytes
            self.nonce = nonce
        } catch {
            throw .malformedEncoding(what: "OCSP request", reason: "\(DecodingErrorText.sentence(error))")
        }
    }
}

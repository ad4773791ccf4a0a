import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// `TimeStampReq` (RFC 3161 §2.4.1): what a client sends to a TSA, built here and parsed by the test TSA.
public struct TimeStampRequest: Sendable, Hashable {
    public let imprintAlgorithm: DigestAlgorithm
    public let messageImprint: [UInt8]
    public let policy: ASN1ObjectIdentifier?
    /// Unsigned big-endian bytes; the response must echo it.
    public let nonce: [UInt8]?
    /// Ask the TSA to put its certificate in the token.
    public let certificateRequested: Bool

    public init(
        imprintAlgorithm: DigestAlgorithm, messageImprint: [UInt8], policy: ASN1ObjectIdentifier? = nil,
        nonce: [UInt8]? = nil, certificateRequested: Bool = true
    ) {
        self.imprintAlgorithm = imprintAlgorithm
        self.messageImprint = messageImprint
        self.policy = policy
        self.nonce = nonce
        self.certificateRequested = certificateRequested
    }

    /// A request for a signature timestamp over a SignerInfo's signature value (CAdES-T; RFC 3161 Appendix A).
    public static func forSignature(
        of signerInfo: SignerInfo, imprintAlgorithm: DigestAlgorithm = .sha256, policy: ASN1ObjectIdentifier? = nil
    ) -> TimeStampRequest {
        TimeStampRequest(
            imprintAlgorithm: imprintAlgorithm, messageImprint: imprintAlgorithm.hash(signerInfo.signature), policy: policy,
            nonce: randomNonce())
    }

    static func randomNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    public var derEncoded: [UInt8] {
        var parts = [DERWriter.integer(1)]
        let algorithm = (try? DERWriter.encode(CMSSigner.digestIdentifier(imprintAlgorithm))) ?? []
        parts.append(DERWriter.sequence([algorithm, DERWriter.octetString(messageImprint)]))
        if let policy, let encoded = try? DERWriter.encode(policy) { parts.append(encoded) }
        if let nonce { parts.append(DERWriter.unsignedInteger(nonce)) }
        if certificateRequested { parts.append([0x01, 0x01, 0xFF]) }
        return DERWriter.sequence(parts)
    }

    public init(derEncoded bytes: [UInt8]) throws(CMSError) {
        do {
            let root = try BER.parse(bytes)
            var nodes = try BERReading.children(root, .sequence, "TimeStampReq").makeIterator()
            guard let version = nodes.next(), try Int(berEncoded: version) == 1 else {
                throw ASN1Error.invalidASN1Object(reason: "TimeStampReq version")
            }
            guard let imprintNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no messageImprint") }
            var imprint = try BERReading.children(imprintNode, .sequence, "MessageImprint").makeIterator()
            guard let algorithmNode = imprint.next(), let hashNode = imprint.next() else {
                throw ASN1Error.invalidASN1Object(reason: "incomplete MessageImprint")
            }
            imprintAlgorithm = try DigestAlgorithm(objectIdentifier: try AlgorithmIdentifier(berEncoded: algorithmNode).algorithm)
            messageImprint = try BERReading.octets(hashNode)
            var policy: ASN1ObjectIdentifier?
            var nonce: [UInt8]?
            var certificateRequested = false
            while let node = nodes.next() {
                switch node.identifier {
                case .objectIdentifier: policy = try ASN1ObjectIdentifier(berEncoded: node)
                case .integer: nonce = Array(try BERReading.integerBytes(node).drop(while: { $0 == 0 }))
                case .boolean: certificateRequested = try Bool(berEncoded: node)
                default: break
                }
            }
            self.policy = policy
            self.nonce = nonce
            self.certificateRequested = certificateRequested
        } catch let error as CMSError {
            throw error
        } catch let error as SenimCryptoError {
            throw .unsupportedAlgorithm(error.description)
        } catch {
            throw .malformed("TimeStampReq: \(DecodingErrorText.sentence(error))")
        }
    }
}

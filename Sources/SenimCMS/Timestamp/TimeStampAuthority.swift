import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// A time-stamping authority (RFC 3161): answers TimeStampReqs with tokens signed by its key. The platform's
/// tests run one on loopback; a deployment points at the NCA TSA (`tsp.pki.gov.kz`) instead.
public struct TimeStampAuthority: Sendable {
    public let identity: SigningIdentity
    public let policy: ASN1ObjectIdentifier
    /// Where genTime comes from (tests pin it).
    public let clock: @Sendable () -> Date
    public let accuracy: TSTInfo.Accuracy?

    public init(
        identity: SigningIdentity, policy: ASN1ObjectIdentifier, accuracy: TSTInfo.Accuracy? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.identity = identity
        self.policy = policy
        self.accuracy = accuracy
        self.clock = clock
    }

    /// A token for the request; `serialNumber` must be unique per TSA (RFC 3161 §2.4.2).
    public func token(for request: TimeStampRequest, serialNumber: [UInt8]) throws(CMSError) -> TimeStampToken {
        let genTime = clock()
        do {
            var fields = [DERWriter.integer(1), try DERWriter.encode(request.policy ?? policy)]
            fields.append(
                DERWriter.sequence([
                    try DERWriter.encode(CMSSigner.digestIdentifier(request.imprintAlgorithm)),
                    DERWriter.octetString(request.messageImprint),
                ]))
            fields.append(DERWriter.tlv(0x02, serialNumber.isEmpty ? [0] : serialNumber))
            fields.append(try DERWriter.encode(try ASN1Time.generalizedTime(genTime, millisecondPrecision: true)))
            if let accuracy {
                var parts: [[UInt8]] = []
                if accuracy.seconds > 0 { parts.append(DERWriter.integer(accuracy.seconds)) }
                if accuracy.milliseconds > 0 { parts.append(Array([0x80] + DERWriter.integer(accuracy.milliseconds).dropFirst())) }
                if accuracy.microseconds > 0 { parts.append(Array([0x81] + DERWriter.integer(accuracy.microseconds).dropFirst())) }
                fields.append(DERWriter.sequence(parts))
            }
            if let nonce = request.nonce { fields.append(DERWriter.unsignedInteger(nonce)) }
            // tsa [0] GeneralName: the TSA's directory name, so a verifier can match it to the signer (RFC 3161 §2.4.2).
            fields.append(DERWriter.contextConstructed(0, DERWriter.tlv(0xA4, identity.certificate.subject.derEncoded)))
            let info = DERWriter.sequence(fields)
            var signer = CMSSigner(identity: identity, signingTime: genTime)
            signer.includeSigningCertificateV2 = true
            let signedData = try CMSBuilder.sign(info, contentType: .CMS.tstInfo, signers: [signer])
            return try TimeStampToken(signedData: signedData)
        } catch let error as CMSError {
            throw error
        } catch {
            throw .signingFailed("TSTInfo: \(DecodingErrorText.sentence(error))")
        }
    }

    /// A TimeStampResp for raw request bytes: granted with a token, or rejected with badRequest/badAlg.
    public func respond(to requestBytes: [UInt8], serialNumber: [UInt8]) -> [UInt8] {
        do {
            let request = try TimeStampRequest(derEncoded: requestBytes)
            let token = try self.token(for: request, serialNumber: serialNumber)
            return DERWriter.sequence([DERWriter.sequence([DERWriter.integer(0)]), token.derEncoded])
        } catch let error {
            // PKIFailureInfo: badAlg (0) for an unknown imprint algorithm, badRequest (2) otherwise.
            let bit: UInt8 = error.subIndication == .cryptoConstraintsFailure ? 0x80 : 0x20
            let text = DERWriter.sequence([DERWriter.tlv(0x0C, Array(error.description.utf8))])
            return DERWriter.sequence([DERWriter.sequence([DERWriter.integer(2), text, DERWriter.tlv(0x03, [0x05, bit])])])
        }
    }
}

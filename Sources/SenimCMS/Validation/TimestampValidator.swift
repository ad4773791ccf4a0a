import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// Validates RFC 3161 timestamp tokens: the token as a CMS signature by one TSA, the TSA certificate's
/// id-kp-timeStamping EKU, the message imprint over what the token claims to stamp, and the TSA's path at
/// genTime (not now: sigstore/timestamp-authority#1384). A token that passes is a proof of existence.
public struct TimestampValidator: Sendable, ContextualValidator {
    public let context: ValidationContext
    /// The TSA's certificate is not a signer's: nonRepudiation and the signer roles are not asked of it.
    private let tsaValidator: SigningCertificateValidator

    public init(context: ValidationContext) {
        self.context = context
        var tsaPolicy = context.policy
        tsaPolicy.requireNonRepudiation = false
        tsaPolicy.requiredRoles = []
        tsaValidator = SigningCertificateValidator(
            trustStore: context.trustStore, revocation: RevocationChecker(maximumAge: context.policy.revocationMaximumAge),
            policy: tsaPolicy, policyReference: context.policyReference)
    }

    private var policy: ValidationPolicy { context.policy }

    /// - Parameters:
    ///   - imprintedData: what the imprint must be the hash of: the signature value for a signature timestamp,
    ///     the content (or its digests) for a content or standalone timestamp.
    ///   - expectedNonce: the nonce sent in the request, which the token must echo.
    ///   - accompanying: the signature the token sits in, whose certificates and revocation data may serve the TSA path.
    ///   - validationData: certificate-values and revocation-values that came with the signature (EN 319 122-1 §A.1).
    public func validate(
        tokenBytes: [UInt8], type: TimestampKind, imprintedData: SignedContent, expectedNonce: [UInt8]? = nil,
        validationTime: Date, accompanying: SignedData? = nil, validationData: LongTermValidationValues = .init()
    ) async -> TimestampReport {
        do {
            return await validate(
                token: try TimeStampToken(bytes: tokenBytes), type: type, imprintedData: imprintedData,
                expectedNonce: expectedNonce, validationTime: validationTime, accompanying: accompanying,
                validationData: validationData)
        } catch {
            var report = TimestampReport(type: type)
            report.fail(error.subIndication, "the timestamp token cannot be read: \(DecodingErrorText.sentence(error))")
            return report
        }
    }

    public func validate(
        token: TimeStampToken, type: TimestampKind, imprintedData: SignedContent, expectedNonce: [UInt8]? = nil,
        validationTime: Date, accompanying: SignedData? = nil, validationData: LongTermValidationValues = .init()
    ) async -> TimestampReport {
        let info = token.info
        var report = TimestampReport(type: type)
        report.genTime = info.genTime
        report.policy = info.policy.description
        report.serialNumber = info.serialNumberDescription
        report.messageImprintAlgorithm = info.imprintAlgorithm.rawValue
        report.messageImprint = Hex.encode(info.messageImprint)
        report.accuracy = info.accuracy?.description
        report.nonce = info.nonce.map(Hex.encode)
        report.tsaName = info.tsaName?.description

        // The token is a CMS signature over the TSTInfo (RFC 3161 §2.4.2).
        let signedData = token.signedData
        let info0 = signedData.signerInfos[0]
        let eContent = signedData.encapsulatedContent ?? []
        let digests = DigestSet.digests(of: eContent, algorithms: [(try? info0.digest) ?? .sha256])
        // The token's own certificate-values / revocation-values (TS 101 733 archive timestamps carry the TSA's) and
        // the signature's serve the TSA path like the certificates and CRLs beside them.
        let values = validationData.merged(with: LongTermValidationValues(of: info0))
        let accompanyingCertificates = (accompanying?.certificates ?? []) + values.certificates
        let candidates = signedData.certificates + accompanyingCertificates + context.candidateCertificates
        let check = SignerInfoCheck(
            info0, id: "TST", format: .timeStampToken, contentType: .CMS.tstInfo, contentDigests: digests,
            candidates: candidates, validationTime: info.genTime)
        report.cryptographicallyValid = check.report.cryptographicallyValid && check.report.intact
        report.tsaCertificate = check.report.signingCertificate
        if let reason = check.report.reason, let sub = check.report.subIndication {
            report.fail(sub, "timestamp token: \(reason)")
        }
        let hasESSReference =
            info0.signedAttributes.map { $0[.CMS.signingCertificate] != nil || $0[.CMS.signingCertificateV2] != nil } ?? false
        if !hasESSReference {
            report.fail(.formatFailure, "the timestamp token has no signingCertificate(V2) attribute (RFC 3161 §2.4.1, RFC 5816)")
        }

        // The imprint binds the token to what it stamps.
        let algorithm = info.imprintAlgorithm
        do {
            let (imprinted, _) = try await imprintedData.digests(for: [algorithm])
            if let actual = imprinted[algorithm] {
                report.imprintMatches = actual == info.messageImprint
                if !report.imprintMatches {
                    report.fail(
                        .hashFailure,
                        "the timestamp's \(algorithm.rawValue) message imprint \(Hex.encode(info.messageImprint)) is not the hash of the "
                            + "\(Self.stampedData(type)) (\(Hex.encode(actual)))"
                    )
                }
            } else {
                report.fail(.signedDataNotFound, "the \(algorithm.rawValue) digest of the stamped data is not available")
            }
        } catch {
            report.fail(.signedDataNotFound, "the stamped data is not available: \(DecodingErrorText.sentence(error))")
        }
        if let expectedNonce, info.nonce.map({ Array($0.drop(while: { $0 == 0 })) }) != Array(expectedNonce.drop(while: { $0 == 0 })) {
            report.fail(.formatFailure, "the timestamp does not echo the request nonce")
        }

        guard let certificate = check.certificate else { return report }
        checkTimeStampingUsage(certificate, into: &report)
        if let name = info.tsaName, case .directoryName(let directory) = name, !directory.matches(certificate.subject) {
            report.fail(
                .sigConstraintsFailure, "the TSTInfo tsa name \(directory) is not the subject of the certificate that signed the token")
        }

        // The TSA path and revocation at genTime.
        var sources =
            context.revocationSources + [
                OfflineRevocationSource(revocationLists: signedData.revocationLists, ocspResponses: signedData.ocspResponses)
            ]
        sources.append(values.revocationSource)
        if let accompanying {
            sources.append(
                OfflineRevocationSource(revocationLists: accompanying.revocationLists, ocspResponses: accompanying.ocspResponses))
        }
        let outcome = await tsaValidator.validate(
            certificate, at: info.genTime, revocationSources: sources, certificateSources: context.certificateSources,
            extraIntermediates: signedData.certificates + accompanyingCertificates + context.extraCertificates,
            signatureAlgorithm: check.algorithm)
        report.chain = outcome.report.chain.map(SignatureReport.ChainEntry.init)
        report.chainTrusted = outcome.report.chain.last?.trusted ?? false
        if let sub = outcome.report.subIndication {
            report.fail(
                sub, "TSA certificate at genTime: " + (outcome.report.messages.first ?? sub.rawValue), indication: outcome.report.indication
            )
        }
        if info.genTime > validationTime.addingTimeInterval(policy.signingTimeTolerance) {
            report.fail(.timestampOrderFailure, "the timestamp's genTime is in the future of the validation time")
        }
        return report
    }

    /// What the imprint of a timestamp of this kind is the hash of, in the refusal's sentence.
    private static func stampedData(_ type: TimestampKind) -> String {
        switch type {
        case .signature: return "signature value"
        case .archive: return "signature and its validation data as EN 319 122-1 §5.5.3 concatenates them"
        case .content, .standalone, .document: return "content"
        }
    }

    /// RFC 3161 §2.3: extended key usage present, exactly id-kp-timeStamping, critical.
    private func checkTimeStampingUsage(_ certificate: Certificate, into report: inout TimestampReport) {
        let eku = certificate.extensions[ASN1ObjectIdentifier.CertificateExtensionID.extendedKeyUsage]
        let usages = ((try? certificate.extensions.extendedKeyUsage) ?? nil) ?? []
        guard usages.contains(.CMS.timeStamping) else {
            report.fail(.chainConstraintsFailure, "the TSA certificate lacks the id-kp-timeStamping extended key usage (RFC 3161 §2.3)")
            return
        }
        if usages.count > 1 {
            report.messages.append("the TSA certificate's extended key usage holds more than id-kp-timeStamping")
        }
        if policy.timestampEKUMustBeCritical, eku?.critical != true {
            report.fail(.chainConstraintsFailure, "the TSA certificate's extended key usage is not critical (RFC 3161 §2.3)")
        }
    }
}

import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// Validates CMS / CAdES signatures (RFC 5652, ETSI EN 319 122-1) the way NCALayer, eGov mobile and Kalkan
/// produce them: every SignerInfo on its own, its timestamps as proofs of existence, its certificate path and
/// revocation at the best signature time, each reported in the ETSI shape.
public struct CMSSignatureValidator: Sendable, ContextualValidator {
    public let context: ValidationContext
    private let certificateValidator: SigningCertificateValidator
    private let timestamps: TimestampValidator

    public init(context: ValidationContext) {
        self.context = context
        certificateValidator = context.signingCertificateValidator()
        timestamps = TimestampValidator(context: context)
    }

    public var trustStore: TrustStore { context.trustStore }
    public var policy: ValidationPolicy { context.policy }

    /// Validates CMS bytes (DER, BER, PEM or base64). Input that is not a readable SignedData gives a report
    /// with TOTAL_FAILED / FORMAT_FAILURE rather than an error.
    /// - Parameters:
    ///   - content: the detached content; ignored for attached signatures (the eContent is what was signed).
    ///   - time: the validation time (default now).
    public func validate(cms bytes: [UInt8], content: SignedContent? = nil, at time: Date? = nil) async -> SignatureValidationReport {
        let validationTime = time ?? Date()
        do {
            return await validate(try SignedData(bytes: bytes), content: content, at: validationTime)
        } catch {
            return .unreadable(container: "CMS", validationTime: validationTime, policy: context.policyReference, reason: error.description)
        }
    }

    public func validate(_ signedData: SignedData, content: SignedContent? = nil, at time: Date? = nil) async -> SignatureValidationReport {
        let validationTime = time ?? Date()
        var messages: [String] = []
        if signedData.trailingZeroPadding > 0 {
            messages.append("warning: \(signedData.trailingZeroPadding) zero bytes of padding follow the CMS structure; they were ignored")
        }

        // Every digest any signer or content timestamp needs, computed in one pass over the content.
        let algorithms = signedData.contentDigestAlgorithms
        var contentDigests: [DigestAlgorithm: [UInt8]]?
        var scope: SignedDataScope?
        if let eContent = signedData.encapsulatedContent {
            let digests = DigestSet.digests(of: eContent, algorithms: algorithms.union([.sha256]))
            contentDigests = digests
            scope = SignedDataScope(
                name: "encapsulated content", coverage: .full,
                description: "the eContent inside the CMS (\(eContent.count) bytes, \(signedData.encapsulatedContentType))",
                digests: Self.hexDigests(digests), length: eContent.count)
            if content != nil { messages.append("the CMS is attached; the separately supplied content was not used") }
        } else if let content {
            do {
                let (digests, length) = try await content.digests(for: algorithms.union(Self.isDigestOnly(content) ? [] : [.sha256]))
                contentDigests = digests
                scope = SignedDataScope(
                    name: "detached content", coverage: length == nil ? .digest : .full,
                    description: length.map { "the detached content supplied for verification (\($0) bytes)" }
                        ?? "only digests of the detached content were supplied; the bytes themselves were not seen",
                    digests: Self.hexDigests(digests), length: length)
            } catch {
                messages.append(error.description)
            }
        }

        var reports: [SignatureReport] = []
        for (index, info) in signedData.signerInfos.enumerated() {
            var report = await validateSigner(
                info, id: "S-\(index + 1)", in: signedData, contentType: signedData.encapsulatedContentType,
                contentDigests: contentDigests, validationTime: validationTime)
            if let scope { report.signedDataScope = [scope] }
            reports.append(report)
        }
        return SignatureValidationReport(
            container: "CMS", validationTime: validationTime, policy: context.policyReference, signatures: reports, messages: messages)
    }

    // MARK: One signer

    func validateSigner(
        _ info: SignerInfo, id: String, in signedData: SignedData, contentType: ASN1ObjectIdentifier?,
        contentDigests: [DigestAlgorithm: [UInt8]]?, validationTime: Date
    ) async -> SignatureReport {
        var check = SignerInfoCheck(
            info, id: id, format: .cms, contentType: contentType, contentDigests: contentDigests,
            candidates: signedData.certificates + context.candidateCertificates,
            validationTime: validationTime)
        var report = check.report

        // Timestamps: signature timestamps (unsigned) are proofs of existence of the signature value; content
        // timestamps (signed) prove the content existed before signing; archive timestamps (EN 319 122-1 §5.5.3)
        // prove the signature and its validation data existed. certificate-values and revocation-values serve the
        // paths as the certificates and CRLs of the SignedData do.
        let values = LongTermValidationValues(of: info)
        report.messages.append(contentsOf: values.problems)
        let embedded = OfflineRevocationSource(revocationLists: signedData.revocationLists, ocspResponses: signedData.ocspResponses)
        for attribute in info.unsignedAttributes.all(.CMS.signatureTimeStampToken) {
            for value in attribute.values {
                report.timestamps.append(
                    await timestamps.validate(
                        tokenBytes: value, type: .signature, imprintedData: .bytes(info.signature),
                        validationTime: validationTime, accompanying: signedData, validationData: values))
            }
        }
        for value in (info.signedAttributes?.all(.CMS.contentTimeStamp) ?? []).flatMap(\.values) {
            report.timestamps.append(
                await timestamps.validate(
                    tokenBytes: value, type: .content, imprintedData: .digests(contentDigests ?? [:]),
                    validationTime: validationTime, accompanying: signedData, validationData: values))
        }
        for value in info.unsignedAttributes.all(.CMS.archiveTimeStampV3).flatMap(\.values) {
            report.timestamps.append(
                await archiveTimestamp(
                    value, of: info, in: signedData, contentDigests: contentDigests, validationTime: validationTime, values: values))
        }
        if info.unsignedAttributes[.CMS.archiveTimeStampV2] != nil {
            report.messages.append(
                "the signature carries an archive-time-stamp-v2 of ETSI TS 101 733, whose imprint this verifier does not recompute: "
                    + "it is not used as a proof of existence")
        }
        let proofs = report.timestamps.filter { $0.type == .signature || $0.type == .archive }.compactMap(\.proofOfExistence)
        if let earliest = proofs.min(), earliest < validationTime {
            report.bestSignatureTime = earliest
        }
        if !proofs.isEmpty { report.format = .cadesBaselineT }
        let carriesRevocationData =
            !signedData.revocationInfoChoicesEncodings.isEmpty || !values.revocationLists.isEmpty || !values.ocspResponses.isEmpty
        if !proofs.isEmpty, carriesRevocationData, report.format == .cadesBaselineT {
            let archived = report.timestamps.contains { $0.type == .archive && $0.proofOfExistence != nil }
            report.format = archived ? .cadesBaselineLTA : .cadesBaselineLT
        }
        for failed in report.timestamps where failed.indication != .totalPassed {
            report.messages.append(
                "\(failed.type) timestamp not used as proof of existence: \(failed.reason ?? failed.indication.rawValue)")
        }

        // X.509 validation of the signing certificate at the best signature time.
        if let certificate = check.certificate {
            let outcome = await certificateValidator.validate(
                certificate, at: report.bestSignatureTime,
                revocationSources: context.revocationSources + [embedded, values.revocationSource],
                certificateSources: context.certificateSources,
                extraIntermediates: signedData.certificates + values.certificates + context.extraCertificates,
                signatureAlgorithm: check.algorithm)
            report.apply(outcome.report)
            report.messages.append(contentsOf: outcome.errors.map { "fetch: \($0)" })
            checkSigningTimeClaim(&report, certificate: certificate, signatureTimestamps: proofs)
        }
        check.report = report

        // Countersignatures sign this SignerInfo's signature value (RFC 5652 §11.4).
        for (index, value) in info.unsignedAttributes.all(.CMS.counterSignature).flatMap(\.values).enumerated() {
            do {
                let counter = try SignerInfo(derEncoded: value)
                let digests = (try? counter.digest).map { [$0: $0.hash(info.signature)] }
                check.report.counterSignatures.append(
                    await validateSigner(
                        counter, id: "\(id).\(index + 1)", in: signedData, contentType: nil,
                        contentDigests: digests, validationTime: validationTime))
            } catch {
                var broken = SignatureReport(id: "\(id).\(index + 1)", format: .cmsCountersignature, bestSignatureTime: validationTime)
                broken.fail(.formatFailure, error.description)
                check.report.counterSignatures.append(broken)
            }
        }
        return check.report
    }

    /// One archive-time-stamp-v3: its ats-hash-index read, its imprint recomputed over the signature and its
    /// validation data (EN 319 122-1 §5.5.3), the token validated as any timestamp, and every index entry found in
    /// the signature (§5.5.2).
    private func archiveTimestamp(
        _ value: [UInt8], of info: SignerInfo, in signedData: SignedData, contentDigests: [DigestAlgorithm: [UInt8]]?,
        validationTime: Date, values: LongTermValidationValues
    ) async -> TimestampReport {
        let token: TimeStampToken
        let index: ATSHashIndex
        do {
            token = try TimeStampToken(bytes: value)
            guard let found = try ATSHashIndex(in: token) else {
                var report = await timestamps.validate(
                    token: token, type: .archive, imprintedData: .digests([:]), validationTime: validationTime,
                    accompanying: signedData, validationData: values)
                report.fail(.formatFailure, "the archive timestamp carries no ats-hash-index (EN 319 122-1 §5.5.2)")
                return report
            }
            index = found
        } catch {
            var report = TimestampReport(type: .archive)
            report.fail(error.subIndication, "the archive timestamp cannot be read: \(DecodingErrorText.sentence(error))")
            return report
        }
        let algorithm = token.info.imprintAlgorithm
        guard let signedDataDigest = contentDigests?[algorithm] else {
            // Without the signed data the imprint cannot be recomputed (EN 319 102-1: SIGNED_DATA_NOT_FOUND).
            return await timestamps.validate(
                token: token, type: .archive, imprintedData: .digests([:]), validationTime: validationTime,
                accompanying: signedData, validationData: values)
        }
        var report: TimestampReport
        do {
            let input = try ArchiveTimeStampImprint.input(
                signedData: signedData, signer: info, signedDataDigest: signedDataDigest, hashIndex: index)
            report = await timestamps.validate(
                token: token, type: .archive, imprintedData: .bytes(input), validationTime: validationTime,
                accompanying: signedData, validationData: values)
        } catch {
            report = TimestampReport(type: .archive)
            report.fail(error.subIndication, "the archive timestamp's imprint cannot be recomputed: \(error.description)")
            return report
        }
        report.messages.append("archive-time-stamp-v3 with \(index.version.rawValue) (\(index.algorithm.rawValue))")
        let unmatched = index.unmatchedEntries(in: signedData, signer: info)
        if !unmatched.isEmpty {
            report.fail(
                .hashFailure,
                "the \(index.version.rawValue) lists hashes of data the signature does not hold: " + unmatched.joined(separator: ", "))
        }
        return report
    }

    /// signingTime is a claim, not a proof; but a claim that contradicts the certificate or the timestamp is
    /// evidence against the signature (docs/validation-model.md §1.1).
    private func checkSigningTimeClaim(_ report: inout SignatureReport, certificate: Certificate, signatureTimestamps: [Date]) {
        guard let claimed = report.claimedSigningTime else { return }
        let validity = certificate.validity
        let provenBeforeExpiry = signatureTimestamps.contains { $0 <= validity.notAfter }
        if claimed > validity.notAfter && !provenBeforeExpiry {
            report.fail(
                .expired,
                "the signature claims it was made at \(claimed.iso8601), after the signing certificate expired at "
                    + "\(validity.notAfter.iso8601), and no timestamp proves it existed earlier"
            )
        } else if claimed < validity.notBefore {
            report.fail(
                .notYetValid,
                "the signature claims it was made at \(claimed.iso8601), before the signing certificate became valid at "
                    + validity.notBefore.iso8601
            )
        }
        if let earliest = signatureTimestamps.min(), claimed > earliest.addingTimeInterval(policy.signingTimeTolerance) {
            report.fail(
                .timestampOrderFailure, "the claimed signing time \(claimed.iso8601) is after the signature timestamp \(earliest.iso8601)")
        }
    }

    static func hexDigests(_ digests: [DigestAlgorithm: [UInt8]]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: digests.map { ($0.key.rawValue, Hex.encode($0.value)) })
    }

    private static func isDigestOnly(_ content: SignedContent) -> Bool {
        if case .digests = content { return true }
        return false
    }
}

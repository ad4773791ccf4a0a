import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI

/// Validates the signatures embedded in a PDF (ISO 32000-2 §12.8, ETSI EN 319 142-1 PAdES): each one's CMS by
/// SenimCMS over exactly its ByteRange bytes, hashed while streaming; the ByteRange rules (from 0, the hole is the
/// `/Contents` string, the end is a revision's `%%EOF`); and the modification analysis of every later
/// revision against what the document permits. A disallowed change fails the signature with a named reason even
/// when the mathematics holds (the incremental-update attacks NCANode does not check).
public struct PDFSignatureValidator: Sendable {
    public let context: ValidationContext
    public var limits = PDFLimits()
    /// The changes allowed after an approval signature in a document without a certification signature. pyHanko
    /// allows ANNOTATIONS; this verifier is stricter by default: an annotation drawn over a signed page after
    /// signing fails unless a DocMDP P=3 certification permits it.
    public var allowedWithoutCertification: ModificationLevel = .formFilling

    public init(context: ValidationContext) { self.context = context }

    public func validate(path: String, at time: Date? = nil) async -> PDFValidationReport {
        do {
            return await validate(source: try PDFFileSource(path: path), at: time)
        } catch {
            return unreadable(error, at: time ?? Date())
        }
    }

    public func validate(bytes: [UInt8], at time: Date? = nil) async -> PDFValidationReport {
        await validate(source: PDFMemorySource(bytes), at: time)
    }

    public func validate(source: any PDFByteSource, at time: Date? = nil) async -> PDFValidationReport {
        let validationTime = time ?? Date()
        let document: PDFDocument
        let found: [PDFEmbeddedSignature]
        let store: DocumentSecurityStore?
        do {
            document = try PDFDocument(source: source, limits: limits)
            found = try SignatureFieldScanner(document: document).signatures()
            store = try DocumentSecurityStore.read(document)
        } catch {
            return unreadable(error, at: validationTime)
        }
        let signatures = found.sorted { ($0.coveredEnd ?? 0) < ($1.coveredEnd ?? 0) }

        // What each revision changed, computed once.
        let analyzer = ModificationAnalyzer(document: document)
        var changes: [[ModificationFinding]] = []
        for index in document.revisions.indices {
            do {
                changes.append(try analyzer.changes(in: index))
            } catch {
                changes.append([
                    ModificationFinding(
                        revision: index, object: nil, reason: .objectReplaced, level: .other,
                        description: "revision \(index + 1) cannot be analysed: \(error.description)")
                ])
            }
        }

        let validationContext = Self.context(context, adding: store)
        let certification = signatures.first { $0.docMDP != nil }
        let allowed = certification?.docMDP?.allowedLevel ?? allowedWithoutCertification

        var reports: [SignatureReport] = []
        var signedRanges: [[Range<Int>]?] = []
        var signedRevisions: [Int?] = []
        var summaries: [PDFValidationReport.Signature] = []
        var revisions = document.revisions.map {
            PDFValidationReport.Revision(
                number: $0.index + 1, endOffset: $0.endOffset, crossReference: $0.kind, signedBy: [],
                modificationLevel: changes[$0.index].map(\.level).max() ?? .none, changes: changes[$0.index])
        }
        for (position, signature) in signatures.enumerated() {
            let id = "S-\(position + 1)"
            var problems: [PDFSignatureProblem] = []
            var problemMessages: [String] = []
            func problem(_ kind: PDFSignatureProblem, _ text: String) {
                problems.append(kind)
                problemMessages.append("\(kind.rawValue): \(text)")
            }

            // ByteRange rules (ISO 32000-2 §12.8.1; ETSI EN 319 142-1 §5.1 and §6.3 item f).
            let ranges = signature.signedRanges.flatMap { $0[1].upperBound <= document.count ? $0 : nil }
            var revisionIndex: Int?
            var coverage = SignatureCoverage.partial
            if let ranges {
                if ranges[0].lowerBound != 0 {
                    problem(
                        .byteRangeNotFromStart,
                        "the ByteRange starts at byte \(ranges[0].lowerBound), not 0: the bytes before it are unsigned")
                }
                let hole = ranges[0].upperBound..<ranges[1].lowerBound
                if let span = signature.contentsSpan {
                    if hole != span {
                        problem(
                            .byteRangeHoleMismatch,
                            "the ByteRange leaves out bytes \(hole.lowerBound)–\(hole.upperBound), but the /Contents string is bytes "
                                + "\(span.lowerBound)–\(span.upperBound): bytes outside the signature value are unsigned"
                        )
                    }
                } else {
                    problem(
                        .signatureDictionaryNotInFile,
                        "the signature dictionary is not an indirect object written in the file, "
                            + "so its /Contents position cannot be checked"
                    )
                }
                let end = ranges[1].upperBound
                revisionIndex = document.revisions.firstIndex { $0.isEnd(end) }
                if revisionIndex == nil {
                    problem(.byteRangeNotAtRevisionEnd, "the ByteRange ends at byte \(end), which is not the end of any revision (%%EOF)")
                }
                if problems.isEmpty, let revisionIndex {
                    // The last revision's range may stop at %%EOF and leave only its end-of-line after it.
                    let last = document.revisions[revisionIndex]
                    let onlyEndOfLineAfter =
                        end == document.count || (end == last.endOffset && document.count - end == last.endOfLineLength)
                    coverage =
                        revisionIndex < document.revisions.count - 1 ? .entireRevision : onlyEndOfLineAfter ? .entireFile : .partial
                    if coverage == .partial {
                        problem(
                            .byteRangeNotAtRevisionEnd,
                            "the ByteRange ends at byte \(end); the \(document.count - end) bytes after it belong to no revision")
                    }
                }
            } else {
                problem(
                    .byteRangeMalformed, "the ByteRange \(signature.byteRange) is not four ordered, non-negative offsets inside the file")
            }

            var report = await cryptographicReport(
                signature, id: id, ranges: ranges, document: document, context: validationContext,
                validationTime: validationTime, problem: problem)
            report.signedDataScope = [
                SignedDataScope(
                    name: "ByteRange", coverage: coverage == .partial ? .partial : .full,
                    description: Self.describe(
                        coverage, revision: revisionIndex, of: document.revisions.count, byteRange: signature.byteRange),
                    digests: report.signedDataScope.first?.digests ?? [:], length: ranges.map { $0[0].count + $0[1].count })
            ]

            // Modification analysis of every revision after the signed one.
            let after = revisionIndex.map { index in Array(changes[(index + 1)...].joined()) } ?? []
            // A signature that covers no whole revision says nothing about what the rest is: OTHER, as pyHanko.
            let level = coverage == .partial ? ModificationLevel.other : after.map(\.level).max() ?? .none
            let limit = signature.subFilter == .rfc3161 ? max(allowed, .ltaUpdates) : allowed
            if let worst = after.first(where: { $0.level == .other }) ?? after.first(where: { $0.level > limit }) {
                let permission =
                    certification?.docMDP.map {
                        "the certification signature's DocMDP P=\($0.rawValue) allows up to \($0.allowedLevel.rawValue)"
                    }
                    ?? "without a certification signature this verifier allows up to \(allowedWithoutCertification.rawValue)"
                problem(
                    .disallowedModification,
                    "revision \(worst.revision + 1) made a change that is not allowed after this signature "
                        + "(\(worst.reason.rawValue), \(worst.level.rawValue)): \(worst.description); \(permission)"
                )
            }
            if !problems.isEmpty {
                // The PDF layer's named reason comes first; the CMS verdict, if it failed too, follows it.
                let cms = (indication: report.indication, subIndication: report.subIndication, messages: report.messages)
                report.indication = .totalPassed
                report.subIndication = nil
                report.messages = []
                for (kind, text) in zip(problems, problemMessages) {
                    switch kind {
                    case .disallowedModification: report.fail(.sigConstraintsFailure, text, indication: .totalFailed)
                    case .sha1DigestMismatch: report.fail(.hashFailure, text)
                    default: report.fail(.formatFailure, text)
                    }
                }
                if let subIndication = cms.subIndication {
                    report.fail(subIndication, cms.messages.first ?? subIndication.rawValue, indication: cms.indication)
                    report.messages += cms.messages.dropFirst()
                } else {
                    report.messages += cms.messages
                }
            }
            if signature.docMDP != nil, position != 0 {
                report.messages.append(
                    "a certification (DocMDP) signature that is not the first signature has no effect (ISO 32000-2 §12.8.2.2.1)")
            }
            reports.append(Self.plainLanguage(report))
            signedRanges.append(problems.isEmpty ? ranges : nil)
            signedRevisions.append(revisionIndex)
            if let revisionIndex { revisions[revisionIndex].signedBy.append(id) }
            summaries.append(
                PDFValidationReport.Signature(
                    id: id, field: signature.fieldName, subFilter: signature.subFilterName, revision: revisionIndex.map { $0 + 1 },
                    byteRange: signature.byteRange, coverage: coverage, modificationLevel: level, allowedModificationLevel: limit,
                    docMDP: signature.docMDP, certification: signature.docMDP != nil, changesAfter: after, problems: problems))
        }

        // PAdES-LTA (ETSI EN 319 102-1 §5.6.2.4, EN 319 142-1 §5.4): a valid document timestamp over a later revision
        // is a proof of existence at its genTime for every signature in the revisions it covers. A signature that is
        // INDETERMINATE only for want of such a proof (an algorithm sunset, an expired or revoked certificate after
        // the fact) is validated again at that time.
        for (position, signature) in signatures.enumerated() where signature.subFilter == .rfc3161 {
            guard reports[position].indication == .totalPassed, let stamped = signedRevisions[position] else { continue }
            let proof = reports[position].bestSignatureTime
            for earlier in signatures.indices where earlier != position && signatures[earlier].subFilter != .rfc3161 {
                guard let revision = signedRevisions[earlier], revision < stamped, let ranges = signedRanges[earlier],
                    reports[earlier].indication == .indeterminate, let sub = reports[earlier].subIndication,
                    Self.proofOfExistenceHelps(sub),
                    proof < reports[earlier].bestSignatureTime
                else { continue }
                var again = await cryptographicReport(
                    signatures[earlier], id: reports[earlier].id, ranges: ranges, document: document,
                    context: validationContext, validationTime: proof
                ) { _, _ in }
                guard again.indication == .totalPassed else { continue }
                again.signedDataScope = reports[earlier].signedDataScope
                again.messages.insert(
                    "validated at \(proof.iso8601), the time document timestamp \(reports[position].id) proves it existed (PAdES-LTA); "
                        + "at the validation time it was \(reports[earlier].indication.rawValue)/\(sub.rawValue): "
                        + (reports[earlier].messages.first ?? ""), at: 0)
                reports[earlier] = Self.plainLanguage(again)
            }
        }

        var messages: [String] = []
        if signatures.isEmpty { messages.append("the PDF has no signature") }
        let report = SignatureValidationReport(
            container: "PDF", validationTime: validationTime, policy: context.policyReference,
            signatures: reports, messages: messages)
        let counts = store.map {
            [
                "certificates": $0.certificates.count, "crls": $0.crls.count, "ocspResponses": $0.ocspResponses.count,
                "vri": $0.vriKeys.count,
            ]
        }
        return PDFValidationReport(report: report, revisions: revisions, signatures: summaries, securityStore: counts)
    }

    // MARK: One signature's cryptography

    private func cryptographicReport(
        _ signature: PDFEmbeddedSignature, id: String, ranges: [Range<Int>]?, document: PDFDocument,
        context: ValidationContext, validationTime: Date,
        problem: (PDFSignatureProblem, String) -> Void
    ) async -> SignatureReport {
        var failed = SignatureReport(id: id, format: .pdf(subFilter: signature.subFilterName), bestSignatureTime: validationTime)
        guard let subFilter = signature.subFilter else {
            problem(
                .unsupportedSubFilter,
                "the /SubFilter \(signature.subFilterName.isEmpty ? "(none)" : signature.subFilterName) is not "
                    + "adbe.pkcs7.detached, adbe.pkcs7.sha1, ETSI.CAdES.detached or ETSI.RFC3161"
            )
            return failed
        }
        guard let ranges else {
            failed.fail(.formatFailure, "the signed bytes cannot be located")
            return failed
        }
        do {
            switch subFilter {
            case .rfc3161:
                let token = try TimeStampToken(bytes: signature.contents)
                let (digests, _) = try Self.digests(of: ranges, in: document, algorithms: [token.info.imprintAlgorithm, .sha256])
                var timestamp = await TimestampValidator(context: context).validate(
                    token: token, type: .document, imprintedData: .digests(digests),
                    validationTime: validationTime)
                timestamp.messages.append("document timestamp over the ByteRange bytes (ETSI EN 319 142-1 §5.4)")
                var report = SignatureReport(id: id, format: .padesDocumentTimestamp, bestSignatureTime: token.info.genTime)
                report.indication = timestamp.indication
                report.subIndication = timestamp.subIndication
                report.messages = timestamp.messages
                report.intact = timestamp.imprintMatches
                report.cryptographicallyValid = timestamp.cryptographicallyValid
                report.chainTrusted = timestamp.chainTrusted
                report.chain = timestamp.chain
                report.timestamps = [timestamp]
                report.signedDataScope = [
                    SignedDataScope(name: "ByteRange", coverage: .full, description: "", digests: Self.hex(digests), length: nil)
                ]
                return report
            case .pkcs7SHA1:
                let signedData = try SignedData(bytes: signature.contents)
                let (digests, _) = try Self.digests(of: ranges, in: document, algorithms: [.sha1, .sha256])
                let result = await CMSSignatureValidator(context: context).validate(signedData, content: nil, at: validationTime)
                guard var report = result.signatures.first else { throw PDFError.malformedSignature("the CMS has no signer") }
                report.id = id
                report.format = .pdf(subFilter: SignatureSubFilter.pkcs7SHA1.rawValue)
                if signedData.encapsulatedContent != digests[.sha1] {
                    problem(.sha1DigestMismatch, "the SHA-1 digest inside the CMS is not the digest of the ByteRange bytes")
                    report.intact = false
                }
                report.messages.append(
                    "adbe.pkcs7.sha1 is deprecated (ISO 32000-2 §12.8.3.3.1); SHA-1 is judged by the policy's sunset dates")
                report.signedDataScope = [
                    SignedDataScope(name: "ByteRange", coverage: .full, description: "", digests: Self.hex(digests), length: nil)
                ]
                return report
            case .pkcs7Detached, .cadesDetached:
                let signedData = try SignedData(bytes: signature.contents)
                let (digests, length) = try Self.digests(
                    of: ranges, in: document, algorithms: signedData.contentDigestAlgorithms.union([.sha256]))
                let result = await CMSSignatureValidator(context: context).validate(
                    signedData, content: .hashed(digests: digests, length: length),
                    at: validationTime)
                guard var report = result.signatures.first else { throw PDFError.malformedSignature("the CMS has no signer") }
                report.id = id
                if result.signatures.count > 1 {
                    report.messages.append("the CMS holds \(result.signatures.count) signers; the PDF signature is judged by the first")
                }
                if subFilter == .cadesDetached {
                    report.format =
                        report.timestamps.contains { $0.type == .signature && $0.proofOfExistence != nil }
                        ? .padesBaselineT : .padesBaselineB
                } else {
                    report.format = .pdf(subFilter: SignatureSubFilter.pkcs7Detached.rawValue)
                }
                return report
            }
        } catch let error as PDFError {
            failed.fail(error.subIndication, error.description)
        } catch let error as CMSError {
            failed.fail(error.subIndication, "the /Contents is not a readable signature: \(error.description)")
        } catch {
            failed.fail(.formatFailure, "the /Contents is not a readable signature")
        }
        return failed
    }

    static func digests(
        of ranges: [Range<Int>], in document: PDFDocument, algorithms: Set<DigestAlgorithm>
    ) throws(PDFError)
        -> ([DigestAlgorithm: [UInt8]], Int)
    {
        var set = DigestSet(algorithms: algorithms.sorted { $0.rawValue < $1.rawValue })
        try document.source.forEachChunk(of: ranges) { set.update(bytes: $0) }
        let length = set.byteCount
        return (set.finalize(), length)
    }

    static func hex(_ digests: [DigestAlgorithm: [UInt8]]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: digests.map { ($0.key.rawValue, Hex.encode($0.value)) })
    }

    static func describe(_ coverage: SignatureCoverage, revision: Int?, of count: Int, byteRange: [Int]) -> String {
        let ranges =
            byteRange.count == 4
            ? "bytes \(byteRange[0])–\(byteRange[0] + byteRange[1]) and \(byteRange[2])–\(byteRange[2] + byteRange[3])"
            : "no usable ByteRange"
        switch coverage {
        case .entireFile: return "the whole file except the signature value (\(ranges)), \(coverage.rawValue)"
        case .entireRevision:
            return "revision \((revision ?? 0) + 1) of \(count) (\(ranges)), \(coverage.rawValue); later revisions are analysed"
        case .partial: return "part of the file (\(ranges)), \(coverage.rawValue)"
        }
    }

    /// The caller's context with the DSS certificates as path candidates and its CRLs and OCSP responses as offline
    /// revocation evidence (PAdES-B-LT, ETSI EN 319 142-1 §5.4.2).
    static func context(_ context: ValidationContext, adding store: DocumentSecurityStore?) -> ValidationContext {
        guard let store, !store.isEmpty else { return context }
        let certificates = store.certificates.compactMap { try? Certificate(bytes: $0) }
        let crls = store.crls.compactMap { try? CertificateRevocationList(bytes: $0) }
        let responses = store.ocspResponses.compactMap { try? OCSPResponse(bytes: $0) }
        return ValidationContext(
            trustStore: context.trustStore, policy: context.policy,
            revocationSources: context.revocationSources + [OfflineRevocationSource(revocationLists: crls, ocspResponses: responses)],
            certificateSources: context.certificateSources, extraCertificates: context.extraCertificates + certificates)
    }

    /// Sub-indications a proof of existence before the problem arose can resolve (ETSI EN 319 102-1 §5.6.2.4).
    static func proofOfExistenceHelps(_ subIndication: SubIndication) -> Bool { subIndication.isResolvedByProofOfExistence }

    /// Lower layers sometimes pass a decoder's own error text through (a type name and a source line from
    /// SwiftASN1); the PDF report keeps the sentence and drops those (no type names or paths in output: docs/ARCHITECTURE.md,
    /// "Conventions").
    static func plainLanguage(_ report: SignatureReport) -> SignatureReport {
        var report = report
        report.messages = report.messages.map(scrub)
        report.timestamps = report.timestamps.map { timestamp in
            var timestamp = timestamp
            timestamp.messages = timestamp.messages.map(scrub)
            return timestamp
        }
        return report
    }

    static func scrub(_ text: String) -> String {
        var result = text
        for pattern in [#"\s*[A-Za-z0-9_]+/[A-Za-z0-9_/]+\.swift:\d+"#, #"[A-Za-z0-9]+Error\.([A-Za-z0-9]+):?"#] {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            result = expression.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: pattern.hasPrefix("[") ? "$1" : "")
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    private func unreadable(_ error: any Error, at time: Date) -> PDFValidationReport {
        let reason = (error as? PDFError).map { "\($0.code): \($0.description)" } ?? "the PDF cannot be read"
        return PDFValidationReport(
            report: .unreadable(container: "PDF", validationTime: time, policy: context.policyReference, reason: reason),
            revisions: [], signatures: [], securityStore: nil, refusal: (error as? PDFError)?.code ?? "UNREADABLE")
    }
}

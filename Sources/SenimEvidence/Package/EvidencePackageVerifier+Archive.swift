import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI

/// The archive timestamps of a package (``ArchiveManifest``), verified as ETSI EN 319 102-1 §5.6 validates past
/// signatures: each archive manifest must cover exactly the entries before it; each token is validated at the time
/// the next valid one proves it existed (the last at the validation time), its TSA certificate still in its validity
/// then and its algorithm not yet retired; the earliest token from which that chain holds to the end is a proof that
/// every entry before it (the document, the signatures, the seal) existed at its genTime.
extension EvidencePackageVerifier {
    /// The earliest time the archive timestamps prove the package's signed entries existed, and by which token.
    struct ArchiveProof {
        let time: Date
        let file: String
    }

    /// The archive steps, not yet recorded (they are numbered after the seal's), and the proof they give.
    func checkArchiveTimestamps(
        _ package: PackageFiles, context: ValidationContext, at time: Date?
    ) async -> (proof: ArchiveProof?, steps: [(EvidenceCheck, Indication, EvidenceFinding)]) {
        let names = package.orderedNames.filter { $0.hasPrefix(EvidencePackageLayout.archivePrefix) }
        guard !names.isEmpty else { return (nil, []) }
        let count = names.count / 2
        let expected = (0..<count).flatMap {
            [EvidencePackageLayout.archiveManifest(number: $0 + 1), EvidencePackageLayout.archiveTimestamp(number: $0 + 1)]
        }
        // The pairs are numbered from 1, in order, and nothing follows them: each renewal is appended last.
        guard names.count % 2 == 0, names == expected, Array(package.orderedNames.suffix(names.count)) == names else {
            return (nil, [(.archiveTimestamp(file: names[0]), .totalFailed, .archiveLayoutBroken(entries: names))])
        }
        let validationTime = time ?? Date()
        let tokens = (0..<count).map { index in
            package.files[EvidencePackageLayout.archiveTimestamp(number: index + 1)].flatMap { try? TimeStampToken(bytes: $0) }
        }
        // From the last token back: each is judged at the genTime of the next one that holds, else at the validation time.
        var verdicts: [(Indication, EvidenceFinding)] = Array(repeating: (.totalFailed, .archiveLayoutBroken(entries: [])), count: count)
        var proofTime = validationTime
        var chainHolds = true
        var proof: ArchiveProof?
        for index in (0..<count).reversed() {
            let manifestName = EvidencePackageLayout.archiveManifest(number: index + 1)
            let tokenName = EvidencePackageLayout.archiveTimestamp(number: index + 1)
            let manifestBytes = package.files[manifestName] ?? []
            let problems = Self.archiveManifestProblems(manifestBytes, named: manifestName, package)
            var report = await TimestampValidator(context: context).validate(
                tokenBytes: package.files[tokenName] ?? [], type: .archive, imprintedData: .bytes(manifestBytes),
                validationTime: proofTime)
            if let token = tokens[index] { Self.checkStillTrusted(token, at: proofTime, policy: context.policy, into: &report) }
            if !problems.isEmpty {
                verdicts[index] = (.totalFailed, .archiveManifestProblems(manifest: manifestName, problems: problems))
            } else {
                let summary =
                    report.indication == .totalPassed
                    ? "\(report.tsaCertificate?.subject ?? "TSA"): \(report.indication.rawValue)"
                    : "\(report.indication.rawValue)/\(report.subIndication?.rawValue ?? "") — \(report.reason ?? "")"
                let covered = ArchiveManifest(canonical: manifestBytes)?.files.count ?? 0
                verdicts[index] = (
                    report.indication,
                    .archiveTimestampValidated(at: proofTime, genTime: tokens[index]?.info.genTime, entries: covered, summary: summary)
                )
            }
            chainHolds = chainHolds && problems.isEmpty && report.indication == .totalPassed
            if chainHolds, let genTime = tokens[index]?.info.genTime {
                proof = ArchiveProof(time: genTime, file: tokenName)
                proofTime = genTime
            } else {
                proofTime = validationTime
            }
        }
        let steps = verdicts.enumerated().map { index, verdict in
            (EvidenceCheck.archiveTimestamp(file: EvidencePackageLayout.archiveTimestamp(number: index + 1)), verdict.0, verdict.1)
        }
        return (proof, steps)
    }

    /// What is wrong with one archive manifest: unreadable, an unknown algorithm, an entry before it left out, a
    /// name it lists that is not before it, a digest that differs.
    static func archiveManifestProblems(_ bytes: [UInt8], named name: String, _ package: PackageFiles) -> [String] {
        guard let manifest = ArchiveManifest(canonical: bytes), let algorithm = manifest.digestAlgorithm else {
            return ["\(name) is not a canonical archive manifest with a known digest algorithm"]
        }
        let before = package.orderedNames.prefix { $0 != name }.filter { $0 != EvidencePackageLayout.mimetypeEntry }
        var problems: [String] = []
        for entry in before where manifest.files[entry] == nil { problems.append("\(entry) is not covered") }
        for listed in manifest.files.keys.sorted() where !before.contains(listed) { problems.append("\(listed) is not in the package") }
        for entry in before {
            guard let listed = manifest.files[entry], let actual = package.digest(of: entry, algorithm) else { continue }
            if Hex.encode(actual) != listed { problems.append("\(entry) differs from its \(algorithm.rawValue) digest") }
        }
        return problems
    }

    /// EN 319 102-1 §5.6.2.1: at the time it is judged at, the token's TSA certificate must still be in its validity
    /// and its signature algorithm not retired; otherwise only a later archive timestamp (made before then) could
    /// carry it, and there is none.
    static func checkStillTrusted(_ token: TimeStampToken, at time: Date, policy: ValidationPolicy, into report: inout TimestampReport) {
        let signer = token.signedData.signerInfos[0]
        if let certificate = token.signedData.certificates.first(where: { signer.signerIdentifier.matches($0) }),
            certificate.validity.notAfter < time
        {
            report.fail(
                .outOfBoundsNoPOE,
                "the TSA certificate expired at \(certificate.validity.notAfter.iso8601), before \(time.iso8601), and no later "
                    + "archive timestamp renews it")
        }
        if let algorithm = try? signer.algorithm, let until = policy.rule(for: algorithm)?.acceptedUntil, until < time {
            report.fail(
                .cryptoConstraintsFailureNoPOE,
                "\(algorithm.policyName) is retired since \(until.iso8601), before \(time.iso8601), and no later archive "
                    + "timestamp renews it")
        }
    }

    /// A report validated again at the archive proof's time, when that is earlier than the time it was judged at and
    /// every signature in it is INDETERMINATE for want of a proof of existence; nil when nothing changes.
    static func revalidated(
        _ report: SignatureValidationReport, judgedAt time: Date?, proof: ArchiveProof?,
        again: (Date) async -> SignatureValidationReport
    ) async -> SignatureValidationReport? {
        guard let proof, let time, proof.time < time, report.indication == .indeterminate,
            report.signatures.allSatisfy({ $0.indication == .totalPassed || $0.subIndication?.isResolvedByProofOfExistence == true })
        else { return nil }
        let repeated = await again(proof.time)
        return repeated.indication == .totalPassed ? repeated : nil
    }
}

import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI

/// RFC 3161: `TimeStampToken(bytes:)`, `TimeStampResponse(bytes:)`, TSTInfo, and `TimestampValidator` over the
/// token's own imprint (so the fuzzer reaches the TSA signature and path checks) at a fixed time.
///
/// Invariants: TSTInfo parse → `derEncoded` → parse gives the same TSTInfo; a token is TOTAL_PASSED only with a
/// TSTInfo and signed attributes a seed token carried.
enum TimestampHarness {
    static let validationTime = Fixtures.date("2026-12-01T00:00:00Z")
    static let validator = TimestampValidator(context: Fixtures.context)
    static let passing = FingerprintSet()

    static let harness = Harness(
        name: "timestamp", summary: "RFC 3161 token and response + TimestampValidator",
        prepare: {
            for seed in Fixtures.seeds("timestamp") { check(seed, learning: true) }
            FileHandle.standardError.write(Data("timestamp: \(passing.count) passing tokens on the seeds\n".utf8))
        },
        run: { bytes in check(bytes, learning: false) })

    static func check(_ bytes: [UInt8], learning: Bool) {
        let token: TimeStampToken
        if let parsed = try? TimeStampToken(bytes: bytes) {
            token = parsed
        } else if let response = try? TimeStampResponse(bytes: bytes), let inner = response.token {
            _ = response.isGranted
            token = inner
        } else {
            return
        }
        let info = token.info
        do {
            let again = try TSTInfo(derEncoded: info.derEncoded)
            Invariant.check(again == info, "TSTInfo changed on re-parse")
        } catch {
            Invariant.check(false, "a parsed TSTInfo's own DER does not parse again: \(error)")
        }
        let report = Blocking.run {
            await validator.validate(
                token: token, type: "standalone", imprintedData: .digests([info.imprintAlgorithm: info.messageImprint]),
                validationTime: validationTime)
        }
        guard report.indication == .totalPassed else { return }
        let attributes = token.signedData.signerInfos.first?.signedAttributesForSignature ?? []
        let fingerprint =
            Hex.encode(DigestAlgorithm.sha256.hash(info.derEncoded)) + "/"
            + Hex.encode(DigestAlgorithm.sha256.hash(attributes))
        if learning {
            passing.insert(fingerprint)
        } else {
            Invariant.check(passing.contains(fingerprint), "a token passed with a TSTInfo or signed attributes no seed carried")
        }
    }
}

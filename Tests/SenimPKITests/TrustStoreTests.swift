import Foundation
import SenimTestSupport
import Testing

@testable import SenimPKI

@Suite("Trust store")
struct TrustStoreTests {
    static let certs = TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs")

    @Test func shippedStoreMatchesItsPinnedList() throws {
        let readme = try String(contentsOf: Self.certs.appendingPathComponent("README.md"), encoding: .utf8)
        let pins = TrustStore.pinnedFingerprints(readme: readme)
        #expect(pins.count == 10)
        let store = try TrustStore(directory: Self.certs.path, pinnedSHA256: pins)
        #expect(store.roots.count == 5) // 3 test roots + 2 production roots
        #expect(store.intermediates.count == 5) // 3 test CAs + 2 production CAs
        #expect(store.roots.allSatisfy { $0.isSelfIssued })
    }

    @Test func unpinnedFileIsRefused() throws {
        let readme = try String(contentsOf: Self.certs.appendingPathComponent("README.md"), encoding: .utf8)
        var pins = TrustStore.pinnedFingerprints(readme: readme)
        pins.remove("b995e79e7c07429f8f79e185451e5599ce342ac720000f01b3854fdfa03031a6") // root_test_gost_2022
        #expect(throws: TrustStore.LoadError.self) { try TrustStore(directory: Self.certs.path, pinnedSHA256: pins) }
    }

    /// With the store, a KZ leaf validates using roots as anchors and the store's intermediates for the path.
    @Test func storeDrivesPathValidation() throws {
        let store = try TrustStore(directory: Self.certs.path)
        let leaf = try Certificate(bytes: try TestVectors.bytes("kz/keys/individual_valid_2015.cer"))
        let validator = CertificatePathValidator(
            inputs: PathValidationInputs(
                validationTime: ISO8601DateFormatter().date(from: "2022-08-01T00:00:00Z")!, trustAnchors: store.roots))
        guard case .success(let path) = validator.validate(leaf: leaf, intermediates: store.intermediates) else {
            Issue.record("no path through the shipped store")
            return
        }
        #expect(path.certificates.count == 3)
        #expect(path.trustAnchor.subject.commonName == "НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022")
    }

    @Test func missingDirectoryIsAnUnreadableDirectoryError() throws {
        #expect(throws: TrustStore.LoadError.unreadableDirectory("/nonexistent")) { _ = try TrustStore(directory: "/nonexistent") }
    }
}

import Foundation
import SenimCMS
import SenimEvidence
import SenimPDF
import SenimPKI
import SenimTestSupport
import SenimXMLDSig
import Testing

@testable import SenimVerify

/// ``SignatureVerifier`` combines the validators without changing their verdicts: for every format its report
/// is the one the format's own validator gives (compared as JSON), at pinned times; each refusal is a typed
/// error; the document rule fails a signature that does not name the document.
@Suite("SignatureVerifier, the one entry point")
struct SignatureVerifierTests {
    static let signingDay = ISO8601DateFormatter().date(from: "2022-10-01T00:00:00Z") ?? .distantPast
    static let xmlDay = ISO8601DateFormatter().date(from: "2021-06-01T00:00:00Z") ?? .distantPast
    static let pdfDay = ISO8601DateFormatter().date(from: "2030-01-01T00:00:00Z") ?? .distantPast
    static let crls = ["kz/crl/nca_gost2022_test.crl", "kz/crl/nca_rsa_test.crl"]

    /// certs/ (the shipped NCA anchors) and the test PKI root; revocation not required (the vectors hold no CRL
    /// of the NCA roots for their intermediates), the NCA test CRLs given.
    static func context() throws -> ValidationContext {
        let shipped = try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
        let root = try Certificate(bytes: try TestVectors.bytes("generated/test-pki/root.cert.pem"))
        var policy = ValidationPolicy.kazakhstanDefault
        policy.revocationRequired = false
        let lists = try crls.map { try CertificateRevocationList(bytes: try TestVectors.bytes($0)) }
        return ValidationContext(
            trustStore: TrustStore(roots: shipped.roots + [root], intermediates: shipped.intermediates), policy: policy,
            revocationSources: [OfflineRevocationSource(revocationLists: lists)])
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test(arguments: ["kz/cms/signed_cms_one_signer_rsa_attached.cms", "kz/cms/signed_cms_two_signers_attached.cms"])
    func attachedCMSIsTheCMSValidatorsReport(path: String) async throws {
        let context = try Self.context()
        let bytes = try TestVectors.bytes(path)
        let verification = try await SignatureVerifier(context: context).verify(bytes, at: Self.signingDay)
        let direct = await CMSSignatureValidator(context: context).validate(cms: bytes, at: Self.signingDay)
        guard case .cms(let report, .cms) = verification else {
            Issue.record("not verified as CMS")
            return
        }
        #expect(try Self.json(report) == (try Self.json(direct)))
        #expect(verification.indication == direct.indication)
        #expect(report.container == "CMS")
    }

    /// The two-signer vector: the GOST signer passes, the RSA signer's certificate had expired (KZVectorTests).
    @Test func twoSignerVerdictsThroughTheEntryPoint() async throws {
        let verification = try await SignatureVerifier(context: try Self.context())
            .verify(try TestVectors.bytes("kz/cms/signed_cms_two_signers_attached.cms"), at: Self.signingDay)
        let report = try #require(verification.report)
        #expect(report.signatures.map(\.indication) == [.totalPassed, .totalFailed])
        #expect(report.signatures[1].subIndication == .expired)
        #expect(verification.indication == .totalFailed)
    }

    /// A detached CMS needs its content: with it the GOST signer is intact, without it nothing is.
    @Test func detachedCMSWithAndWithoutContent() async throws {
        let verifier = SignatureVerifier(context: try Self.context())
        let cms = try TestVectors.bytes("kz/cms/signed_cms_two_signers_detached.cms")
        let data = SignedContent.file(path: TestVectors.url("kz/cms/signed_cms_two_signers_detached.data").path)
        let with = try #require(try await verifier.verify(cms, detachedContent: data, at: Self.signingDay).report)
        #expect(with.signatures.first?.intact == true)
        #expect(with.signatures.first?.indication == .totalPassed)
        let without = try #require(try await verifier.verify(cms, at: Self.signingDay).report)
        #expect(without.signatures.allSatisfy { !$0.intact })
        #expect(without.indication != .totalPassed)
    }

    @Test func xmlIsTheXMLValidatorsReport() async throws {
        let context = try Self.context()
        let bytes = try TestVectors.bytes("kz/xml/xml_signed_one_signer_rsa.xml")
        let verification = try await SignatureVerifier(context: context).verify(bytes, at: Self.xmlDay)
        let direct = await XMLSignatureValidator(context: context).validate(xml: bytes, at: Self.xmlDay)
        guard case .xml(let xml) = verification else {
            Issue.record("not verified as XML")
            return
        }
        #expect(try Self.json(xml.report) == (try Self.json(direct.report)))
        #expect(xml.report.indication == .totalPassed, "\(xml.report.signatures.map(\.messages))")
        #expect(xml.signedOctets.map { String(decoding: $0, as: UTF8.self) } == ["<a><b>test</b></a>"])
    }

    /// A standalone token is judged as a timestamp: the TSA at genTime, the imprint unchecked without data.
    @Test func timestampTokenIsJudgedAsATimestamp() async throws {
        let verification = try await SignatureVerifier(context: try Self.context())
            .verify(try TestVectors.bytes("kz/tsp/tsp_token.bin"), at: Self.signingDay)
        let report = try #require(verification.report)
        #expect(report.container == "TimeStampToken")
        #expect(report.signatures.count == 1)
        #expect(report.signatures[0].format == .timeStampToken)
        #expect(report.signatures[0].timestamps.map(\.type) == [.standalone])
        #expect(report.signatures[0].messages.contains("no --data given: the message imprint was not checked"))
    }

    /// A granted response is its token: the same report as the token alone.
    @Test func timestampResponseIsItsToken() async throws {
        let verifier = SignatureVerifier(context: try Self.context())
        let response = try #require(try await verifier.verify(try TestVectors.bytes("kz/tsp/tsp_response.bin"), at: Self.signingDay).report)
        let token = try #require(try await verifier.verify(try TestVectors.bytes("kz/tsp/tsp_token.bin"), at: Self.signingDay).report)
        #expect(try Self.json(response) == (try Self.json(token)))
    }

    /// `TimeStampResp { status PKIStatusInfo { rejection (2) } }` without a token (RFC 3161 §2.4.2), DER by hand.
    @Test func rejectedTimestampResponseIsRefused() async throws {
        let rejection: [UInt8] = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]
        await #expect(throws: SignatureVerificationError.timestampResponseWithoutToken(status: 2, statusText: [])) {
            _ = try await SignatureVerifier(context: try Self.context()).verify(rejection, at: Self.signingDay)
        }
    }

    @Test func pdfIsThePDFValidatorsReport() async throws {
        let context = try Self.context()
        let path = TestVectors.url("pdf/rsa-pades.pdf").path
        let verifier = SignatureVerifier(context: context)
        let direct = await PDFSignatureValidator(context: context).validate(path: path, at: Self.pdfDay)
        guard case .pdf(let fromFile) = try await verifier.verify(fileAt: path, at: Self.pdfDay),
            case .pdf(let fromBytes) = try await verifier.verify(try TestVectors.bytes("pdf/rsa-pades.pdf"), at: Self.pdfDay)
        else {
            Issue.record("not verified as PDF")
            return
        }
        #expect(try Self.json(fromFile) == (try Self.json(direct)))
        #expect(try Self.json(fromBytes) == (try Self.json(direct)))
        #expect(fromFile.signatures.count == 1)
    }

    /// An evidence package needs the package verifier SenimEvidence provides; with it, the package's verdict.
    @Test func evidencePackageThroughThePlugIn() async throws {
        let bytes = try TestVectors.bytes("evidence/sample.asice")
        await #expect(throws: SignatureVerificationError.evidencePackagesNotSupported) {
            _ = try await SignatureVerifier(context: try Self.context()).verify(bytes)
        }
        let context = try Self.packageContext()
        let packages = EvidencePackageVerifier(context: context, usesPackagePolicy: true)
        let verifier = SignatureVerifier(context: context, evidencePackages: packages)
        guard case .evidencePackage(let outcome) = try await verifier.verify(fileAt: TestVectors.url("evidence/sample.asice").path)
        else {
            Issue.record("not verified as an evidence package")
            return
        }
        let verification = try #require(outcome as? EvidencePackageVerification)
        #expect(verification.overall == .totalPassed, "\(verification.steps.map { "\($0.name): \($0.detail)" })")
        #expect(verification.steps.count == 10)
        let direct = await packages.verify(packageBytes: bytes)
        #expect(verification.steps.map(\.name) == direct.steps.map(\.name))
        #expect(verification.steps.map(\.indication) == direct.steps.map(\.indication))
    }

    /// The sample package's context (EvidencePackageTests): the test PKI root's CRL, no CA revocation required.
    static func packageContext() throws -> ValidationContext {
        let shipped = try TrustStore(directory: TestVectors.root.deletingLastPathComponent().appendingPathComponent("certs").path)
        let root = try Certificate(bytes: try TestVectors.bytes("generated/test-pki/root.cert.pem"))
        let testCRL = try CertificateRevocationList(bytes: try TestVectors.bytes("generated/test-pki/root.crl"))
        return ValidationContext(
            trustStore: TrustStore(roots: shipped.roots + [root], intermediates: shipped.intermediates),
            revocationSources: [OfflineRevocationSource(revocationLists: [testCRL])])
    }

    @Test func unknownInputIsRefused() async throws {
        let verifier = SignatureVerifier(context: try Self.context())
        await #expect(throws: SignatureVerificationError.unrecognisedFormat) {
            _ = try await verifier.verify(Array("no signature here".utf8), at: Self.signingDay)
        }
        await #expect(throws: SignatureVerificationError.unreadable(path: "/nonexistent/senimkey-verify")) {
            _ = try await verifier.verify(fileAt: "/nonexistent/senimkey-verify", at: Self.signingDay)
        }
        #expect(SignatureVerificationError.unrecognisedFormat.subIndication == .formatFailure)
    }

    /// A broken CMS is a report (unreadable, FORMAT_FAILURE), not a refusal.
    @Test func malformedCMSIsAnUnreadableReport() async throws {
        let der = try TestVectors.bytes("kz/cms/signed_cms_one_signer_rsa_attached.cms")
        let report = try #require(
            try await SignatureVerifier(context: try Self.context()).verify(Array(der.prefix(200)), at: Self.signingDay).report)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .formatFailure)
        #expect(report.container == "CMS")
    }

    // MARK: The signed XML names the document

    /// NCANode's XML signs `<a><b>test</b></a>`, which names no document: valid alone, SIGNED_DATA_NOT_FOUND
    /// when it is presented as the signature of a document.
    @Test func xmlThatNamesNoDocumentFailsTheRule() async throws {
        let verifier = SignatureVerifier(context: try Self.context())
        let bytes = try TestVectors.bytes("kz/xml/xml_signed_one_signer_rsa.xml")
        let alone = await verifier.verifyXML(bytes, at: Self.xmlDay)
        #expect(alone.report.indication == .totalPassed)
        let document = DocumentReference(id: "d-1", sha256: String(repeating: "ab", count: 32))
        let bound = await verifier.verifyXML(bytes, at: Self.xmlDay, naming: document)
        #expect(bound.report.indication == .indeterminate) // SIGNED_DATA_NOT_FOUND is INDETERMINATE (EN 319 102-1 Table 5)
        #expect(bound.report.signatures.map(\.subIndication) == [.signedDataNotFound])
        #expect(bound.report.signatures[0].messages.first == DocumentStatement.notNamedMessage)
        // The validator's own result is kept as it was.
        #expect(bound.validation.report.indication == .totalPassed)
    }

    /// The rule itself: the statement names its document by id and SHA-256; any other id or digest does not.
    @Test func statementNamesOnlyItsDocument() {
        let sha256 = String(repeating: "0f", count: 32)
        let statement = Array(DocumentStatement.text(documentID: "d-17", fileName: "Договор.pdf", sha256: sha256, gost34311: "00").utf8)
        #expect(DocumentStatement.names([statement], documentID: "d-17", sha256: sha256))
        #expect(DocumentStatement.names([statement], documentID: nil, sha256: sha256))
        #expect(DocumentStatement.names([statement], documentID: "d-17", sha256: sha256.uppercased()))
        #expect(!DocumentStatement.names([statement], documentID: "d-18", sha256: sha256))
        #expect(!DocumentStatement.names([statement], documentID: "d-17", sha256: String(repeating: "f0", count: 32)))
        #expect(!DocumentStatement.names([], documentID: "d-17", sha256: sha256))
    }
}

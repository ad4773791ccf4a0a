import Foundation
import Testing

@testable import SenimPKI

/// The typed report vocabulary encodes to exactly the strings the report JSON always had, decodes back, and
/// refuses a name no report writes.
@Suite("Report vocabulary")
struct ReportVocabularyTests {
    static func json(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode([value]), as: UTF8.self) }

    @Test func signatureFormatsKeepTheirNames() throws {
        let expected: [(SignatureFormat, String)] = [
            (.cms, "CMS"), (.cadesBaselineB, "CAdES-BASELINE-B"), (.cadesBaselineT, "CAdES-BASELINE-T"),
            (.cadesBaselineLT, "CAdES-BASELINE-LT"), (.cadesBaselineLTA, "CAdES-BASELINE-LTA"),
            (.cmsCountersignature, "CMS countersignature"), (.timeStampToken, "TimeStampToken"), (.xmlDSig, "XMLDSig"),
            (.sesSeal, "SES seal"), (.padesBaselineB, "PAdES-BASELINE-B"), (.padesBaselineT, "PAdES-BASELINE-T"),
            (.padesDocumentTimestamp, "PAdES document timestamp"), (.pdf(subFilter: "adbe.pkcs7.sha1"), "PDF adbe.pkcs7.sha1"),
        ]
        for (format, name) in expected {
            #expect(try Self.json(format) == "[\"\(name)\"]")
            #expect(SignatureFormat(rawValue: name) == format)
            #expect(try JSONDecoder().decode([SignatureFormat].self, from: Data("[\"\(name)\"]".utf8)) == [format])
        }
        #expect(SignatureFormat.named.count == expected.count - 1)
    }

    @Test func unknownSignatureFormatIsRefused() {
        #expect(SignatureFormat(rawValue: "CAdES-BASELINE-A") == nil)
        #expect(SignatureFormat(rawValue: "") == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([SignatureFormat].self, from: Data("[\"cms\"]".utf8)) }
    }

    @Test func timestampKindsAndRevocationNamesKeepTheirStrings() throws {
        #expect(TimestampKind.allRawValues == ["signature", "content", "standalone", "document", "archive"])
        #expect(try Self.json(RevocationStatus.Name.trustAnchor) == "[\"trust anchor\"]")
        #expect(try Self.json(RevocationStatus.Name.unchecked) == "[\"unchecked\"]")
        #expect(RevocationStatus.good().name == .good)
        #expect(RevocationStatus.revoked(at: Date(timeIntervalSince1970: 0), reason: nil).name == .revoked)
        #expect(RevocationStatus.unknown(.tryLater, "stale").name == .unknown)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TimestampKind].self, from: Data("[\"archival\"]".utf8)) }
    }
}

extension TimestampKind {
    static var allRawValues: [String] { [TimestampKind.signature, .content, .standalone, .document, .archive].map(\.rawValue) }
}

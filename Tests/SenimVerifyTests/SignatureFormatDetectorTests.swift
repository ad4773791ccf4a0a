import Foundation
import SenimCMS
import SenimTestSupport
import Testing

@testable import SenimVerify

/// Every format told from real vectors (the NCANode CMS, XML and RFC 3161 files, a pyHanko PAdES file, the
/// committed evidence package), the byte-order-mark and white-space cases, and one refusal per rule.
@Suite("Signature format detection")
struct SignatureFormatDetectorTests {
    static let cms = "kz/cms/signed_cms_one_signer_rsa_attached.cms"

    static func kind(_ detected: DetectedSignature) -> String {
        switch detected {
        case .pdf: return "pdf"
        case .evidencePackage: return "evidencePackage"
        case .xml: return "xml"
        case .cms: return "cms"
        case .timestampToken: return "timestampToken"
        case .timestampResponse: return "timestampResponse"
        case .malformedCMS: return "malformedCMS"
        case .unknown: return "unknown"
        }
    }

    static func detect(_ bytes: [UInt8]) -> String { kind(SignatureFormatDetector.detect(bytes)) }

    @Test(arguments: [
        ("kz/cms/signed_cms_one_signer_rsa_attached.cms", "cms"),
        ("kz/cms/signed_cms_two_signers_attached.cms", "cms"),
        ("kz/cms/signed_cms_two_signers_detached.cms", "cms"),
        ("kz/xml/xml_signed_one_signer_rsa.xml", "xml"),
        ("kz/xml/xml_signed_two_signers_rsa_gost2015.xml", "xml"),
        ("kz/tsp/tsp_token.bin", "timestampToken"),
        ("kz/tsp/tsp_response.bin", "timestampResponse"),
        ("pdf/rsa-pades.pdf", "pdf"),
        ("pdf/base-xrefstream.pdf", "pdf"),
        ("evidence/sample.asice", "evidencePackage"),
        // The detached content is no signature at all.
        ("kz/cms/signed_cms_two_signers_detached.data", "unknown"),
    ])
    func realVectorIsDetected(path: String, expected: String) throws {
        #expect(Self.detect(try TestVectors.bytes(path)) == expected)
    }

    /// The CMS keeps what was parsed: the detector's SignedData is the vector's, byte for byte.
    @Test func cmsCarriesTheParsedSignedData() throws {
        let der = try TestVectors.bytes(Self.cms)
        guard case .cms(let signedData) = SignatureFormatDetector.detect(der) else {
            Issue.record("not detected as CMS")
            return
        }
        #expect(signedData.derEncoded == der)
        #expect(signedData.signerInfos.count == 1)
    }

    /// The same DER as PEM (`CMS` and `PKCS7` labels) and as bare base64 is the same CMS.
    @Test func pemAndBase64AreCMS() throws {
        let der = try TestVectors.bytes(Self.cms)
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters])
        for label in ["CMS", "PKCS7"] {
            let pem = "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
            guard case .cms(let parsed) = SignatureFormatDetector.detect(Array(pem.utf8)) else {
                Issue.record("PEM \(label) not detected as CMS")
                continue
            }
            #expect(parsed.derEncoded == der)
        }
        #expect(Self.detect(Array(base64.utf8)) == "cms")
        #expect(Self.detect(Array(("\n  " + base64 + "\n").utf8)) == "cms")
    }

    /// The token inside the response is the committed token: the response is not mistaken for it.
    @Test func timestampResponseCarriesItsToken() throws {
        guard case .timestampResponse(let response) = SignatureFormatDetector.detect(try TestVectors.bytes("kz/tsp/tsp_response.bin"))
        else {
            Issue.record("not detected as a timestamp response")
            return
        }
        #expect(response.status == 0)
        #expect(response.token?.derEncoded == (try TestVectors.bytes("kz/tsp/tsp_token.bin")))
    }

    // MARK: Byte-order mark and white space (XML 1.0 §2.3, §4.3.3)

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func byteOrderMarkAndWhiteSpaceBeforeXML() throws {
        let xml = try TestVectors.bytes("kz/xml/xml_signed_one_signer_rsa.xml")
        #expect(Self.detect(Self.bom + xml) == "xml")
        #expect(Self.detect(Self.bom + Array(" \t\r\n".utf8) + xml) == "xml")
        #expect(Self.detect(Array("\n\n  \t".utf8) + xml) == "xml")
        #expect(SignatureFormatDetector.isXML(Array("<a/>".utf8)))
    }

    /// A byte-order mark is only a mark at offset 0: after white space, or twice, it is content, and the
    /// input is no XML (the platform's old rule skipped any mix of the mark's bytes and white space).
    @Test func byteOrderMarkElsewhereIsNotXML() {
        let xml = Array("<a>x</a>".utf8)
        #expect(!SignatureFormatDetector.isXML(Array(" ".utf8) + Self.bom + xml))
        #expect(!SignatureFormatDetector.isXML(Self.bom + Self.bom + xml))
        #expect(!SignatureFormatDetector.isXML([0xBB, 0xEF] + xml))
        #expect(!SignatureFormatDetector.isXML(Self.bom))
        #expect(Self.detect(Array(" ".utf8) + Self.bom + xml) == "unknown")
    }

    /// Other white space than XML's (a form feed, a no-break space) does not lead to XML.
    @Test func onlyXMLWhiteSpaceIsSkipped() {
        #expect(!SignatureFormatDetector.isXML([0x0C] + Array("<a/>".utf8)))
        #expect(!SignatureFormatDetector.isXML([0xC2, 0xA0] + Array("<a/>".utf8)))
    }

    // MARK: One refusal per rule

    @Test func emptyAndTextAreUnknown() {
        #expect(Self.detect([]) == "unknown")
        #expect(Self.detect(Array("hello, this is no signature".utf8)) == "unknown")
        #expect(Self.detect(Self.bom) == "unknown")
    }

    /// `%PDF-` only at offset 0, and with its dash.
    @Test func pdfHeaderMustBeAtTheStart() throws {
        let pdf = try TestVectors.bytes("pdf/rsa-pades.pdf")
        #expect(!SignatureFormatDetector.isPDF(Array(" ".utf8) + pdf))
        #expect(!SignatureFormatDetector.isPDF(Self.bom + pdf))
        #expect(!SignatureFormatDetector.isPDF(Array("%PDF".utf8)))
        #expect(SignatureFormatDetector.isPDF(Array("%PDF-".utf8)))
    }

    /// A ZIP is an evidence package only when its first entry is named `mimetype`.
    @Test func zipWithoutMimetypeFirstIsNoPackage() throws {
        var package = try TestVectors.bytes("evidence/sample.asice")
        #expect(SignatureFormatDetector.isEvidencePackage(package))
        #expect(!SignatureFormatDetector.isEvidencePackage(Array(package.prefix(37))))
        package[30] = UInt8(ascii: "M") // "Mimetype"
        #expect(!SignatureFormatDetector.isEvidencePackage(package))
        package[30] = UInt8(ascii: "m")
        package[26] = 9 // a name of another length
        #expect(!SignatureFormatDetector.isEvidencePackage(package))
        package[26] = 8
        package[2] = 0x05 // not a local file header
        #expect(!SignatureFormatDetector.isEvidencePackage(package))
    }

    /// A CMS cut short still starts like DER: a broken CMS, reported as unreadable, not as an unknown file.
    @Test func truncatedCMSIsMalformedCMS() throws {
        let der = try TestVectors.bytes(Self.cms)
        #expect(Self.detect(Array(der.prefix(200))) == "malformedCMS")
        #expect(Self.detect([0x30, 0x03, 0x02, 0x01]) == "malformedCMS")
    }

    /// A TSTInfo-less SignedData stays a CMS: only a token's content makes a timestamp token.
    @Test func tokenNeedsTSTInfoContent() throws {
        #expect(Self.detect(try TestVectors.bytes(Self.cms)) == "cms")
        #expect(Self.detect(try TestVectors.bytes("kz/tsp/tsp_token.bin")) == "timestampToken")
    }

    // MARK: Streamed formats

    @Test func streamedFormatReadsOnlyThePrefix() {
        #expect(SignatureFormatDetector.streamedFormat(atPath: TestVectors.url("pdf/rsa-pades.pdf").path).map(Self.kind) == "pdf")
        #expect(
            SignatureFormatDetector.streamedFormat(atPath: TestVectors.url("evidence/sample.asice").path).map(Self.kind)
                == "evidencePackage")
        #expect(SignatureFormatDetector.streamedFormat(atPath: TestVectors.url(Self.cms).path) == nil)
        #expect(SignatureFormatDetector.streamedFormat(atPath: TestVectors.url("kz/xml/xml_signed_one_signer_rsa.xml").path) == nil)
        #expect(SignatureFormatDetector.streamedFormat(atPath: "/nonexistent/senimkey-verify-test") == nil)
    }
}

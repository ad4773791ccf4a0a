import Foundation
import SenimEvidence
import Testing

@testable import SenimServer

/// The small rules every request passes through: language, client address, media type, route redaction.
@Suite struct RequestParsingTests {
    @Test(
        arguments: [
            (nil, Language.ru), ("kk-KZ,ru;q=0.8", .kk), ("kz", .kk), ("en-US,en;q=0.9", .en), ("de-DE, en;q=0.5, kk;q=0.7", .kk),
            ("fr, de", .ru), ("ru;q=0, en", .en), ("", .ru),
        ] as [(String?, Language)])
    func acceptLanguagePicksTheBestSupported(header: String?, expected: Language) {
        #expect(Language(acceptLanguage: header) == expected)
    }

    @Test func forwardedForNeedsATrustedPeer() {
        #expect(ClientAddress.resolve(peer: "198.51.100.7", forwardedFor: "203.0.113.1", trustedProxies: []) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "203.0.113.1", trustedProxies: ["10.0.0.2"]) == "203.0.113.1")
        // A client-supplied entry left of an untrusted hop is not believed.
        #expect(
            ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.1", trustedProxies: ["10.0.0.2"]) == "203.0.113.1")
        #expect(
            ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "203.0.113.1, 10.0.0.3", trustedProxies: ["10.0.0.2", "10.0.0.3"])
                == "203.0.113.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: nil, trustedProxies: ["10.0.0.2"]) == "10.0.0.2")
    }

    @Test func mediaTypeComesFromTheBytes() {
        #expect(MediaTypeSniffer.mediaType(of: Array("%PDF-1.7".utf8), fileName: "contract.txt") == "application/pdf")
        #expect(
            MediaTypeSniffer.mediaType(of: [0x50, 0x4B, 0x03, 0x04, 0], fileName: "Договор.docx").hasSuffix("wordprocessingml.document"))
        #expect(MediaTypeSniffer.mediaType(of: [0x50, 0x4B, 0x03, 0x04, 0], fileName: "a.pdf") == "application/zip")
        #expect(MediaTypeSniffer.mediaType(of: Array("\u{FEFF}<?xml version=\"1.0\"?><a/>".utf8), fileName: "a") == "application/xml")
        #expect(MediaTypeSniffer.mediaType(of: Array("Акт сверки".utf8), fileName: "a.pdf") == "text/plain; charset=utf-8")
        #expect(MediaTypeSniffer.mediaType(of: [0x00, 0xFF, 0x10], fileName: "a.pdf") == "application/octet-stream")
        #expect(MediaTypeSniffer.mediaType(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], fileName: "x") == "image/png")
    }

    @Test func everyRefusalHasAMessageInEveryLanguage() {
        let reasons: [APIError.Reason] = [
            .notAuthenticated, .permissionDenied(.notYourTurn), .badRequest(.bodyNotJSON), .notFound,
            .payloadTooLarge(limit: 1), .unreadableSignature(.notCMS), .unavailable("x"),
            .workflow(.notSignersTurn(signerID: "s", state: .waiting)), .workflow(.codeNotAccepted(.expired)),
            .workflow(.rateLimited(.phone, retryAfter: 60)), .workflow(.agreementNotAccepted(edition: "1")),
            .workflow(.noTariffUsesLeft(partnerID: "p")),
        ]
        for reason in reasons {
            let texts = Language.allCases.map { APIError(reason).message(in: $0) }
            #expect(Set(texts).count == 3, "\(reason): \(texts)")
            #expect(!APIError(reason).code.isEmpty)
        }
    }
}

import Foundation
import Hummingbird
import NIOCore
import SenimCrypto
import SenimEvidence
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

@testable import SenimServer

/// The API and the page upload a document by one set of rules (``UploadDraft``) and one streaming path
/// (``DocumentUpload``): each place where the two once disagreed is attacked through both, and the page's
/// multipart body is read as it arrives.
@Suite(.serialized) struct UploadTests {
    static let csrfCookie = "senimkey_csrf=" + String(repeating: "c", count: 43)
    static let pdf = Array("%PDF-1.4\n% договор\n%%EOF\n".utf8)

    /// What an upload through each path answered, and the document when one was made.
    struct Outcome {
        let status: Int
        let code: String?
        let document: [String: Any]?
    }

    /// The API's upload with `query` after `fileName`.
    static func api(_ scene: AttackScene, fileName: String, query: String = "") async throws -> Outcome {
        let name = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let answer = try await scene.server.request(
            .POST, "/api/v1/partners/\(scene.partnerID)/documents?fileName=\(name)\(query)", token: scene.managerToken, body: pdf)
        let json = try? answer.json()
        return Outcome(status: answer.status, code: json?["code"] as? String, document: json?["document"] as? [String: Any])
    }

    /// The page's form post: the file part named `fileName`, then `fields` in order (a browser sends the file
    /// where the form has it, before the options).
    static func page(_ scene: AttackScene, fileName: String, fields: [(String, String)] = [], file: [UInt8] = pdf) async throws
        -> Outcome
    {
        let server = scene.server
        let cookie = csrfCookie + "; senimkey_session=\(scene.managerToken)"
        let form = try await server.request(.GET, "/cabinet/new", headers: [("Cookie", cookie)])
        let token = try #require(
            form.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
        var body = Array("--senim\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n".utf8)
        body += Array("--senim\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n".utf8)
        body += Array("Content-Type: application/pdf\r\n\r\n".utf8) + file + Array("\r\n".utf8)
        for (name, value) in fields {
            body += Array("--senim\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--senim--\r\n".utf8)
        let answer = try await server.request(
            .POST, "/cabinet/documents?csrf=\(token)", body: body,
            headers: [("Cookie", cookie), ("Content-Type", "multipart/form-data; boundary=senim"), ("Accept-Language", "en")])
        guard answer.status == 303, let location = answer.headers.first(name: "Location") else {
            return Outcome(status: answer.status, code: nil, document: nil)
        }
        let documentID = String(location.dropFirst("/cabinet/documents/".count))
        let state = try await server.request(.GET, "/api/v1/documents/\(documentID)", token: scene.managerToken)
        return Outcome(status: answer.status, code: nil, document: try state.json()["document"] as? [String: Any])
    }

    @Test(arguments: StoreKind.available) func aFileNameWithAPathIsRefusedByTheAPIAndThePage(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            for name in ["../contract.pdf", "dir/contract.pdf", "C:\\Users\\contract.pdf", " ", String(repeating: "a", count: 256)] {
                let api = try await Self.api(scene, fileName: name)
                #expect(api.status == 400 && api.code == "INVALID_INPUT", "API \(name): \(api.status)")
                let page = try await Self.page(scene, fileName: name)
                #expect(page.status == 400, "page \(name): \(page.status)")
            }
            // The same name both accept, kept as given (trimmed of spaces).
            let api = try await Self.api(scene, fileName: " Договор.pdf ")
            #expect(api.status == 201 && api.document?["fileName"] as? String == "Договор.pdf")
            let page = try await Self.page(scene, fileName: " Договор.pdf ")
            #expect(page.status == 303 && page.document?["fileName"] as? String == "Договор.pdf")
            let longest = String(repeating: "a", count: 251) + ".pdf"
            #expect(try await Self.api(scene, fileName: longest).status == 201)
            #expect(try await Self.page(scene, fileName: longest).status == 303)
        }
    }

    @Test(arguments: StoreKind.available) func anUnknownOptionIsRefusedByBothNeverReplacedByTheDefault(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            for (field, value) in [
                ("language", "de"), ("signingMethod", "FAX"), ("signingOrder", "RANDOM"), ("partnerSignsFirst", "yes"),
                ("deadline", "tomorrow"),
            ] {
                let api = try await Self.api(scene, fileName: "a.pdf", query: "&\(field)=\(value)")
                #expect(api.status == 400 && api.code == "INVALID_INPUT", "API \(field)=\(value): \(api.status)")
                let page = try await Self.page(scene, fileName: "a.pdf", fields: [(field, value)])
                #expect(page.status == 400, "page \(field)=\(value): \(page.status)")
            }
            // Known values are taken as given by both.
            let options = [("language", "kk"), ("signingMethod", "SES"), ("signingOrder", "SEQUENTIAL")]
            let api = try await Self.api(scene, fileName: "a.pdf", query: options.map { "&\($0)=\($1)" }.joined())
            let page = try await Self.page(scene, fileName: "a.pdf", fields: options)
            for document in [api.document, page.document] {
                #expect(document?["language"] as? String == "kk")
                #expect(document?["signingMethod"] as? String == "SES")
                #expect(document?["signingOrder"] as? String == "SEQUENTIAL")
            }
        }
    }

    @Test(arguments: StoreKind.available) func partnerSignsFirstReadsTheSameOnBothPaths(_ kind: StoreKind) async throws {
        try await AttackScene.with(kind) { scene in
            for (value, expected) in [("true", true), ("1", true), ("false", false), ("0", false)] {
                let api = try await Self.api(scene, fileName: "a.pdf", query: "&partnerSignsFirst=\(value)")
                #expect(api.document?["partnerSignsFirst"] as? Bool == expected, "API \(value)")
                let page = try await Self.page(scene, fileName: "a.pdf", fields: [("partnerSignsFirst", value)])
                #expect(page.document?["partnerSignsFirst"] as? Bool == expected, "page \(value)")
            }
            // Left out: the default (the partner first) on both.
            #expect(try await Self.api(scene, fileName: "a.pdf").document?["partnerSignsFirst"] as? Bool == true)
            #expect(try await Self.page(scene, fileName: "a.pdf").document?["partnerSignsFirst"] as? Bool == true)
            // The page's checkbox: its hidden `0` comes first, the ticked box's `1` after it; the last one counts.
            let ticked = try await Self.page(scene, fileName: "a.pdf", fields: [("partnerSignsFirst", "0"), ("partnerSignsFirst", "1")])
            #expect(ticked.document?["partnerSignsFirst"] as? Bool == true)
            let unticked = try await Self.page(scene, fileName: "a.pdf", fields: [("partnerSignsFirst", "0")])
            #expect(unticked.document?["partnerSignsFirst"] as? Bool == false)
        }
    }

    @Test(arguments: StoreKind.available) func bothPathsStoreTheSameBytesWithTheSameDigestsAndRefuseOversize(_ kind: StoreKind) async throws
    {
        let adjust: (inout ServerConfiguration) -> Void = { $0.maximumDocumentSize = 4096 }
        try await AttackScene.with(kind, adjust: adjust) { scene in
            let api = try await Self.api(scene, fileName: "a.pdf")
            let page = try await Self.page(scene, fileName: "a.pdf")
            let sha256 = Hex.encode(DigestAlgorithm.sha256.hash(Self.pdf))
            #expect(api.document?["sha256"] as? String == sha256 && page.document?["sha256"] as? String == sha256)
            #expect(
                api.document?["mediaType"] as? String == "application/pdf" && page.document?["mediaType"] as? String == "application/pdf")
            #expect(api.document?["size"] as? Int == Self.pdf.count && page.document?["size"] as? Int == Self.pdf.count)
            // One byte over the limit: 413 from both.
            let over = [UInt8](repeating: 0x41, count: 4097)
            let apiOver = try await scene.server.request(
                .POST, "/api/v1/partners/\(scene.partnerID)/documents?fileName=a.pdf", token: scene.managerToken, body: over)
            #expect(apiOver.status == 413)
            #expect(try await Self.page(scene, fileName: "a.pdf", file: over).status == 413)
            // An empty file part is no document.
            #expect(try await Self.page(scene, fileName: "a.pdf", file: []).status == 400)
        }
    }
}

/// The multipart reader in isolation: the page's body arrives in pieces, a delimiter may straddle two of them,
/// and what the reader holds at once stays bounded by one piece and one delimiter.
@Suite struct MultipartReaderTests {
    static func body(_ bytes: [UInt8], pieces size: Int) -> RequestBody {
        let chunks = stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) }
        return RequestBody(asyncSequence: AsyncStreamOf(chunks))
    }

    static let file = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    static let form: [UInt8] =
        Array("preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfirst\r\n".utf8)
        + Array("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n\r\n".utf8) + file
        + Array("\r\n--xyz\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n\r\n--xyz--\r\n".utf8)

    @Test(arguments: [1, 2, 7, 64, 1000, 100_000]) func partsAreReadExactlyWhateverThePieces(_ size: Int) async throws {
        let reader = MultipartReader(body: Self.body(Self.form, pieces: size), boundary: "xyz")
        #expect(try await reader.nextPart() == .init(name: "a", fileName: nil))
        #expect(try await reader.content(limit: 100) == Array("first".utf8))
        #expect(try await reader.nextPart() == .init(name: "file", fileName: "f.bin"))
        var received: [UInt8] = []
        var largest = 0
        for try await chunk in reader.contentChunks() {
            received += chunk
            largest = max(largest, chunk.count)
        }
        #expect(received == Self.file)
        // Held at once: at most one piece plus the delimiter's length kept back.
        #expect(largest <= size + "\r\n--xyz".utf8.count)
        #expect(try await reader.nextPart() == .init(name: "b", fileName: nil))
        #expect(try await reader.content(limit: 100) == [])
        #expect(try await reader.nextPart() == nil)
    }

    @Test func aBodyWithoutItsClosingDelimiterIsMalformed() async throws {
        let cut = Array(Self.form.dropLast("\r\n--xyz--\r\n".utf8.count + 5))
        let reader = MultipartReader(body: Self.body(cut, pieces: 512), boundary: "xyz")
        await #expect(throws: FormBody.FormError.malformed) {
            while try await reader.nextPart() != nil { for try await _ in reader.contentChunks() {} }
        }
    }

    @Test func aFieldOverItsLimitIsTooLarge() async throws {
        let reader = MultipartReader(body: Self.body(Self.form, pieces: 512), boundary: "xyz")
        _ = try await reader.nextPart()
        await #expect(throws: FormBody.FormError.tooLarge) { _ = try await reader.content(limit: 4) }
    }

    @Test func aBodyWithoutAnyDelimiterIsMalformed() async throws {
        let reader = MultipartReader(body: Self.body(Array("no parts here".utf8), pieces: 4), boundary: "xyz")
        await #expect(throws: FormBody.FormError.malformed) { _ = try await reader.nextPart() }
    }
}

/// The chunks of a body, as an async sequence of ByteBuffers.
struct AsyncStreamOf: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]
    init(_ chunks: [ByteBuffer]) { self.chunks = chunks }
    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: [ByteBuffer]
        mutating func next() async -> ByteBuffer? { remaining.isEmpty ? nil : remaining.removeFirst() }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks) }
}

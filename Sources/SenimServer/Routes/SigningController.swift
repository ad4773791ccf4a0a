import Foundation
import Hummingbird
import SenimCrypto
import SenimEvidence
import SenimWorkflow

/// A signer's actions on their document: viewed, SMS code for signing or rejecting, the simple signature,
/// the rejection, and the EDS from NCALayer (the data to sign out, the CMS back in).
struct SigningController: APIController {
    struct CodeBody: Codable { let action: SESAction }
    struct CodeAnswer: ResponseCodable {
        let challengeID: String
        let expiresAt: Date
        let sentTo: String
    }
    struct ConfirmBody: Codable {
        let challengeID: String
        let code: String
    }
    struct RejectBody: Codable {
        let challengeID: String
        let code: String
        let reason: String
    }
    struct EDSBody: Codable {
        let format: EDSFormat
        let signature: String
    }
    /// What NCALayer's `kz.gov.pki.knca.basics` `sign` needs (docs/kazakh-eds.md §6.2): the document bytes as
    /// base64 and a detached CMS.
    /// `digests` serve NCALayer's hash signing (`signingParams.digested`, `createCAdESFromBase64Hash`): base64 of the
    /// document's GOST 34.311 (GOST 2004 keys), Streebog-512 (GOST 2015 keys) and SHA-256 (RSA keys) digests; the
    /// CMS that comes back is checked against the stored bytes all the same. For the XML method (eGov mobile,
    /// NCALayer `signXml`): the statement naming the document to sign instead.
    struct DataToSign: ResponseCodable {
        let module: String
        let method: String
        let format: String
        let data: String
        let encapsulate: Bool
        let documentSHA256: String
        let xml: String
        let digests: [String: String]
    }

    static let base = "/api/v1/documents/:documentID/signers/:signerID"

    let platform: SenimPlatform

    func addRoutes(to api: APIRouter) {
        let base = Self.base
        api.add(.post, base + "/view", id: "markViewed", "Record that the signer opened the document", tag: "signing", handler: view)
        api.add(
            .post, base + "/codes", id: "requestSignatureCode", "Send an SMS code that signs or rejects the document", tag: "signing",
            body: .json(CodeBody.self), success: (202, "Code sent", "application/json"), handler: requestCode)
        api.add(
            .post, base + "/ses", id: "signWithCode",
            "Sign with the SMS code (a simple electronic signature bound to the document's digest)", tag: "signing",
            body: .json(ConfirmBody.self),
            handler: signWithCode)
        api.add(
            .post, base + "/reject", id: "reject", "Reject the document with a reason, confirmed by SMS code", tag: "signing",
            body: .json(RejectBody.self), handler: reject)
        api.add(
            .get, base + "/eds", id: "dataToSign", "What NCALayer signs: the document bytes for a detached CMS", tag: "signing",
            handler: dataToSign)
        api.add(
            .post, base + "/eds", id: "signWithEDS", "Submit the EDS that NCALayer or eGov mobile made (CMS as base64 or PEM, or XML)",
            tag: "signing", body: .json(EDSBody.self), handler: signWithEDS)
    }

    /// The document, the signer slot and the principal, provided the session may act on that document.
    func ids(_ request: Request, _ context: PlatformRequestContext) throws(APIError) -> (String, String, WorkflowPrincipal) {
        let documentID = try request.parameter("documentID", context)
        return (documentID, try request.parameter("signerID", context), try context.principal(for: documentID))
    }

    @Sendable func view(_ request: Request, context: PlatformRequestContext) async throws -> DocumentView {
        let (documentID, signerID, principal) = try ids(request, context)
        return DocumentView(
            try await platform.run(.view(documentID: documentID, signerID: signerID), by: principal, client: context.client),
            for: principal)
    }

    @Sendable func requestCode(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<CodeAnswer> {
        let (documentID, signerID, principal) = try ids(request, context)
        let body = try await request.decode(as: CodeBody.self, context: context)
        let issued = try await platform.requestSignatureCode(
            documentID: documentID, signerID: signerID, action: body.action, by: principal, client: context.client,
            language: context.language)
        return EditedResponse(
            status: .accepted,
            response: CodeAnswer(challengeID: issued.challengeID, expiresAt: issued.expiresAt, sentTo: issued.phone.masked))
    }

    @Sendable func signWithCode(_ request: Request, context: PlatformRequestContext) async throws -> DocumentView {
        let (documentID, signerID, principal) = try ids(request, context)
        let body = try await request.decode(as: ConfirmBody.self, context: context)
        let result = try await platform.signWithCode(
            documentID: documentID, signerID: signerID, challengeID: body.challengeID, code: body.code, by: principal,
            client: context.client)
        return DocumentView(result, for: principal)
    }

    @Sendable func reject(_ request: Request, context: PlatformRequestContext) async throws -> DocumentView {
        let (documentID, signerID, principal) = try ids(request, context)
        let body = try await request.decode(as: RejectBody.self, context: context)
        let result = try await platform.reject(
            documentID: documentID, signerID: signerID, challengeID: body.challengeID, code: body.code, reason: body.reason,
            by: principal, client: context.client)
        return DocumentView(result, for: principal)
    }

    /// SHA-256 and GOST 34.311 were computed on upload; only Streebog-512 (the GOST 2015 keys' digest) is new.
    @Sendable func dataToSign(_ request: Request, context: PlatformRequestContext) async throws -> DataToSign {
        let (documentID, _, principal) = try ids(request, context)
        guard let document = try await platform.engine.state(ofDocument: documentID, for: principal, .readContent).document else {
            throw APIError(.notFound)
        }
        let bytes = try await platform.blobs.contents(of: try await platform.engine.blobPath(ofDocument: documentID))
        let digests = [
            DigestAlgorithm.sha256.rawValue: try Self.base64(ofHex: document.sha256),
            DigestAlgorithm.gost34311.rawValue: try Self.base64(ofHex: document.gost34311),
            DigestAlgorithm.streebog512.rawValue: Data(DigestAlgorithm.streebog512.hash(bytes)).base64EncodedString(),
        ]
        return DataToSign(
            module: "kz.gov.pki.knca.basics", method: "sign", format: "cms", data: Data(bytes).base64EncodedString(),
            encapsulate: false, documentSHA256: document.sha256, xml: SignatureIntake.statement(for: document), digests: digests)
    }

    @Sendable func signWithEDS(_ request: Request, context: PlatformRequestContext) async throws -> DocumentView {
        let (documentID, signerID, principal) = try ids(request, context)
        let body = try await request.decode(as: EDSBody.self, context: context)
        let result = try await platform.signWithEDS(
            documentID: documentID, signerID: signerID, signature: try Self.signatureBytes(body), format: body.format, by: principal,
            client: context.client, idempotencyKey: request.idempotencyKey)
        return DocumentView(result, for: principal)
    }

    static func base64(ofHex hex: String) throws -> String { Data(try Hex.decode(hex)).base64EncodedString() }

    /// NCALayer returns base64 (sometimes with line breaks or PEM armour); XML comes as text.
    static func signatureBytes(_ body: EDSBody) throws(APIError) -> [UInt8] {
        switch body.format {
        case .xml: return Array(body.signature.utf8)
        case .cms:
            let base64 = body.signature.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined().filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: base64), !data.isEmpty else { throw APIError(.unreadableSignature(.notBase64)) }
            return Array(data)
        }
    }
}

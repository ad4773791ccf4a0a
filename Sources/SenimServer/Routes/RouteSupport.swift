import HTTPTypes
import Foundation
import Hummingbird
import SenimWorkflow

/// What every route handler reads: a path parameter, a query value, a JSON body, the idempotency key.
extension Request {
    func parameter(_ name: String, _ context: PlatformRequestContext) throws(APIError) -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else { throw APIError(.badRequest(.missingPathParameter(name))) }
        return value
    }

    func query(_ name: String) -> String? { uri.queryParameters[Substring(name)].map(String.init) }

    func json<Body: Decodable>(_ type: Body.Type, limit: Int) async throws(APIError) -> Body {
        try await JSONResponse.decode(type, from: self, limit: limit)
    }

    /// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a client's retry of sign, reject or upload.
    var idempotencyKey: String? { headers[HTTPField.Name("Idempotency-Key")!].map { String($0.prefix(200)) } }
}

/// A phone in a request body, checked.
func phoneNumber(_ text: String) throws(APIError) -> PhoneNumber {
    guard let phone = PhoneNumber(text) else { throw APIError(workflow: .invalidInput(.invalidPhone(text))) }
    return phone
}


/// A document and its signers as the API shows them.
struct DocumentView: Codable, Sendable {
    let document: Document
    let signers: [SenimWorkflow.Signer]

    init(_ state: DocumentState) throws(APIError) {
        guard let document = state.document else { throw APIError(.notFound) }
        self.document = document
        signers = state.signers
    }

    init(_ result: CommandResult) {
        document = result.document
        signers = result.signers
    }
}

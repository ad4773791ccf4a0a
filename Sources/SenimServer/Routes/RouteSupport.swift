import Foundation
import HTTPTypes
import Hummingbird
import SenimWorkflow

/// What every route handler reads besides its decoded body (`request.decode(as:context:)`): a path parameter,
/// a query value, the idempotency key.
extension Request {
    func parameter(_ name: String, _ context: PlatformRequestContext) throws(APIError) -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else { throw APIError(.badRequest(.missingPathParameter(name))) }
        return value
    }

    func query(_ name: String) -> String? { uri.queryParameters[Substring(name)].map(String.init) }

    /// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a client's retry of any POST.
    var idempotencyKey: String? { headers[HTTPField.Name("Idempotency-Key")!].map { String($0.prefix(200)) } }
}

/// A phone in a request body, checked.
func phoneNumber(_ text: String) throws(APIError) -> PhoneNumber {
    do { return try PhoneNumber.parse(text) } catch { throw APIError(workflow: .invalidInput(.invalidPhone(text, why: error))) }
}

/// A document and its signers as the API shows them to `viewer`: the partner's staff see every signer in
/// full; a signer sees their own phone and IIN and only masked ones of the others (docs/user-agreement.md §10: personal data
/// only to those who need it).
struct DocumentView: ResponseCodable, Sendable {
    let document: Document
    let signers: [SignerView]

    init(_ state: DocumentState, for viewer: WorkflowPrincipal) throws(APIError) {
        guard let document = state.document else { throw APIError(.notFound) }
        self.init(document, state.signers, for: viewer)
    }

    init(_ result: CommandResult, for viewer: WorkflowPrincipal) { self.init(result.document, result.signers, for: viewer) }

    private init(_ document: Document, _ signers: [SenimWorkflow.Signer], for viewer: WorkflowPrincipal) {
        self.document = document
        let full = viewer.acts(for: document.partnerID)
        self.signers = signers.map { SignerView($0, masked: !full && !Permissions.names(viewer, $0)) }
    }

    /// The signers whose data the viewer sees unmasked (the key under which its JSON may be reused).
    static func unmasked(_ state: DocumentState, for viewer: WorkflowPrincipal) -> String {
        guard let document = state.document, !viewer.acts(for: document.partnerID) else { return "*" }
        return state.signers.filter { Permissions.names(viewer, $0) }.map(\.id).joined(separator: ",")
    }
}

/// One signer as the API shows it, the phone and IIN masked for viewers who are not entitled to them.
struct SignerView: Codable, Sendable {
    let id: String
    let documentID: String
    let party: SenimWorkflow.Signer.Party
    let surname: String
    let name: String
    let iin: String?
    let phone: String?
    let order: Int
    let state: SenimWorkflow.Signer.State
    let signedAt: Date?
    let signatureKind: SignatureKind?

    init(_ signer: SenimWorkflow.Signer, masked: Bool) {
        id = signer.id
        documentID = signer.documentID
        party = signer.party
        surname = signer.surname
        name = signer.name
        iin = signer.iin.map {
            masked ? String($0.digits.prefix(2)) + String(repeating: "*", count: 8) + String($0.digits.suffix(2)) : $0.digits
        }
        phone = signer.phone.map { masked ? $0.masked : $0.e164 }
        order = signer.order
        state = signer.state
        signedAt = signer.signedAt
        signatureKind = signer.signatureKind
    }
}

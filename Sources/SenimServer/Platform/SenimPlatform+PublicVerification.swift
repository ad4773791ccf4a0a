import Foundation
import SenimWorkflow

/// What the public verification page (`/verify`, no login) tells whoever holds a document: whether these exact bytes
/// (by SHA-256) were sent for signing on this platform, the document's status and time of completion, and who signed,
/// with names and phones masked as in the arbitration report. Nothing is stored: the page receives a digest (the
/// browser hashes the file) and the lookup reads the store only. The package itself goes to the parties only, from
/// their cabinet after login.
public struct PublicVerification: Sendable, Hashable {
    public struct Signer: Sendable, Hashable {
        /// `Т***в Т.` for a person; a partner's organisation by its name (it signs as a company, with its BIN).
        public let name: String
        public let phoneMasked: String?
        public let state: SenimWorkflow.Signer.State
        public let signedAt: Date?
        public let kind: SignatureKind?
    }

    public let documentID: String
    public let fileName: String
    public let status: Document.Status
    public let partner: String?
    /// When the last signer signed (the document's final change), for a signed document.
    public let completedAt: Date?
    public let signers: [Signer]

    /// `Тестов Тест` → `Т***в Т.`: enough for the parties to recognise themselves, not a name to search for.
    public static func mask(surname: String, name: String) -> String {
        let masked = surname.count <= 2 ? String(surname.prefix(1)) + "***" : "\(surname.prefix(1))***\(surname.suffix(1))"
        return name.isEmpty ? masked : "\(masked) \(name.prefix(1))."
    }
}

extension SenimPlatform {
    /// The documents of this platform whose bytes have `sha256` (64 hex digits), newest first.
    public func publicVerification(ofDocumentSHA256 sha256: String) async throws -> [PublicVerification] {
        var found: [PublicVerification] = []
        for state in try await engine.states(ofDocumentsWithSHA256: sha256.lowercased()) {
            guard let document = state.document else { continue }
            let signers = state.signers.map { signer in
                PublicVerification.Signer(
                    name: signer.party == .partner
                        ? (state.partner?.organisation ?? PublicVerification.mask(surname: signer.surname, name: signer.name))
                        : PublicVerification.mask(surname: signer.surname, name: signer.name),
                    phoneMasked: signer.party == .partner ? nil : signer.phone?.masked, state: signer.state, signedAt: signer.signedAt,
                    kind: signer.signatureKind)
            }
            found.append(
                PublicVerification(
                    documentID: document.id, fileName: document.fileName, status: document.status, partner: state.partner?.organisation,
                    completedAt: document.status == .signed ? document.updatedAt : nil, signers: signers))
        }
        return found
    }
}

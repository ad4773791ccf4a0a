import Foundation
import SenimWorkflow

/// eGov mobile tickets and the links a signer's page shows for one (docs/kazakh-eds.md §6.1).
extension SenimPlatform {
    /// A ticket for what the signer can sign now, and nothing else.
    func openEGovTicket(documentID: String, signerID: String, method: EGovMobile.SignMethod, by principal: WorkflowPrincipal) async throws
        -> EGovMobileTicket
    {
        let state = try await engine.state(ofDocument: documentID, for: principal, .readContent)
        guard let signer = state.signers.first(where: { $0.id == signerID }) else { throw WorkflowError.signerNotFound(signerID) }
        try Self.maySign(signerID, in: state, principal)
        guard signer.state.isAwaitingSignature, state.document?.status == .pending else {
            throw WorkflowError.notSignersTurn(signerID: signerID, state: signer.state)
        }
        return try await eGovTickets.open(
            documentID: documentID, signerID: signerID, userID: principal.user.id, scope: principal.linkScope,
            method: method, at: now)
    }

    /// The `mobileSign:` QR payload (API №1's URL, which contains `mgovSign`), the eGov mobile cross link for a
    /// phone, and eGov Business's.
    func eGovLinks(_ ticket: EGovMobileTicket) -> (qr: String, crossLink: String, businessLink: String) {
        let link = "\(configuration.publicBaseURL)\(EGovMobileController.apiPath)/\(ticket.id)"
        let encoded = link.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? link
        return (
            "mobileSign:\(link)", "https://m.egov.kz/mobileSign/?link=\(encoded)",
            "https://egovbusiness.page.link/?link=\(encoded)&isi=1597880144&ibi=kz.mobile.mgov.business&apn=kz.mobile.mgov.business"
        )
    }
}

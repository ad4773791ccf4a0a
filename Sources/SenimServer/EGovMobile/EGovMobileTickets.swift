import Foundation
import SenimCrypto
import SenimWorkflow

/// One QR signing request: which signer of which document, by which method, for whom (the logged-in user
/// who showed the QR), with the bearer token the app must present to API №2. Single use; expires.
struct EGovMobileTicket: Sendable {
    let id: String
    let authToken: String
    let documentID: String
    let signerID: String
    let userID: String
    /// The link scope of the session that showed the QR, if it was a link session.
    let scope: Session.Scope?
    let method: EGovMobile.SignMethod
    let expiresAt: Date
}

/// The open QR tickets. They live in memory: a ticket is worth minutes, and a restarted server simply asks
/// the user to scan a new QR (nothing of record is lost: the signature itself goes through the store). They
/// are bounded in age (``lifetime``) and number (``limit``): past the limit the oldest tickets go first, so no
/// stream of QR requests grows the memory.
actor EGovMobileTickets {
    private var tickets: [String: EGovMobileTicket] = [:]
    let limit: Int
    let lifetime: TimeInterval

    init(limit: Int, lifetime: TimeInterval) {
        self.limit = limit
        self.lifetime = lifetime
    }

    var count: Int { tickets.count }

    func open(
        documentID: String, signerID: String, userID: String, scope: Session.Scope?, method: EGovMobile.SignMethod,
        at time: Date
    ) throws -> EGovMobileTicket {
        tickets = tickets.filter { $0.value.expiresAt > time }
        if tickets.count >= limit {
            for old in tickets.values.sorted(by: { $0.expiresAt < $1.expiresAt }).prefix(tickets.count - limit + 1) {
                tickets[old.id] = nil
            }
        }
        // The ticket id goes into the QR and URLs; the token only to the app, in API №1's answer.
        let ticket = EGovMobileTicket(
            id: try RandomToken(bytes: 18, alphabet: .base64url).make(), authToken: try RandomToken.secret.make(), documentID: documentID,
            signerID: signerID, userID: userID, scope: scope, method: method, expiresAt: time.addingTimeInterval(lifetime))
        tickets[ticket.id] = ticket
        return ticket
    }

    /// The live ticket, if `token` is its bearer token (checked in constant time) or no token is asked for.
    func ticket(_ id: String, token: String?, at time: Date) -> EGovMobileTicket? {
        guard let ticket = tickets[id], ticket.expiresAt > time else { return nil }
        if let token, !MessageAuthentication.constantTimeEquals(Array(token.utf8), Array(ticket.authToken.utf8)) { return nil }
        return ticket
    }

    func close(_ id: String) { tickets[id] = nil }
}

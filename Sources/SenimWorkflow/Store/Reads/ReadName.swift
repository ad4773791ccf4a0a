/// The name a transaction's read goes by: a plan asks for `rows[.document]`, never for a position, so adding
/// or reordering a read cannot make a plan read the wrong rows.
enum ReadName: Hashable, Sendable {
    /// A document's state: its row (locked first), its signers, its partner, its tariff package.
    case document, signers, partner, tariff
    /// The answer stored under the request's idempotency key.
    case storedAnswer
    /// The chain's head and the platform log's size (locked last): what an audit append builds on.
    case chainHead, logSize
    /// The acting user as stored now, and their employments.
    case user, employments
    /// The acting API key as stored now (none when a person acts), and the key a manager changes (locked).
    case apiKey, changedAPIKey
    /// The active webhook endpoints of the document's partner (a command's events are queued for them).
    case webhookEndpoints
    /// Another document's accepted signature with the same signature value (a replayed EDS).
    case signatureValueElsewhere
    /// A code challenge (locked), the day's challenges of its phone or signer, the codes an address asked for.
    case challenge, dayChallenges, codesFromAddress
    /// The acting user's acceptance of the agreement edition in force.
    case acceptance
}

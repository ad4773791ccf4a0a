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
    /// Another document's accepted signature with the same signature value (a replayed EDS).
    case signatureValueElsewhere
    /// A code challenge (locked), the day's challenges of its phone or signer, the codes an address asked for.
    case challenge, dayChallenges, codesFromAddress
    /// The acting user's acceptance of the agreement edition in force.
    case acceptance
}

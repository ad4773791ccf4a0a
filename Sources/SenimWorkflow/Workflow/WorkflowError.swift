import SenimPKI

/// Why a workflow command was refused. Each case is a rule of the agreement or a precondition of the state
/// machine; none is a crash, and the server shows each to the user in their language.
public enum WorkflowError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    case documentNotFound(String)
    case signerNotFound(String)
    case partnerNotFound(String)
    case partnerInactive(String)
    case userBlocked(String)
    /// The command does not apply to a document in this status (e.g. signing a draft, cancelling a signed one).
    case illegalTransition(command: CommandKind, status: Document.Status)
    /// A signer acting before their turn, or twice.
    case notSignersTurn(signerID: String, state: Signer.State)
    case signingMethodNotAllowed(SignatureKind, allowed: Document.SigningMethod)
    /// The EDS certificate's IIN (or the SES record's) is not the named signer's.
    case signerIdentityMismatch(expected: String, found: String?)
    /// A partner's signature made with a certificate of another organisation.
    case partnerBINMismatch(expected: String, found: String?)
    /// A partner's signature whose certificate carries no role that signs for the organisation.
    case roleCannotSignForPartner(roles: [SignerRole])
    /// The signature did not pass validation under the deployment's policy.
    case signatureNotValid(indication: Indication, subIndication: SubIndication?)
    /// An SES record bound to other bytes than the document's (the document changed after the code was sent).
    case documentDigestMismatch
    case deadlinePassed
    case noSigners
    case duplicateSigner(iin: String)
    case noTariffUsesLeft(partnerID: String)
    case permissionDenied(Denial)
    case invalidInput(InputProblem)
    /// The same idempotency key was used for a different command.
    case idempotencyKeyReused(String)
    /// Too many SMS codes asked (or wrong codes entered) for one phone, address or signer; try again after
    /// `retryAfter` seconds.
    case rateLimited(RateLimitScope, retryAfter: Int)
    /// An SMS code was not accepted; the typed reason is in the audit log, the user sees one sentence.
    case codeNotAccepted(CodeRefusal)
    /// The partner's own signature slot takes an EDS with the partner's BIN in this deployment.
    case partnerSignatureNeedsEDS
    /// The same signature value was already received for another document: an EDS is never moved between
    /// documents.
    case signatureAlreadyUsed
    /// The user has not accepted the agreement edition in force (docs/user-agreement.md §1.8, §1.11).
    case agreementNotAccepted(edition: String)
    /// No session for this token, or it expired or was revoked.
    case notAuthenticated
    /// A signer's SMS link past its lifetime or the document's deadline, or of a document that is final.
    case linkExpired

    public var description: String {
        switch self {
        case .documentNotFound(let id): return "document \(id) not found"
        case .signerNotFound(let id): return "signer \(id) not found"
        case .partnerNotFound(let id): return "partner \(id) not found"
        case .partnerInactive(let id): return "partner \(id) is inactive"
        case .userBlocked(let id): return "user \(id) is blocked"
        case .illegalTransition(let command, let status):
            return "\(command.rawValue) is not possible for a document in status \(status.rawValue)"
        case .notSignersTurn(let id, let state): return "signer \(id) cannot act now (state \(state.rawValue))"
        case .signingMethodNotAllowed(let kind, let allowed):
            return "\(kind.rawValue) signatures are not allowed; the document asks for \(allowed.rawValue)"
        case .signerIdentityMismatch(let expected, let found):
            return "the signature is by IIN \(found ?? "unknown"), the named signer is IIN \(expected)"
        case .partnerBINMismatch(let expected, let found):
            return "the signature is for BIN \(found ?? "none"), the partner is BIN \(expected)"
        case .roleCannotSignForPartner(let roles):
            return "the certificate's roles (\(roles.map(\.rawValue).joined(separator: ", "))) do not sign for the organisation"
        case .signatureNotValid(let indication, let sub):
            return "the signature is \(indication.rawValue)\(sub.map { "/\($0.rawValue)" } ?? "")"
        case .documentDigestMismatch: return "the confirmation is bound to other document bytes"
        case .deadlinePassed: return "the signing deadline has passed"
        case .noSigners: return "the document has no signers"
        case .duplicateSigner(let iin): return "IIN \(iin) is already a signer of this document"
        case .noTariffUsesLeft(let partner): return "partner \(partner) has no active tariff package with uses left"
        case .permissionDenied(let why): return "not permitted: \(why.rawValue)"
        case .invalidInput(let problem): return "invalid input: \(problem)"
        case .idempotencyKeyReused(let key): return "idempotency key \(key) was used for another request"
        case .rateLimited(let scope, let seconds): return "too many codes (\(scope.rawValue)); try again in \(seconds) s"
        case .codeNotAccepted(let why): return "the code was not accepted: \(why)"
        case .partnerSignatureNeedsEDS: return "the partner's signature needs an EDS with its BIN"
        case .signatureAlreadyUsed: return "this signature was already received for another document"
        case .agreementNotAccepted(let edition): return "the user agreement (edition \(edition)) must be accepted first"
        case .notAuthenticated: return "not logged in, or the session has ended"
        case .linkExpired: return "the signing link has expired"
        }
    }
}

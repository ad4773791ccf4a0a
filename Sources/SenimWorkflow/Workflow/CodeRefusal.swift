import SenimEvidence

/// Why an SMS code was not accepted. The user reads one sentence for all of them (a guesser must not learn
/// which part was wrong); the audit log keeps the case.
public enum CodeRefusal: Sendable, Hashable, Codable {
    case noSuchChallenge
    case issuedForAnotherActionOrSigner
    case issuedForAnotherDocument
    case expired
    case locked
    case alreadyUsed
    /// A newer code was sent to the same phone for the same purpose.
    case superseded
    case documentChanged
    case wrongSigner
    case wrongCode(attemptsLeft: Int)

    /// The attempts the signer still has with this code, when the code was wrong.
    public var attemptsLeft: Int? {
        if case .wrongCode(let left) = self { return left }
        return nil
    }
}

extension CodeRefusal {
    /// The SES authority's reason, as the workflow names it.
    public init(_ failure: SESFailure) {
        switch failure {
        case .expired: self = .expired
        case .locked: self = .locked
        case .alreadyUsed: self = .alreadyUsed
        case .superseded: self = .superseded
        case .documentChanged: self = .documentChanged
        case .wrongSigner: self = .wrongSigner
        case .wrongCode(let left): self = .wrongCode(attemptsLeft: left)
        }
    }
}

/// A report that accumulates checks into one verdict: the first failure decides the indication and
/// sub-indication (checks run in the order of the ETSI building blocks: format, identification, cryptographic
/// verification, X.509 validation, acceptance), except that a TOTAL_FAILED found later overrides an
/// INDETERMINATE (a proven failure outweighs missing evidence); the other failures are kept as messages.
public protocol VerdictRecording {
    var indication: Indication { get set }
    var subIndication: SubIndication? { get set }
    var messages: [String] { get set }
}

extension VerdictRecording {
    public mutating func fail(_ subIndication: SubIndication, _ message: String, indication: Indication? = nil) {
        let newIndication = indication ?? subIndication.indication
        if self.subIndication == nil || (self.indication == .indeterminate && newIndication == .totalFailed) {
            self.indication = newIndication
            self.subIndication = subIndication
            messages.insert(message, at: 0)
        } else {
            messages.append(message)
        }
    }

    /// The sentence that says why the verdict is not TOTAL_PASSED (nil when it is).
    public var reason: String? { subIndication == nil ? nil : messages.first }
}

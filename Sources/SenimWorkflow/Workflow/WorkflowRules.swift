import SenimPKI

/// Deployment choices the rules leave open. The one today: whether the NCA's published test identifiers,
/// which fail the IIN/BIN check digit (reference/kz-eds.md §7, testvectors MANIFEST), may name signers and
/// partners. A production deployment keeps the default; a test or staging one signing with the NCA test keys
/// turns it on.
public struct WorkflowRules: Sendable, Hashable {
    public var acceptsNCATestIdentifiers: Bool

    /// The IINs and BINs of the NCA RK test certificates.
    public static let ncaTestIdentifiers: Set<String> = ["123456789011", "123456789012", "123456789021"]

    public init(acceptsNCATestIdentifiers: Bool = false) {
        self.acceptsNCATestIdentifiers = acceptsNCATestIdentifiers
    }

    /// A valid check digit, or an NCA test identifier where those are accepted.
    public func accepts(_ identifier: KazakhIdentifier) -> Bool {
        identifier.hasValidCheckDigit || (acceptsNCATestIdentifiers && Self.ncaTestIdentifiers.contains(identifier.digits))
    }
}

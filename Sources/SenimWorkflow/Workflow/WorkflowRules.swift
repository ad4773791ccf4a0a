import SenimPKI

/// Deployment choices the rules leave open: whether the NCA's published test identifiers, which fail the
/// IIN/BIN check digit (testvectors MANIFEST), may name signers and partners (a production deployment keeps the
/// default; a test or staging one signing with the NCA test keys turns it on), and whether the partner's own
/// signature slot must be an EDS.
public struct WorkflowRules: Sendable, Hashable {
    public var acceptsNCATestIdentifiers: Bool
    /// The partner's slot takes only an EDS (whose BIN and role the workflow checks), never an SMS code: an SMS
    /// code proves that an employee holds a phone, an EDS of the organisation proves that it signed. On by
    /// default; a deployment whose partners sign by SMS code turns it off.
    public var partnerSignatureRequiresEDS: Bool

    /// The IINs and BINs of the NCA RK test certificates.
    public static let ncaTestIdentifiers: Set<String> = ["123456789011", "123456789012", "123456789021"]

    public init(acceptsNCATestIdentifiers: Bool = false, partnerSignatureRequiresEDS: Bool = true) {
        self.acceptsNCATestIdentifiers = acceptsNCATestIdentifiers
        self.partnerSignatureRequiresEDS = partnerSignatureRequiresEDS
    }

    /// A valid check digit, or an NCA test identifier where those are accepted.
    public func accepts(_ identifier: KazakhIdentifier) -> Bool {
        identifier.hasValidCheckDigit || (acceptsNCATestIdentifiers && Self.ncaTestIdentifiers.contains(identifier.digits))
    }
}

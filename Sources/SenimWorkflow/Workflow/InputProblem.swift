/// What was wrong with what a user typed or a client sent, as a value: the server says each in the user's
/// language and names the value that was wrong.
public enum InputProblem: Sendable, Hashable, Codable {
    case invalidBIN(String)
    /// A partner with this BIN is registered already.
    case partnerAlreadyRegistered(String)
    case organisationNameMissing
    case tariffNeedsUsesAndPeriod
    case fewerUsesThanUsedOrReserved
    case rejectionNeedsReason
    /// An upload without its name, size or both digests.
    case uploadIncomplete
    case deadlineInPast
    case signerNameMissing
    case invalidIIN(String)
    /// The number as typed and what is wrong with it.
    case invalidPhone(String, why: PhoneNumberProblem)
    case signerOrderStartsAtOne
    /// An upload command that does not say where the blob store put the bytes.
    case documentBytesMissing
    /// A document's SMS code signs or rejects; logging in has codes of its own.
    case documentCodeSignsOrRejects
    /// An API key needs a name (1 to 100 characters) so the partner can tell its keys apart.
    case apiKeyNameMissing
    /// An API key asked with rights a key may not hold (``APIKey/grantableRights``).
    case apiKeyRightsNotGrantable(EmployeeRights)
    /// A webhook endpoint that is not an HTTPS URL of a public address (unless the deployment allows private
    /// ones), or names no event.
    case webhookURLNotAllowed(String)
    case webhookNeedsEvents
    /// A resend to an endpoint that is disabled.
    case webhookEndpointDisabled
}

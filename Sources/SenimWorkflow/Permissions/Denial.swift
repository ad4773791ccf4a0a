/// Why ``Permissions/decide(_:_:document:signers:partnerID:partner:)`` (or a rule around it) said no. A value,
/// not a sentence: the server turns each case into one sentence in the user's language, and the audit log
/// keeps the case's name.
public enum Denial: String, Sendable, Hashable, Codable, CaseIterable {
    case accountBlocked
    case administratorsOnly
    case notPartnerEmployee
    case partnerInactive
    case uploadRightNotGranted
    case sendRightNotGranted
    case signForPartnerRightNotGranted
    case manageEmployeesRightNotGranted
    case noSuchDocument
    case uploadedByAnotherEmployee
    case notSentToYouYet
    case notYourTurn
    /// A named signer asked for something other than viewing, signing or rejecting.
    case signerMayOnlyViewSignOrReject
    /// An employee asked to sign or reject a person's slot.
    case employeeIsNotThisSigner
    case administratorsDoNotReadDocuments
    /// A session opened from an SMS link reaches its own document and signer only.
    case linkSessionCoversOneDocument
    case linkSessionCoversOneSigner
    /// Only the platform itself (its scheduled jobs) acts without a user.
    case platformOnly
    case partnerCancelsInsteadOfRejecting
    /// Administrators administer; they never act for a partner, so they are never appointed its employees.
    case administratorCannotBeEmployee
    /// Only the named signer records that they viewed the document.
    case onlyTheSignerMarksViewed
    /// A page form whose CSRF token is missing, not this session's, or from another site.
    case formExpired
    case foreignOrigin
    /// `/metrics` is served to the deployment's monitoring addresses only.
    case monitoringAddressesOnly
    /// An API key asked to sign or reject: signing is a person's act.
    case apiKeysDoNotSign
    /// An API key asked to manage employees or keys.
    case apiKeysDoNotManageAccess
    /// An API key on a route that is a person's (signing, the account, administration).
    case apiKeyNotAcceptedHere
    /// The API key was revoked.
    case apiKeyRevoked
}

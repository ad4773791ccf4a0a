/// What a validation does when a certificate's revocation status cannot be determined (the modes of
/// certvalidator, which relying parties and forensic experts know by these names).
///
/// - `require`: every certificate of the path needs conclusive evidence; unknown → INDETERMINATE
///   (REVOCATION_OUT_OF_BOUNDS_NO_POE, or TRY_LATER when the evidence is stale).
/// - `hardFail`: unknown → INDETERMINATE when evidence was found but is unusable, or the certificate names a
///   revocation source (CRL distribution point, OCSP responder); a certificate naming none passes with a note.
/// - `softFail`: unknown is reported in the messages only; a revocation that is found still fails.
public enum RevocationMode: String, Sendable, Codable, Hashable, CaseIterable {
    case require
    case hardFail = "hard-fail"
    case softFail = "soft-fail"
}

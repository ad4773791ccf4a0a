/// What was wrong with a request itself (its address, query, body or form), as a value the server says in
/// the user's language, naming the field.
public enum RequestProblem: Sendable, Hashable {
    case missingPathParameter(String)
    /// A file name that is empty, longer than 255 characters or has a path in it.
    case fileNameInvalid
    /// A field whose value is not one of `allowed`.
    case unknownValue(field: String, value: String, allowed: [String])
    case notISO8601(field: String)
    case bodyNotJSON
    case missingField(String)
    case wrongFieldType(String)
    case formUnreadable
    case fileMissing
    /// eGov mobile returned other than one document signed by the ticket's method.
    case eGovOneDocumentExpected(method: String)
    case notBase64(field: String)
    case tariffFormIncomplete
    /// A multipart boundary longer than RFC 2046's 70 characters.
    case boundaryTooLong
    /// A state-changing API call authenticated by the browser's cookie must send JSON.
    case cookieRequestNotJSON
}

/// Why a received signature could not be read at all (before any validation).
public enum SignatureProblem: Sendable, Hashable {
    case notCMS
    case notBase64
    case signerCount(Int)
    case xmlSignatureCount(Int)
}

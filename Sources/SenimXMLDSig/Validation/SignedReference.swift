import SenimPKI

/// What one Reference covered: the exact octets that were digested, so a caller reads only signed data
/// (signxml's `signed_xml`, the XSW defence), and where in the document they came from.
public struct SignedReference: Sendable {
    public let uri: String?
    public let coverage: SignedDataScope.Coverage
    /// The element the reference resolved to (nil for the whole document).
    public let elementPath: String?
    /// The canonical octets after the transforms: exactly what the digest covers (empty when the validation
    /// was asked not to retain them, ``XMLValidationOptions/retainSignedData``).
    public let canonicalBytes: [UInt8]
    /// The length of the canonical octets.
    public let length: Int
}

/// A validation's report together with the signed data behind it.
public struct XMLValidationResult: Sendable {
    public let report: SignatureValidationReport
    /// For each signature in the report's order, what each of its references covered.
    public let signedData: [[SignedReference]]
    /// For each signature in the report's order, its decoded `ds:SignatureValue` (what makes it unique: a
    /// signature value seen before is the same signature presented again).
    public let signatureValues: [[UInt8]]
}

import Foundation
import SenimEvidence
import SenimWorkflow

/// What an upload says about the new document before its bytes count: the file name and the options. One
/// set of rules for the API (its query) and the page (its form fields), so the two cannot disagree:
///
/// - the file name is trimmed of spaces and must be 1...255 characters without `/` or `\` (a name, never a
///   path: what the signer downloads is saved under it);
/// - an option that is there must be one of its values (`language`, `signingMethod`, `signingOrder`), or
///   for `partnerSignsFirst` one of `true`, `false`, `1`, `0`, or for `deadline` an ISO 8601 time; anything
///   else is refused, never silently replaced by the default;
/// - an option that is not there takes ``UploadRequest``'s default.
struct UploadDraft: Sendable, Hashable {
    static let maximumFileNameLength = 255
    static let booleanValues = ["true", "false", "1", "0"]

    let fileName: String
    var language = Language.ru
    var signingMethod = Document.SigningMethod.either
    var signingOrder = Document.SigningOrder.parallel
    var partnerSignsFirst = true
    var deadline: Date?

    /// `option(name)` is the option's value as sent (nil: not sent).
    init(fileName: String?, option: (String) -> String?) throws(APIError) {
        self.fileName = try Self.checkedFileName(fileName)
        if let value = option("language") { language = try Self.choice(value, field: "language") }
        if let value = option("signingMethod") { signingMethod = try Self.choice(value, field: "signingMethod") }
        if let value = option("signingOrder") { signingOrder = try Self.choice(value, field: "signingOrder") }
        if let value = option("partnerSignsFirst") {
            switch value {
            case "true", "1": partnerSignsFirst = true
            case "false", "0": partnerSignsFirst = false
            default:
                throw APIError(.badRequest(.unknownValue(field: "partnerSignsFirst", value: value, allowed: Self.booleanValues)))
            }
        }
        if let value = option("deadline") {
            guard let date = ISO8601DateFormatter().date(from: value) else { throw APIError(.badRequest(.notISO8601(field: "deadline"))) }
            deadline = date
        }
    }

    /// The file name rule alone: a multipart part's name is checked as soon as its headers are read.
    static func checkedFileName(_ fileName: String?) throws(APIError) -> String {
        guard let name = fileName?.trimmingCharacters(in: .whitespaces), !name.isEmpty, name.count <= maximumFileNameLength,
            !name.contains("/"), !name.contains("\\")
        else { throw APIError(.badRequest(.fileNameInvalid)) }
        return name
    }

    private static func choice<Value: RawRepresentable & CaseIterable>(_ value: String, field: String) throws(APIError) -> Value
    where Value.RawValue == String {
        guard let chosen = Value(rawValue: value) else {
            throw APIError(.badRequest(.unknownValue(field: field, value: value, allowed: Value.allCases.map(\.rawValue))))
        }
        return chosen
    }

    /// The workflow's upload request for the stored bytes.
    func request(partnerID: String, stored: BlobStore.Stored, mediaType: String) -> UploadRequest {
        UploadRequest(
            partnerID: partnerID, fileName: fileName, mediaType: mediaType, size: stored.size, sha256: stored.sha256,
            gost34311: stored.gost34311, language: language, signingMethod: signingMethod, signingOrder: signingOrder,
            partnerSignsFirst: partnerSignsFirst, deadline: deadline)
    }
}

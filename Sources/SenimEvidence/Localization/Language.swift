/// The languages the platform speaks: Russian and Kazakh, the languages of its documents and users (the Russian
/// version prevails, docs/user-agreement.md §11.7), and English for everyone else. One enum for the report, the
/// pages, the API's messages, the SMS texts and a document's own language; the raw values are the ISO 639-1 codes
/// the JSON, the cookies and `?lang=` carry.
public enum Language: String, Sendable, Codable, CaseIterable {
    case ru
    case kk
    case en
}

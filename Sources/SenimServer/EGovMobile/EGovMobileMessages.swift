import Foundation

/// The JSON of eGov mobile's QR / cross signing protocol (docs/kazakh-eds.md §6.1, the v5 specification):
/// API №1 describes the signing request; API №2 lists the documents and takes them back signed.
enum EGovMobile {
    /// How the app signs. `CMS_SIGN_ONLY` is a detached CMS, `CMS_WITH_DATA` an attached one (both with an NCA
    /// timestamp the app adds); `XML` signs `documentXml`.
    enum SignMethod: String, Codable, Sendable {
        case xml = "XML"
        case cmsWithData = "CMS_WITH_DATA"
        case cmsSignOnly = "CMS_SIGN_ONLY"
    }

    /// API №1 (GET): what the app shows before it asks for the documents.
    struct Description: Codable, Sendable {
        struct Organisation: Codable, Sendable {
            let nameRu: String
            let nameKz: String
            let nameEn: String
            let bin: String
        }
        struct DocumentLink: Codable, Sendable {
            let uri: String
            let authType: String
            let authToken: String
            enum CodingKeys: String, CodingKey {
                case uri
                case authType = "auth_type"
                case authToken = "auth_token"
            }
        }
        let description: String
        let expiryDate: String
        let organisation: Organisation
        let document: DocumentLink
        enum CodingKeys: String, CodingKey {
            case description
            case expiryDate = "expiry_date"
            case organisation, document
        }
    }

    /// API №2 (GET with the token, then PUT back with the signatures in place of the data).
    struct Documents: Codable, Sendable {
        struct Meta: Codable, Sendable {
            let name: String
            let value: String
        }
        struct File: Codable, Sendable {
            let mime: String
            let data: String
        }
        struct FileHolder: Codable, Sendable { let file: File }
        struct Item: Codable, Sendable {
            let id: Int
            let nameRu: String
            let nameKz: String
            let nameEn: String
            let meta: [Meta]?
            let documentXml: String?
            let document: FileHolder?
        }
        let signMethod: SignMethod
        let version: Int
        let documentsToSign: [Item]
    }

    /// `yyyy-MM-dd'T'HH:mm:ss.SSSZ` in Almaty time, as the specification's example writes it (`…+0500`).
    static func expiryDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Almaty") ?? TimeZone(secondsFromGMT: 5 * 3600)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        return formatter.string(from: date)
    }
}

import Foundation

extension Date {
    /// `2022-09-27T21:17:59Z`: the form reports and messages print. Built from the civil date directly, since
    /// creating an ISO8601DateFormatter per message costs more than validating a signature.
    public var iso8601: String {
        let c = ASN1Time.components(of: self)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.0, c.1, c.2, c.3, c.4, c.5)
    }
}

extension JSONDecoder {
    /// A decoder for the JSON reports, policies and packages write: dates as ISO 8601 text.
    public static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

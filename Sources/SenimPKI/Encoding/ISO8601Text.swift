import Foundation

extension Date {
    /// `2022-09-27T21:17:59Z`: the form reports and messages print. Built from the civil date directly, since
    /// creating an ISO8601DateFormatter per message costs more than validating a signature.
    public var iso8601: String {
        let c = ASN1Time.components(of: self)
        return Self.zeroPadded(c.0, width: 4) + "-" + Self.zeroPadded(c.1, width: 2) + "-" + Self.zeroPadded(c.2, width: 2) + "T"
            + Self.zeroPadded(c.3, width: 2) + ":"
            + Self.zeroPadded(c.4, width: 2) + ":" + Self.zeroPadded(c.5, width: 2) + "Z"
    }

    /// Zero-padded decimal (String(format:) costs microseconds, and the audit log formats a time per event).
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
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

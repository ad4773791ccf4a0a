import Foundation
import SwiftASN1

/// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` (RFC 5280 §4.1.2.5) as a `Date`.
enum ASN1Time {
    static func date(from node: ASN1Node) throws -> Date {
        switch node.identifier {
        case .utcTime:
            let time = try UTCTime(derEncoded: node)
            return date(year: time.year, month: time.month, day: time.day,
                        hour: time.hours, minute: time.minutes, second: time.seconds, fraction: 0)
        case .generalizedTime:
            let time = try GeneralizedTime(derEncoded: node)
            return date(year: time.year, month: time.month, day: time.day,
                        hour: time.hours, minute: time.minutes, second: time.seconds, fraction: time.fractionalSeconds)
        default:
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    /// Proleptic Gregorian calendar in UTC, without Foundation's Calendar (days-from-civil).
    static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double) -> Date {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
        return Date(timeIntervalSince1970: seconds)
    }
}

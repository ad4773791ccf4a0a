import Foundation
import SwiftASN1

/// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` (RFC 5280 §4.1.2.5) to and from `Date`,
/// in the proleptic Gregorian calendar in UTC without Foundation's Calendar.
public enum ASN1Time {
    public static func date(from node: ASN1Node) throws -> Date {
        switch node.identifier {
        case .utcTime:
            let time = try UTCTime(derEncoded: node)
            return date(
                year: time.year, month: time.month, day: time.day,
                hour: time.hours, minute: time.minutes, second: time.seconds, fraction: 0)
        case .generalizedTime:
            let time = try GeneralizedTime(derEncoded: node)
            return date(
                year: time.year, month: time.month, day: time.day,
                hour: time.hours, minute: time.minutes, second: time.seconds, fraction: time.fractionalSeconds)
        default:
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    /// days-from-civil (H. Hinnant).
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

    /// civil-from-days: (year, month, day, hour, minute, second, fraction of a second).
    public static func components(of date: Date) -> (Int, Int, Int, Int, Int, Int, Double) {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        var (days, secondOfDay) = Int(whole).quotientAndRemainder(dividingBy: 86_400)
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, interval - whole)
    }

    /// GeneralizedTime in UTC; `millisecondPrecision` adds fractional seconds (RFC 3161 genTime allows them,
    /// RFC 5280 certificates do not).
    public static func generalizedTime(_ date: Date, millisecondPrecision: Bool = false) throws -> GeneralizedTime {
        let c = components(of: date)
        let fraction = millisecondPrecision ? (c.6 * 1000).rounded(.down) / 1000 : 0
        return try GeneralizedTime(year: c.0, month: c.1, day: c.2, hours: c.3, minutes: c.4, seconds: c.5, fractionalSeconds: fraction)
    }

    /// UTCTime (years 1950–2049), the form CMS signingTime takes in that range (RFC 5652 §11.3).
    public static func utcTime(_ date: Date) throws -> UTCTime {
        let c = components(of: date)
        return try UTCTime(year: c.0, month: c.1, day: c.2, hours: c.3, minutes: c.4, seconds: c.5)
    }
}

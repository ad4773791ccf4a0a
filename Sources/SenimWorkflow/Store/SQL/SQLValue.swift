import Foundation

/// A value bound into, or read out of, SQL: the common ground of SQLite and PostgreSQL. The schema uses only
/// TEXT and BIGINT (times are UTC milliseconds, flags 0/1, digests hex), so the same statements and the same
/// row decoding serve both stores.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)

    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    public init(_ integer: Int?) { self = integer.map { .integer(Int64($0)) } ?? .null }
    public init(_ integer: Int64?) { self = integer.map { .integer($0) } ?? .null }
    public init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }
    /// UTC milliseconds: no floats, no time zones (the audit log's own rule).
    public init(_ date: Date?) { self = date.map { .integer(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? .null }

    public var text: String? { if case .text(let value) = self { return value } else { return nil } }
    public var integer: Int64? { if case .integer(let value) = self { return value } else { return nil } }
    public var date: Date? { integer.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
    public var bool: Bool { integer.map { $0 != 0 } ?? false }
}

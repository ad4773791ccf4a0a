import Foundation

/// `tariff_packages`: a partner's paid uses (each document sent for signing reserves one) and their validity.
enum TariffPackagesTable {
    enum Columns: String, TableColumns {
        static let table = "tariff_packages"
        case id
        case partnerID = "partner_id"
        case usesTotal = "uses_total"
        case usesUsed = "uses_used"
        case usesReserved = "uses_reserved"
        case validFrom = "valid_from"
        case validUntil = "valid_until"
        case active
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> TariffPackage {
        let row = try ColumnRow<Columns>(values)
        guard let id = row[.id].text, let partnerID = row[.partnerID].text, let total = row[.usesTotal].integer,
            let used = row[.usesUsed].integer, let reserved = row[.usesReserved].integer, let from = row[.validFrom].date,
            let until = row[.validUntil].date
        else { throw .corruptRow(row.description) }
        return TariffPackage(
            id: id, partnerID: partnerID, usesTotal: Int(total), usesUsed: Int(used), usesReserved: Int(reserved),
            validFrom: from, validUntil: until, active: row[.active].bool)
    }

    static func upsert(_ tariff: TariffPackage) -> SQLStatement {
        Columns.insert(
            [
                .id: SQLValue(tariff.id), .partnerID: SQLValue(tariff.partnerID), .usesTotal: SQLValue(tariff.usesTotal),
                .usesUsed: SQLValue(tariff.usesUsed), .usesReserved: SQLValue(tariff.usesReserved),
                .validFrom: SQLValue(tariff.validFrom), .validUntil: SQLValue(tariff.validUntil), .active: SQLValue(tariff.active),
            ], Columns.onConflict([.id], update: [.usesTotal, .usesUsed, .usesReserved, .validFrom, .validUntil, .active]))
    }

    /// Only the named columns of package `id`: a use debited or reserved meanwhile is never overwritten.
    static func update(id: String, _ values: [(Columns, SQLValue)]) -> SQLStatement {
        Columns.update(values, where: "id = ?", [SQLValue(id)])
    }

    static func select(id: String?, forUpdate: String = "") -> SQLStatement {
        Columns.select("WHERE id = ?" + forUpdate, [SQLValue(id)])
    }

    /// The package document `documentID` reserved; `forUpdate` locks it (a command's second lock).
    static func select(reservedBy documentID: String, forUpdate: String) -> SQLStatement {
        Columns.select("WHERE id = \(DocumentsTable.tariffOfDocument)" + forUpdate, [SQLValue(documentID)])
    }

    /// The usable package of the document's partner (or `partnerID`'s, for a new document) that expires first,
    /// so uses are not lost to expiry; `forUpdate` locks it.
    static func select(usableFor documentID: String, orPartner partnerID: String?, at time: Date, forUpdate: String) -> SQLStatement {
        Columns.select(
            """
            WHERE partner_id = COALESCE(\(DocumentsTable.partnerOfDocument), ?) AND active = 1 AND valid_from <= ? AND valid_until > ?
                AND uses_total - uses_used - uses_reserved > 0
            ORDER BY valid_until, id LIMIT 1
            """ + forUpdate,
            [SQLValue(documentID), SQLValue(partnerID), SQLValue(time), SQLValue(time)])
    }

    static func select(partnerID: String) -> SQLStatement {
        Columns.select("WHERE partner_id = ? ORDER BY valid_until, id", [SQLValue(partnerID)])
    }

    /// The 500 that end last, for the administration pages.
    static let selectLatest = Columns.select("ORDER BY valid_until DESC, id LIMIT 500")
}

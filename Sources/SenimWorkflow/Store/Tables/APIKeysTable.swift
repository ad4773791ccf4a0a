import Foundation

/// `api_keys`: partners' API keys by the SHA-256 of their secret (``APIKey``); the secret itself is never stored.
enum APIKeysTable {
    enum Columns: String, TableColumns {
        static let table = "api_keys"
        case id
        case secretSHA256 = "secret_sha256"
        case partnerID = "partner_id"
        case name, rights
        case createdBy = "created_by"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
    }

    static func insert(_ key: APIKey, digest: String) -> SQLStatement {
        Columns.insert([
            .id: SQLValue(key.id), .secretSHA256: SQLValue(digest), .partnerID: SQLValue(key.partnerID), .name: SQLValue(key.name),
            .rights: SQLValue(key.rights.rawValue), .createdBy: SQLValue(key.createdBy), .createdAt: SQLValue(key.createdAt),
        ])
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> APIKey { try decode(ColumnRow<Columns>(values)) }

    static func decode(_ row: ColumnRow<Columns>) throws(StoreError) -> APIKey {
        guard let id = row[.id].text, let partnerID = row[.partnerID].text, let name = row[.name].text,
            let rights = row[.rights].integer, let createdBy = row[.createdBy].text, let createdAt = row[.createdAt].date
        else { throw .corruptRow(row.description) }
        return APIKey(
            id: id, partnerID: partnerID, name: name, rights: EmployeeRights(rawValue: Int(rights)), createdBy: createdBy,
            createdAt: createdAt, lastUsedAt: row[.lastUsedAt].date, revokedAt: row[.revokedAt].date)
    }

    /// The key a secret's digest stands for, with the phone of the manager who made it (the key's principal
    /// carries it, masked, into the audit events as the person answerable for the key): the key's columns, then
    /// `users.phone`.
    static func selectWithCreatorPhone(digest: String) -> SQLStatement {
        SQLStatement(
            "SELECT \(Columns.list(as: "k")), u.phone FROM api_keys k JOIN users u ON u.id = k.created_by WHERE k.secret_sha256 = ?",
            [SQLValue(digest)])
    }

    static func decodeWithCreatorPhone(_ values: SQLRow) throws(StoreError) -> (key: APIKey, phone: PhoneNumber) {
        let key = try decode(ColumnRow<Columns>(Array(values.dropLast())))
        guard let phone = values.last?.text.flatMap(PhoneNumber.init) else { throw .corruptRow("api_keys: \(values)") }
        return (key, phone)
    }

    /// One key by id (nil id: none), locked when `forUpdate` is set.
    static func select(id: String?, forUpdate: String = "") -> SQLStatement {
        Columns.select("WHERE id = ?" + forUpdate, [SQLValue(id ?? "")])
    }

    /// A partner's keys, newest first (revoked ones too: the list is also their history).
    static func select(partnerID: String) -> SQLStatement {
        Columns.select("WHERE partner_id = ? ORDER BY created_at DESC, id DESC", [SQLValue(partnerID)])
    }

    static func revoke(id: String, at time: Date) -> SQLStatement {
        Columns.update([(.revokedAt, SQLValue(time))], where: "id = ? AND revoked_at IS NULL", [SQLValue(id)])
    }

    /// Records a use, unless one was recorded within ``APIKey/lastUseResolution`` already.
    static func recordUse(id: String, at time: Date) -> SQLStatement {
        Columns.update(
            [(.lastUsedAt, SQLValue(time))], where: "id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
            [SQLValue(id), SQLValue(time.addingTimeInterval(-APIKey.lastUseResolution))])
    }
}

/// `platform_keys`: the keys every server of one PostgreSQL deployment shares (the SMS-code key, the seal key
/// and its certificate), created once by the first server to start. `protection` says how `value` is kept:
/// in the clear (a certificate) or wrapped under the deployment's wrapping key.
enum PlatformKeysTable {
    enum Columns: String, TableColumns {
        static let table = "platform_keys"
        case name, protection, value
        case createdAt = "created_at"
    }

    static let selectAll = Columns.select("ORDER BY name")

    static func decode(_ values: SQLRow) throws(StoreError) -> StoredPlatformKey {
        let row = try ColumnRow(values, columns: Columns.allCases)
        guard let name = row[.name].text, let protection = row[.protection].text, let value = row[.value].text else {
            throw .corruptRow("platform_keys")
        }
        return StoredPlatformKey(name: name, protection: protection, value: value)
    }

    /// Adds a key unless one of that name exists (then the stored one stays: the first server's keys are the keys).
    static func insert(_ key: StoredPlatformKey, at time: Int64) -> SQLStatement {
        Columns.insert(
            [.name: .text(key.name), .protection: .text(key.protection), .value: .text(key.value), .createdAt: .integer(time)],
            "ON CONFLICT (name) DO NOTHING")
    }
}

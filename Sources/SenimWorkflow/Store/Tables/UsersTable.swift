import SenimPKI

/// `users`: the people who log in (partners' employees, signers, administrators), one per phone.
enum UsersTable {
    enum Columns: String, TableColumns {
        static let table = "users"
        case id, phone, surname, name, iin, status
        case isAdministrator = "is_admin"
        case createdAt = "created_at"
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> User {
        let row = try ColumnRow<Columns>(values)
        guard let id = row[.id].text, let phone = row[.phone].text.flatMap(PhoneNumber.init),
            let status = row[.status].text.flatMap(User.Status.init), let createdAt = row[.createdAt].date
        else { throw .corruptRow(row.description) }
        return User(
            id: id, phone: phone, surname: row[.surname].text, name: row[.name].text,
            iin: row[.iin].text.flatMap { KazakhIdentifier($0, kind: .iin) }, status: status,
            isAdministrator: row[.isAdministrator].bool, createdAt: createdAt)
    }

    static func upsert(_ user: User) -> SQLStatement {
        Columns.insert(
            [
                .id: SQLValue(user.id), .phone: SQLValue(user.phone.e164), .surname: SQLValue(user.surname), .name: SQLValue(user.name),
                .iin: SQLValue(user.iin?.digits), .status: SQLValue(user.status.rawValue),
                .isAdministrator: SQLValue(user.isAdministrator), .createdAt: SQLValue(user.createdAt),
            ], Columns.onConflict([.id], update: [.surname, .name, .iin, .status, .isAdministrator]))
    }

    /// The IIN an accepted EDS proved, written only where none is on record.
    static func setIIN(_ iin: String, ofUser userID: String) -> SQLStatement {
        Columns.update([(.iin, SQLValue(iin))], where: "id = ? AND iin IS NULL", [SQLValue(userID)])
    }

    static func select(id: String?) -> SQLStatement { Columns.select("WHERE id = ?", [SQLValue(id ?? "")]) }

    static func select(phone: String) -> SQLStatement { Columns.select("WHERE phone = ?", [SQLValue(phone)]) }

    /// The user who owns signer `signerID`'s phone.
    static func select(ownerOfSigner signerID: String) -> SQLStatement {
        Columns.select("WHERE phone = \(SignersTable.phoneOfSigner)", [SQLValue(signerID)])
    }

    /// The newest 500, for the administration pages.
    static let selectNewest = Columns.select("ORDER BY created_at DESC, id LIMIT 500")
}

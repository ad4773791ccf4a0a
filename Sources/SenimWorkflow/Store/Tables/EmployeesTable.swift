/// `employees`: who works for which partner, with which rights.
enum EmployeesTable {
    enum Columns: String, TableColumns {
        static let table = "employees"
        case partnerID = "partner_id"
        case userID = "user_id"
        case rights, active
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> Employee { try decode(ColumnRow<Columns>(values)) }

    static func decode(_ row: ColumnRow<Columns>) throws(StoreError) -> Employee {
        guard let partnerID = row[.partnerID].text, let userID = row[.userID].text, let rights = row[.rights].integer else {
            throw .corruptRow(row.description)
        }
        return Employee(partnerID: partnerID, userID: userID, rights: EmployeeRights(rawValue: Int(rights)), active: row[.active].bool)
    }

    static func upsert(_ employee: Employee) -> SQLStatement {
        Columns.insert(
            [
                .partnerID: SQLValue(employee.partnerID), .userID: SQLValue(employee.userID),
                .rights: SQLValue(employee.rights.rawValue), .active: SQLValue(employee.active),
            ], Columns.onConflict([.partnerID, .userID], update: [.rights, .active]))
    }

    /// A user's employments.
    static func select(userID: String?) -> SQLStatement { Columns.select("WHERE user_id = ?", [SQLValue(userID ?? "")]) }

    /// The employments of the user with `phone`.
    static func select(userPhone phone: String) -> SQLStatement {
        Columns.select("WHERE user_id = (SELECT id FROM users WHERE phone = ?)", [SQLValue(phone)])
    }

    /// A partner's employees with their phones, by phone: the employee columns, then `users.phone`.
    static func selectWithPhones(partnerID: String) -> SQLStatement {
        SQLStatement(
            "SELECT \(Columns.list(as: "e")), u.phone FROM employees e JOIN users u ON u.id = e.user_id"
                + " WHERE e.partner_id = ? ORDER BY u.phone",
            [SQLValue(partnerID)])
    }

    static func decodeWithPhone(_ values: SQLRow) throws(StoreError) -> (employee: Employee, phone: PhoneNumber) {
        let employee = try decode(ColumnRow<Columns>(Array(values.dropLast())))
        guard let phone = values.last?.text.flatMap(PhoneNumber.init) else { throw .corruptRow("employees: \(values)") }
        return (employee, phone)
    }
}

/// The acting user's row and employments, read in the transaction: rights as they are now, not as the
/// session read them (a right revoked a moment ago, on any node, no longer counts).
enum PrincipalReads {
    static func reads(userID: String?) -> NamedReads {
        NamedReads([.user: UsersTable.select(id: userID), .employments: EmployeesTable.select(userID: userID)])
    }

    /// The user (nil: gone) and their employments, as read.
    static func decode(_ rows: ReadRows) throws(StoreError) -> (user: User?, employments: [Employee]) {
        var employments: [Employee] = []
        for row in rows[.employments] { employments.append(try EmployeesTable.decode(row)) }
        return (try rows[.user].first.map(UsersTable.decode), employments)
    }
}

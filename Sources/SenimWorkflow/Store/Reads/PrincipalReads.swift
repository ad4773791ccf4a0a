/// The acting user's row and employments, read in the transaction: rights as they are now, not as the
/// session read them (a right revoked a moment ago, on any node, no longer counts). For a partner's API key the
/// key's row is read the same way (revoked a moment ago: refused now).
enum PrincipalReads {
    static func reads(userID: String?) -> NamedReads {
        NamedReads([
            .user: UsersTable.select(id: userID), .employments: EmployeesTable.select(userID: userID),
            .apiKey: APIKeysTable.select(id: userID),
        ])
    }

    /// The user (nil: gone, or a key acts), their employments, and the key (nil: a person acts), as read.
    static func decode(_ rows: ReadRows) throws(StoreError) -> (user: User?, employments: [Employee], apiKey: APIKey?) {
        var employments: [Employee] = []
        for row in rows[.employments] { employments.append(try EmployeesTable.decode(row)) }
        return (try rows[.user].first.map(UsersTable.decode), employments, try rows[.apiKey].first.map(APIKeysTable.decode))
    }
}

extension Store {
    /// ``Store/transaction(reads:plan:)`` with named reads: `plan` gets the rows by name.
    func transaction<Result: Sendable>(
        _ reads: NamedReads, plan: @escaping @Sendable (ReadRows) throws -> (writes: [SQLStatement], result: Result)
    ) async throws -> Result {
        try await transaction(reads: reads.statements) { rows in try plan(reads.rows(rows)) }
    }

    /// A transaction that only writes.
    func write(_ statements: [SQLStatement]) async throws {
        let _: Void = try await transaction(reads: []) { _ in (statements, ()) }
    }

    /// ``Store/snapshot(_:)`` with named reads.
    func snapshot(_ reads: NamedReads) async throws -> ReadRows { reads.rows(try await snapshot(reads.statements)) }
}

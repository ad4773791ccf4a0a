/// The reads of one transaction, each under its ``ReadName``, in the order the store runs them (the order of
/// the locks). ``rows(_:)`` gives the store's answer back by the same names.
struct NamedReads: Sendable {
    private(set) var names: [ReadName] = []
    private(set) var statements: [SQLStatement] = []

    init() {}

    init(_ reads: KeyValuePairs<ReadName, SQLStatement>) {
        for (name, statement) in reads { append(name, statement) }
    }

    /// Adds a read after the others; a name is read once per transaction.
    mutating func append(_ name: ReadName, _ statement: SQLStatement) {
        assert(!names.contains(name), "read \(name) twice")
        names.append(name)
        statements.append(statement)
    }

    static func + (first: NamedReads, second: NamedReads) -> NamedReads {
        var joined = first
        for (name, statement) in zip(second.names, second.statements) { joined.append(name, statement) }
        return joined
    }

    /// The rows the store read for these statements, by name.
    func rows(_ result: [[SQLRow]]) -> ReadRows {
        ReadRows(Dictionary(zip(names, result), uniquingKeysWith: { first, _ in first }))
    }
}

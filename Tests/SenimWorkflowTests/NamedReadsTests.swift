import Testing

@testable import SenimWorkflow

/// A transaction's reads come back by name, whatever the order they were made in, and two snapshots compare
/// with one read left out (the platform log's size, which other documents move).
@Suite("Named reads")
struct NamedReadsTests {
    @Test func rowsComeBackUnderTheirNames() {
        let reads =
            NamedReads([.document: DocumentsTable.select(id: "d-1"), .signers: SignersTable.select(documentID: "d-1")])
            + ChainReads.reads(chainID: "d-1", forUpdate: " FOR UPDATE")
        #expect(reads.names == [.document, .signers, .chainHead, .logSize])
        #expect(reads.statements.count == 4)
        #expect(reads.statements[3].sql == "SELECT size FROM log_state WHERE id = 1 FOR UPDATE")
        let rows = reads.rows([[[.text("a")]], [], [[.integer(4), .text("ff")]], [[.integer(9)]]])
        #expect(rows[.document] == [[.text("a")]])
        #expect(rows[.signers].isEmpty)
        #expect(rows[.logSize] == [[.integer(9)]])
        // A read not made has no rows.
        #expect(rows[.storedAnswer].isEmpty)
    }

    @Test func snapshotsCompareWithoutTheLogSize() throws {
        let reads = ChainReads.reads(chainID: "d-1", forUpdate: "")
        let before = reads.rows([[[.integer(4), .text("ff")]], [[.integer(9)]]])
        let logMoved = reads.rows([[[.integer(4), .text("ff")]], [[.integer(10)]]])
        let chainMoved = reads.rows([[[.integer(5), .text("ee")]], [[.integer(9)]]])
        #expect(before != logMoved)
        #expect(before.without(.logSize) == logMoved.without(.logSize))
        #expect(before.without(.logSize) != chainMoved.without(.logSize))
        let decoded = try ChainReads.decode(logMoved)
        #expect(decoded.head?.sequence == 4 && decoded.head?.hash == "ff" && decoded.logSize == 10)
        #expect(throws: StoreError.self) { try ChainReads.decode(reads.rows([[], []])) }
    }
}

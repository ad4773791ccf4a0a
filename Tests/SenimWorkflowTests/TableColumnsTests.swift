import Foundation
import SenimStoreTestSupport
import SenimTestSupport
import Testing

@testable import SenimWorkflow

/// The `Columns` enums are the one place column names are written: each must name exactly the columns its
/// table has after every migration, in the table's own order, in both stores; rows are read back by those
/// names, and a row of another width does not decode.
@Suite("Table columns")
struct TableColumnsTests {
    /// Every table of the schema with its `Columns` list (23 tables).
    static let tables: [(table: String, columns: [String])] = [
        (DocumentsTable.Columns.table, DocumentsTable.Columns.allCases.map(\.rawValue)),
        (SignersTable.Columns.table, SignersTable.Columns.allCases.map(\.rawValue)),
        (PartnersTable.Columns.table, PartnersTable.Columns.allCases.map(\.rawValue)),
        (UsersTable.Columns.table, UsersTable.Columns.allCases.map(\.rawValue)),
        (EmployeesTable.Columns.table, EmployeesTable.Columns.allCases.map(\.rawValue)),
        (TariffPackagesTable.Columns.table, TariffPackagesTable.Columns.allCases.map(\.rawValue)),
        (SignatureFilesTable.Columns.table, SignatureFilesTable.Columns.allCases.map(\.rawValue)),
        (AuditEventsTable.Columns.table, AuditEventsTable.Columns.allCases.map(\.rawValue)),
        (LogLeavesTable.Columns.table, LogLeavesTable.Columns.allCases.map(\.rawValue)),
        (LogStateTable.Columns.table, LogStateTable.Columns.allCases.map(\.rawValue)),
        (IdempotencyKeysTable.Columns.table, IdempotencyKeysTable.Columns.allCases.map(\.rawValue)),
        (LoginChallengesTable.Columns.table, LoginChallengesTable.Columns.allCases.map(\.rawValue)),
        (SESChallengesTable.Columns.table, SESChallengesTable.Columns.allCases.map(\.rawValue)),
        (SessionsTable.Columns.table, SessionsTable.Columns.allCases.map(\.rawValue)),
        (AgreementAcceptancesTable.Columns.table, AgreementAcceptancesTable.Columns.allCases.map(\.rawValue)),
        (SignerLinksTable.Columns.table, SignerLinksTable.Columns.allCases.map(\.rawValue)),
        (BlobsTable.Columns.table, BlobsTable.Columns.allCases.map(\.rawValue)),
        (BlobChunksTable.Columns.table, BlobChunksTable.Columns.allCases.map(\.rawValue)),
        (PlatformKeysTable.Columns.table, PlatformKeysTable.Columns.allCases.map(\.rawValue)),
        (APIKeysTable.Columns.table, APIKeysTable.Columns.allCases.map(\.rawValue)),
        (WebhookEndpointsTable.Columns.table, WebhookEndpointsTable.Columns.allCases.map(\.rawValue)),
        (WebhookDeliveriesTable.Columns.table, WebhookDeliveriesTable.Columns.allCases.map(\.rawValue)),
        (WebhookAttemptsTable.Columns.table, WebhookAttemptsTable.Columns.allCases.map(\.rawValue)),
    ]

    @Test(arguments: StoreKind.available)
    func columnsNameEveryColumnOfTheirTableInOrder(kind: StoreKind) async throws {
        let (engine, _, _) = try await kind.make()
        let catalog =
            kind == .sqlite
            ? "SELECT name FROM pragma_table_info(?) ORDER BY cid"
            : "SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
                + " ORDER BY ordinal_position"
        for (table, columns) in Self.tables {
            let stored = try await engine.store.query(SQLStatement(catalog, [.text(table)])).map { $0.first?.text ?? "" }
            #expect(stored == columns, "\(table)")
        }
        let every =
            kind == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite_%'"
                + " ORDER BY name"
            : "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'"
                + " ORDER BY table_name"
        let tables = try await engine.store.query(SQLStatement(every)).map { $0.first?.text ?? "" }
        #expect(tables == Self.tables.map(\.table).sorted())
        #expect(tables.count == 23)
    }

    @Test func statementsListTheColumnsOnce() {
        #expect(PartnersTable.Columns.list == "id, bin, organisation, status, created_at")
        #expect(
            PartnersTable.select(id: "p-1")
                == SQLStatement("SELECT id, bin, organisation, status, created_at FROM partners WHERE id = ?", [.text("p-1")]))
        let upsert = PartnersTable.upsert(Fixtures.partner)
        #expect(
            upsert.sql == """
                INSERT INTO partners (id, bin, organisation, status, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation, status = excluded.status
                """)
        #expect(
            upsert.arguments == [
                .text("p-1"), .text(Fixtures.partnerBIN.digits), .text("ТОО «Сенім»"), .text("active"), SQLValue(Fixtures.time),
            ])
        #expect(EmployeesTable.Columns.list(as: "e") == "e.partner_id, e.user_id, e.rights, e.active")
        let update = TariffPackagesTable.update(id: "t-1", [(.usesTotal, .integer(7)), (.active, .integer(0))])
        #expect(
            update
                == SQLStatement(
                    "UPDATE tariff_packages SET uses_total = ?, active = ? WHERE id = ?", [.integer(7), .integer(0), .text("t-1")]))
    }

    @Test func rowsAreReadByColumnName() throws {
        let row: SQLRow = [
            .text("p-1"), .text(Fixtures.partnerBIN.digits), .text("ТОО «Сенім»"), .text("inactive"), SQLValue(Fixtures.time),
        ]
        let named = try ColumnRow<PartnersTable.Columns>(row)
        #expect(named[.organisation] == .text("ТОО «Сенім»"))
        #expect(named[.status] == .text("inactive"))
        let partner = try PartnersTable.decode(row)
        #expect(partner.id == "p-1" && partner.status == .inactive && partner.createdAt == Fixtures.time)
        // A narrow read names its columns; a column it did not read is NULL, not another column's value.
        let narrow = try ColumnRow([.text("d-1")], columns: [DocumentsTable.Columns.id])
        #expect(narrow[.id] == .text("d-1"))
        #expect(narrow[.blobPath] == .null)
    }

    @Test func rowsOfAnotherWidthOrWithAMissingValueDoNotDecode() {
        let short: SQLRow = [.text("p-1"), .text(Fixtures.partnerBIN.digits), .text("ТОО «Сенім»"), .text("active")]
        #expect(throws: StoreError.self) { try PartnersTable.decode(short) }
        #expect(throws: StoreError.self) { try PartnersTable.decode(short + [SQLValue(Fixtures.time), .null]) }
        let unknownStatus: SQLRow = [
            .text("p-1"), .text(Fixtures.partnerBIN.digits), .text("ТОО"), .text("sleeping"), SQLValue(Fixtures.time),
        ]
        #expect(throws: StoreError.self) { try PartnersTable.decode(unknownStatus) }
        #expect(throws: StoreError.self) { try EmployeesTable.decode([.text("p-1"), .text("u-1"), .null, .integer(1)]) }
        #expect(throws: StoreError.self) { try LogStateTable.decodeSize([.null]) }
    }
}

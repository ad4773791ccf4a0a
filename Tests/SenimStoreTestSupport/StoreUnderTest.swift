import Foundation
import SenimWorkflow
import Testing

/// The two stores every store test runs against. PostgreSQL needs a server: `SENIMKEY_TEST_POSTGRES_URL`
/// (`.ci/run` always sets it; the README shows how to start one locally). Each test gets a fresh database.
public enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgresql

    public static let postgresURL = ProcessInfo.processInfo.environment["SENIMKEY_TEST_POSTGRES_URL"]

    /// SQLite always; PostgreSQL when a server URL is set, with a loud note when it is not.
    public static let available: [StoreKind] = {
        if postgresURL == nil {
            let note =
                "\n*** PostgreSQL store tests SKIPPED: SENIMKEY_TEST_POSTGRES_URL is not set "
                + "(see README, \"PostgreSQL for the store tests\") ***\n\n"
            FileHandle.standardError.write(Data(note.utf8))
            return [.sqlite]
        }
        return [.sqlite, .postgresql]
    }()

    public var testDescription: String { rawValue }

    /// A migrated engine on an empty database, its blob store, and the fault hook.
    public func make(rules: WorkflowRules = WorkflowRules()) async throws -> (
        engine: WorkflowEngine, blobs: BlobStore, faults: FaultInjection
    ) {
        let (store, directory, faults) = try await makeStore()
        let engine = WorkflowEngine(store: store, rules: rules)
        try await engine.migrate()
        return (engine, try BlobStore(directory: directory + "/blobs"), faults)
    }

    /// An empty database of this kind (not migrated), a fresh directory beside it, and the fault hook.
    public func makeStore() async throws -> (store: any Store, directory: String, faults: FaultInjection) {
        let made = try await makeStores(peer: false)
        return (made.store, made.directory, made.faults)
    }

    /// The same, with (when `peer`) a second store on the same database, as another server node would open it.
    public func makeStores(peer: Bool) async throws -> (store: any Store, peer: (any Store)?, directory: String, faults: FaultInjection) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let faults = FaultInjection()
        switch self {
        case .sqlite:
            let path = directory + "/senimkey.sqlite"
            return (try SQLiteStore(path: path, faults: faults), peer ? try SQLiteStore(path: path) : nil, directory, faults)
        case .postgresql:
            guard let url = Self.postgresURL, var components = URLComponents(string: url) else {
                throw StoreError.database("no PostgreSQL URL")
            }
            let name = "senimkey_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            let admin = try PostgreSQLStore(url: url, maximumConnections: 1)
            _ = try await admin.query(SQLStatement("CREATE DATABASE \(name)"))
            components.path = "/" + name
            let database = components.string ?? url
            return (
                try PostgreSQLStore(url: database, maximumConnections: 8, faults: faults),
                peer ? try PostgreSQLStore(url: database, maximumConnections: 4) : nil, directory, faults
            )
        }
    }
}

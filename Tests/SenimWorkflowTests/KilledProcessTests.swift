import Foundation
import SenimCrypto
import SenimEvidence
import Testing

@testable import SenimWorkflow

/// The crash test with a real crash: a child process (this test binary, re-run on this test with
/// `SENIMKEY_CRASH_CHILD_DATABASE` set) runs workflows against a SQLite file as fast as it can and is killed
/// with SIGKILL mid-flight. Reopened, the store must be consistent: every chain verifies, every leaf anchors an
/// event that exists, every document's state is what its own log says, and the tariff counts match.
@Suite("Killed process")
struct KilledProcessTests {
    @Test func sigkillMidWorkflowLeavesTheStoreConsistent() async throws {
        if let database = ProcessInfo.processInfo.environment["SENIMKEY_CRASH_CHILD_DATABASE"] {
            try await Self.runUntilKilled(database)
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("senimkey.sqlite").path
        do {
            let engine = WorkflowEngine(store: try SQLiteStore(path: database))
            try await engine.migrate()
            _ = try await WorkflowStoreTests.setUp(engine, uses: 100_000, clients: 2)
        }

        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--testing-library", "swift-testing", "--filter", "sigkillMidWorkflowLeavesTheStoreConsistent"]
        child.environment = ProcessInfo.processInfo.environment.merging(["SENIMKEY_CRASH_CHILD_DATABASE": database]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        // The child never outlives this test, whatever ends it.
        defer {
            if child.isRunning {
                kill(child.processIdentifier, SIGKILL)
                child.waitUntilExit()
            }
        }
        // Kill it once it is well into its work (at least 300 commands committed), at an arbitrary moment.
        let observer = WorkflowEngine(store: try SQLiteStore(path: database))
        let deadline = Date().addingTimeInterval(120)
        var committed: [[UInt8]] = []
        while Date() < deadline, child.isRunning {
            committed = try await observer.logLeafHashes()
            if committed.count >= 300 { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        try await Task.sleep(nanoseconds: UInt64.random(in: 0..<30_000_000))
        #expect(child.isRunning, "the child stopped before it was killed")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGKILL)
        #expect(committed.count >= 300, "killed after \(committed.count) commands, before the 300 it waits for")

        // Reopened after the crash (SQLite recovers its WAL).
        let engine = WorkflowEngine(store: try SQLiteStore(path: database))
        // Nothing that was committed before the kill is lost or changed.
        let reopened = try await engine.logLeafHashes()
        #expect(Array(reopened.prefix(committed.count)) == committed, "a leaf committed before the kill is gone or changed")
        let documents = try await engine.documents(ofPartner: "p-1", limit: 500)
        #expect(documents.count < 500, "the listing is complete")
        var lastSequence: [String: UInt64] = [:]
        var signed = 0
        var pending = 0
        for document in documents {
            let log = try await engine.auditLog(ofDocument: document.id)
            _ = try AuditChain.verify(log)
            let actions = log.map(\.event.action)
            lastSequence[document.id] = log.last?.event.sequence
            let state = try await engine.state(ofDocument: document.id)
            let signatures = actions.filter {
                if case .sesSignatureRecorded = $0 {
                    return true
                } else if case .edsSignatureReceived = $0 {
                    return true
                } else {
                    return false
                }
            }
            #expect(signatures.count == state.signers.filter { $0.state == .signed }.count, "\(document.id): signers and log disagree")
            #expect(
                (document.status == .signed) == actions.contains(.completed), "\(document.id): status \(document.status) and log disagree")
            if document.status == .signed { signed += 1 }
            if document.status == .pending { pending += 1 }
        }
        let package = try #require(try await engine.tariffPackages(ofPartner: "p-1").first)
        #expect(package.usesUsed == signed && package.usesReserved == pending)
        // Every leaf anchors the head its command left: the event exists and its hash is the one in the leaf.
        let leaves = try await engine.store.query(
            SQLStatement("SELECT leaf_index, leaf_hash, document_id, last_sequence FROM log_leaves ORDER BY leaf_index"))
        #expect(leaves.count == reopened.count)
        #expect(leaves.map { $0[0].integer } == (0..<leaves.count).map { Int64($0) })
        // Every document is anchored, no leaf names an unknown one, and each document's last event is anchored:
        // no event was committed without its leaf.
        var anchoredUpTo: [String: UInt64] = [:]
        for leaf in leaves {
            if let documentID = leaf[2].text, let sequence = leaf[3].integer {
                anchoredUpTo[documentID] = max(anchoredUpTo[documentID] ?? 0, UInt64(sequence))
            }
        }
        // The set-up's seven saves (WorkflowStoreTests.setUp) are anchored under the platform's own log.
        #expect(anchoredUpTo.removeValue(forKey: "platform-administration") == 6)
        #expect(anchoredUpTo == lastSequence)
        for leaf in leaves {
            guard let documentID = leaf[2].text, let sequence = leaf[3].integer else {
                Issue.record("leaf row \(leaf)")
                continue
            }
            let event = try await engine.store.query(
                SQLStatement(
                    "SELECT hash FROM audit_events WHERE document_id = ? AND sequence = ?", [.text(documentID), .integer(sequence)]))
            let anchor = AuditAnchor(documentID: documentID, lastSequence: UInt64(sequence), head: event.first?.first?.text ?? "")
            #expect(leaf[1].text == Hex.encode(MerkleHash.leaf(try anchor.leafData())), "leaf \(leaf[0])")
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The child: four workflows at a time, forever (a minute at most, should the parent be gone).
    static func runUntilKilled(_ database: String) async throws {
        let engine = WorkflowEngine(store: try SQLiteStore(path: database))
        let blobs = try BlobStore(directory: (database as NSString).deletingLastPathComponent + "/blobs")
        let clients = (0..<2).map { index in
            WorkflowPrincipal(
                user: Fixtures.user("u-client-\(index)", phone: 100 + index, iin: Fixtures.iin(String(90_010_100_000 + index))))
        }
        let stop = Date().addingTimeInterval(60)
        var round = 0
        while Date() < stop {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<4 {
                    let id = "k-\(round)-\(lane)"
                    group.addTask {
                        let sent = try await WorkflowStoreTests.sendDocument(engine, blobs, id: id, clients: clients)
                        try await engine.execute(
                            .sign(documentID: id, signerID: "\(id)-partner", Fixtures.partnerEDS()), by: Fixtures.employeePrincipal,
                            client: Fixtures.client)
                        for (index, client) in clients.enumerated() {
                            _ = try await WorkflowStoreTests.sesSign(
                                engine, document: sent.document, signerID: "\(id)-s\(index)", as: client)
                        }
                    }
                }
                try await group.waitForAll()
            }
            round += 1
        }
    }
}

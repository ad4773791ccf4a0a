import Foundation
import FoundationNetworking
import SenimStoreTestSupport
import SenimTestSupport
import Testing

/// Two `senimkey serve` processes, as an operator starts replicas: different data directories, no flag but
/// `--database`, one PostgreSQL, started at the same moment. Nothing key-like may land in either directory but the
/// public seal certificate, and both must hold the same one (the first replica created the keys, the other read them).
@Suite("senimkey serve replicas", .enabled(if: StoreKind.postgresURL != nil))
struct ReplicaServeTests {
    /// A fresh database on the test server (psql, as an operator would create it).
    static func freshDatabase() throws -> String {
        let url = try #require(StoreKind.postgresURL)
        var components = try #require(URLComponents(string: url))
        let name = "senimkey_r_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [url, "-qc", "CREATE DATABASE \(name)"]
        try psql.run()
        psql.waitUntilExit()
        try #require(psql.terminationStatus == 0, "psql could not create the database")
        components.path = "/" + name
        return try #require(components.string)
    }

    @Test func twoReplicasStartedTogetherShareTheKeysAndKeepNoneLocally() async throws {
        let database = try Self.freshDatabase()
        let directories = (0..<2).map { _ in
            FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-replica-\(UUID().uuidString)").path
        }
        defer { for directory in directories { try? FileManager.default.removeItem(atPath: directory) } }
        var processes: [(Process, ServeCommandTests.Output, Pipe)] = []
        defer {
            for (process, _, pipe) in processes {
                process.terminate()
                process.waitUntilExit()
                pipe.fileHandleForReading.readabilityHandler = nil
            }
        }
        for directory in directories {
            let process = Process()
            process.executableURL = CLIProcess.binary
            process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--data", directory, "--database", database]
            process.currentDirectoryURL = CLIProcess.repositoryRoot
            var environment = ProcessInfo.processInfo.environment
            environment["SENIMKEY_KEY_WRAPPING_KEY"] = String(repeating: "5a", count: 32)
            process.environment = environment
            let pipe = Pipe()
            let output = ServeCommandTests.Output()
            process.standardOutput = pipe
            process.standardError = pipe
            pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
            processes.append((process, output, pipe))
        }
        for (process, _, _) in processes { try process.run() }
        let deadline = Date().addingTimeInterval(60)
        while processes.contains(where: { !$0.1.current.contains("listening") && $0.0.isRunning }) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        for (_, output, _) in processes { try #require(output.current.contains("listening"), "a replica did not start: \(output.current)") }

        let certificates = try directories.map { try #require(FileManager.default.contents(atPath: $0 + "/keys/seal.cert.pem")) }
        #expect(certificates[0] == certificates[1] && String(decoding: certificates[0], as: UTF8.self).contains("BEGIN CERTIFICATE"))
        for directory in directories {
            #expect(!FileManager.default.fileExists(atPath: directory + "/keys/ses.key"), "no SMS-code key in the data directory")
            #expect(!FileManager.default.fileExists(atPath: directory + "/keys/seal.key.pem"), "no seal key in the data directory")
            #expect(!FileManager.default.fileExists(atPath: directory + "/db/senimkey.sqlite"))
        }
        for (_, output, _) in processes { #expect(output.current.contains("blobs and keys=database")) }

        // One platform: a code sent by A is confirmed on B (one SMS-code key), the session works on both, and a
        // logout on A is refused on B (the announcement, not the one-second lifetime: measured below).
        let ports = try processes.map { process in
            let printed = process.1.current
            let match = try #require(printed.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression))
            return try #require(Int(printed[match].split(separator: ":").last ?? ""))
        }
        let phone = "+77010000001"
        let code = try await Self.request("POST", ports[0], "/api/v1/auth/code", json: ["phone": phone])
        #expect(code.status == 202)
        let challenge = try #require(code.json["challengeID"] as? String)
        let outbox = directories[0] + "/outbox"
        let messages = try FileManager.default.contentsOfDirectory(atPath: outbox).compactMap {
            FileManager.default.contents(atPath: outbox + "/" + $0).map { String(decoding: $0, as: UTF8.self) }
        }
        let text = try #require(messages.first)
        let sent = try #require(text.range(of: #"\d{6}"#, options: .regularExpression))
        let session = try await Self.request(
            "POST", ports[1], "/api/v1/auth/session",
            json: ["phone": phone, "challengeID": challenge, "code": String(text[sent]), "acceptAgreement": true])
        #expect(session.status == 200, "the code A sent is confirmed on B")
        let token = try #require(session.json["token"] as? String)
        #expect(try await Self.request("GET", ports[0], "/api/v1/me", token: token).status == 200)
        #expect(try await Self.request("GET", ports[1], "/api/v1/me", token: token).status == 200)
        #expect(try await Self.request("DELETE", ports[0], "/api/v1/auth/session", token: token).status < 300)
        let start = ContinuousClock.now
        var refused = false
        while !refused && ContinuousClock.now - start < .seconds(3) {
            refused = try await Self.request("GET", ports[1], "/api/v1/me", token: token).status == 401
        }
        let elapsed = ContinuousClock.now - start
        print("replicas: logout on A refused on B after \(elapsed)")
        #expect(refused && elapsed < .milliseconds(500), "logout on A refused on B after \(elapsed)")
    }

    struct Answer {
        let status: Int
        let json: [String: Any]
    }

    static func request(_ method: String, _ port: Int, _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws
        -> Answer
    {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Answer(status: status, json: (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    /// The keys are wrapped: a replica started without the wrapping key refuses to start, with a sentence.
    @Test func aReplicaWithoutTheWrappingKeyRefusesToStart() async throws {
        let database = try Self.freshDatabase()
        let first = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-replica-\(UUID().uuidString)").path
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-replica-\(UUID().uuidString)").path
        defer { for directory in [first, second] { try? FileManager.default.removeItem(atPath: directory) } }
        // The first start creates the keys wrapped (the variable named by --key-wrapping-env), then ends.
        setenv("SENIMKEY_TEST_WRAPPING", String(repeating: "a5", count: 32), 1)
        defer { unsetenv("SENIMKEY_TEST_WRAPPING") }
        try await ServeCommandTests.whileServing(["--data", first, "--database", database, "--key-wrapping-env", "SENIMKEY_TEST_WRAPPING"])
        {
            _ in
        }
        let refused = try await CLIProcess.run(["serve", "--data", second, "--port", "0", "--database", database])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("is wrapped: give the wrapping key in the environment"))
        #expect(refused.standardError.range(of: #"Error\.|\.swift:|nil"#, options: .regularExpression) == nil)
    }
}

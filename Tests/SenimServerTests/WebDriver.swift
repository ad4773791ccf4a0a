import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SenimTestSupport

/// A W3C WebDriver client for chromedriver (Debian's chromium-driver) driving headless Chromium: just what the
/// browser walk needs (navigate, find, type, click, read, cookies, screenshots).
final class WebDriver: @unchecked Sendable {
    private let process: Process
    private let base: String
    private(set) var session = ""
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs `body` with a browser of the given window size; the session and its chromedriver end when `body`
    /// ends, whether it returns or throws.
    static func with<T>(width: Int = 1280, height: Int = 900, _ body: (WebDriver) async throws -> T) async throws -> T {
        let driver = try await WebDriver(width: width, height: height)
        let result: Result<T, any Error>
        do { result = .success(try await body(driver)) } catch { result = .failure(error) }
        await driver.quit()
        return try result.get()
    }

    private init(width: Int, height: Int) async throws {
        let port = Int.random(in: 20_000..<40_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = "http://127.0.0.1:\(port)"
        do { session = try await Self.startSession(base: base, width: width, height: height, call: call) } catch {
            // A driver that never gave a session is ended all the same.
            await Self.end(process)
            throw error
        }
    }

    private static func startSession(
        base: String, width: Int, height: Int, call: (HTTPMethod, String, [String: Any]?) async throws -> [String: Any]
    ) async throws -> String {
        // Up to 30 s for chromedriver to listen: on a loaded machine (load 20 on two cores) 5 s were not always enough.
        for _ in 0..<300 {
            if (try? await call(.GET, "/status", nil)) != nil { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-chromium-\(UUID().uuidString)").path
        let created = try await call(
            .POST, "/session",
            [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": [
                            "binary": "/usr/bin/chromium",
                            "args": [
                                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                "--window-size=\(width),\(height)",
                                "--user-data-dir=\(profile)", "--lang=ru", "--ignore-certificate-errors",
                            ],
                        ],
                    ]
                ]
            ])
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "no session: \(created)")
        }
        return id
    }

    /// Ends the session (Chromium closes) and chromedriver, and waits until it has exited.
    private func quit() async {
        if !session.isEmpty { _ = try? await call(.DELETE, "/session/\(session)") }
        await Self.end(process)
    }

    private static func end(_ process: Process) async { await ChildProcesses.end(process) }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await ServerHarness.client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 32 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]) ?? [:]
        if response.status.code >= 400 { throw Failure(description: "\(method) \(path): \(response.status.code) \(object)") }
        return object
    }

    func open(_ url: String) async throws { try await call(.POST, "/session/\(session)/url", ["url": url]) }

    /// The element, waiting up to five seconds for it (a form post's next page may still be loading).
    func element(_ css: String) async throws -> String {
        var lastError: (any Error)?
        for _ in 0..<50 {
            do {
                let found = try await call(.POST, "/session/\(session)/element", ["using": "css selector", "value": css])
                guard let value = found["value"] as? [String: Any], let id = value[Self.elementKey] as? String else {
                    throw Failure(description: "no \(css)")
                }
                return id
            } catch {
                lastError = error
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        throw lastError ?? Failure(description: "no \(css)")
    }

    /// Waits up to five seconds for the address to end with `suffix`.
    func waitForURL(endingWith suffix: String) async throws -> Bool {
        for _ in 0..<50 {
            if try await url().components(separatedBy: "?")[0].hasSuffix(suffix) { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }

    func type(_ css: String, _ text: String) async throws {
        try await retrying {
            try await self.call(.POST, "/session/\(self.session)/element/\(try await self.element(css))/value", ["text": text])
        }
    }

    func click(_ css: String) async throws {
        try await retrying { try await self.call(.POST, "/session/\(self.session)/element/\(try await self.element(css))/click", [:]) }
    }

    /// An element found while the previous page was still going away is stale by the time it is used: find it again.
    private func retrying(_ action: () async throws -> [String: Any]) async throws {
        for attempt in 0..<20 {
            do {
                _ = try await action()
                return
            } catch let failure as Failure where failure.description.contains("stale element") && attempt < 19 {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
    }

    /// The element's text, once it equals `expected` (waiting up to five seconds), or what it was then.
    func text(_ css: String, becoming expected: String) async throws -> String {
        var last = ""
        for _ in 0..<50 {
            last = (try await call(.GET, "/session/\(session)/element/\(try await element(css))/text"))["value"] as? String ?? ""
            if last == expected { return last }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return last
    }

    func source() async throws -> String { (try await call(.GET, "/session/\(session)/source"))["value"] as? String ?? "" }
    func url() async throws -> String { (try await call(.GET, "/session/\(session)/url"))["value"] as? String ?? "" }

    func resize(width: Int, height: Int) async throws {
        try await call(.POST, "/session/\(session)/window/rect", ["width": width, "height": height])
    }

    func cookie(_ name: String) async throws -> String? {
        let cookies = (try await call(.GET, "/session/\(session)/cookie"))["value"] as? [[String: Any]] ?? []
        return cookies.first { $0["name"] as? String == name }?["value"] as? String
    }

    func screenshot() async throws -> Data {
        guard let encoded = (try await call(.GET, "/session/\(session)/screenshot"))["value"] as? String,
            let png = Data(base64Encoded: encoded)
        else {
            throw Failure(description: "no screenshot")
        }
        return png
    }
}

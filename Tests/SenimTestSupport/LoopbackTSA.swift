import Foundation
import NIOCore
import NIOHTTP1

/// A time-stamping authority on 127.0.0.1 for tests: it answers RFC 3161 requests through `respond` (the test's own
/// TSA, so this module needs no CMS code), after misbehaving as scripted, one fault per request: a server error, a
/// timeout, a token for other data, a refusal. A client's retries, and its refusal to keep a wrong token, are
/// exercised against it.
public final class LoopbackTSA: @unchecked Sendable {
    // @unchecked: `faults` and `served` are guarded by `lock`; the server is set once in init.
    public enum Fault: Sendable {
        /// HTTP 500.
        case serverError
        /// The answer comes after this delay (longer than the client's timeout).
        case slow(TimeAmount)
        /// A granted token whose imprint is over other data (the request's imprint with its first byte changed).
        case wrongImprint
        /// A TimeStampResp with PKIStatus rejection (2).
        case refusal
    }

    private let lock = NSLock()
    private var faults: [Fault]
    private var served = 0
    private var server: LoopbackHTTPServer?

    public var url: String { (server?.baseURL ?? "") + "/tsp" }
    /// How many requests reached the TSA.
    public var requestCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return served
    }

    public init(faults: [Fault] = [], respond: @escaping @Sendable ([UInt8]) -> [UInt8]) throws {
        self.faults = faults
        server = try LoopbackHTTPServer { [unowned self] request in
            guard request.method == .POST, request.contentType == "application/timestamp-query" else {
                return LoopbackHTTPServer.Route(status: .badRequest, body: [])
            }
            switch self.nextFault() {
            case nil: return LoopbackHTTPServer.Route(body: respond(request.body))
            case .serverError?: return LoopbackHTTPServer.Route(status: .internalServerError, body: [])
            case .slow(let delay)?: return LoopbackHTTPServer.Route(body: respond(request.body), delay: delay)
            case .wrongImprint?: return LoopbackHTTPServer.Route(body: respond(Self.otherImprint(request.body)))
            case .refusal?: return LoopbackHTTPServer.Route(body: [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02])
            }
        }
    }

    public func shutdown() { server?.shutdown() }

    private func nextFault() -> Fault? {
        lock.lock()
        defer { lock.unlock() }
        served += 1
        return faults.isEmpty ? nil : faults.removeFirst()
    }

    /// The request with the first byte of its messageImprint's hashedMessage inverted:
    /// `TimeStampReq ::= SEQUENCE { version, messageImprint SEQUENCE { hashAlgorithm, hashedMessage OCTET STRING }, … }`.
    static func otherImprint(_ request: [UInt8]) -> [UInt8] {
        var bytes = request
        guard let outer = header(bytes, 0), let version = header(bytes, outer.content),
            let imprint = header(bytes, version.content + version.length), let algorithm = header(bytes, imprint.content),
            let hashed = header(bytes, algorithm.content + algorithm.length), hashed.content < bytes.count
        else { return request }
        bytes[hashed.content] ^= 0xFF
        return bytes
    }

    /// A DER element's content offset and length.
    private static func header(_ bytes: [UInt8], _ at: Int) -> (content: Int, length: Int)? {
        guard at + 1 < bytes.count else { return nil }
        let first = Int(bytes[at + 1])
        if first < 0x80 { return (at + 2, first) }
        let count = first & 0x7F
        guard count > 0, count <= 3, at + 2 + count <= bytes.count else { return nil }
        let length = bytes[(at + 2)..<(at + 2 + count)].reduce(0) { $0 << 8 | Int($1) }
        return (at + 2 + count, length)
    }
}

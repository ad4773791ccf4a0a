import Foundation

/// The default SMS "gateway" for a developer's machine: every message becomes a JSON file in a directory
/// (`<time>-<id>.json`), so logging in locally means reading the code from the newest file.
public struct OutboxSMSSender: SMSSender {
    public let directory: String

    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    public func send(_ message: SMSMessage) async throws -> String {
        let id = "outbox-" + UUID().uuidString.lowercased()
        let stamp = String(Int64(Date().timeIntervalSince1970 * 1_000_000))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Entry: Encodable {
            let id: String
            let to: String
            let text: String
            let purpose: String
        }
        let data = try encoder.encode(Entry(id: id, to: message.to.e164, text: message.text, purpose: message.purpose.rawValue))
        let path = (directory as NSString).appendingPathComponent("\(stamp)-\(id).json")
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw SMSDeliveryError("cannot write \(path)")
        }
        return id
    }

    /// The messages in the outbox, oldest first (what a developer or a test reads the codes from).
    public func messages() throws -> [(id: String, to: String, text: String, purpose: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: String],
                let id = object["id"], let to = object["to"], let text = object["text"], let purpose = object["purpose"]
            else { return nil }
            return (id, to, text, purpose)
        }
    }
}

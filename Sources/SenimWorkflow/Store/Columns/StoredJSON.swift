import Foundation
import SenimEvidence

/// Values a column keeps as canonical JSON (challenges, audit events): written in the audit log's own form
/// (RFC 8785 subset, ``CanonicalJSON``), read back or refused as a corrupt row.
enum StoredJSON {
    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        do { return try CanonicalJSON.decoder().decode(type, from: Data(json.utf8)) } catch {
            throw StoreError.corruptRow("\(type): \(error)")
        }
    }
}

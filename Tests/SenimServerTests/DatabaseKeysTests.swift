import Foundation
import SenimCrypto
import SenimServer
import SenimStoreTestSupport
import SenimTestSupport
import SenimWorkflow
import Testing

/// The platform keys of a PostgreSQL deployment (`DatabaseKeys`): created once by whichever server starts first,
/// the same for every server, and (with a wrapping key) useless to whoever has only the database.
@Suite("Keys in the database", .enabled(if: StoreKind.postgresURL != nil))
struct DatabaseKeysTests {
    static let wrapping = (0..<32).map { UInt8($0) }

    static func keyRows(_ store: any Store) async throws -> [SQLRow] {
        try await store.query(SQLStatement("SELECT name, protection, value FROM platform_keys ORDER BY name"))
    }

    /// Two servers starting at once on an empty database (migrations and keys, each on its own connection pool):
    /// one creates the keys, both end with the same ones.
    @Test(arguments: [false, true])
    func serversStartingTogetherGetTheSameKeys(wrapped: Bool) async throws {
        let made = try await StoreKind.postgresql.makeStores(peer: true)
        let stores: [any Store] = [made.store, try #require(made.peer)]
        let key = wrapped ? Self.wrapping : nil
        let loaded = try await withThrowingTaskGroup(of: DatabaseKeys.self) { group in
            for store in stores {
                group.addTask {
                    try await WorkflowEngine(store: store).migrate()
                    return try await DatabaseKeys.load(from: store, wrappingKey: key)
                }
            }
            var all: [DatabaseKeys] = []
            for try await one in group { all.append(one) }
            return all
        }
        #expect(loaded.count == 2)
        #expect(loaded[0].sesKey == loaded[1].sesKey && loaded[0].sesKey.count == 32)
        #expect(loaded[0].sealIdentity.certificate == loaded[1].sealIdentity.certificate)
        #expect(try loaded[0].sealIdentity.privateKey.pemEncoded() == loaded[1].sealIdentity.privateKey.pemEncoded())
        // The key signs what its certificate verifies.
        let message = Array("checkpoint".utf8)
        let algorithm = loaded[1].sealIdentity.algorithm
        let signature = try loaded[1].sealIdentity.privateKey.signature(for: message, algorithm: algorithm)
        #expect(try loaded[0].sealIdentity.certificate.publicKey.isValidSignature(signature, for: message, algorithm: algorithm))
        let rows = try await Self.keyRows(made.store)
        #expect(rows.map { $0[0].text } == ["seal-certificate", "seal-key", "ses-key"])
        #expect(rows.map { $0[1].text } == ["clear", wrapped ? "aes-256-gcm" : "clear", wrapped ? "aes-256-gcm" : "clear"])
        // A third start (a restart) reads the same keys and adds none.
        let again = try await DatabaseKeys.load(from: made.store, wrappingKey: key)
        #expect(again.sesKey == loaded[0].sesKey && again.sealIdentity.certificate == loaded[0].sealIdentity.certificate)
        #expect(try await Self.keyRows(made.store).count == 3)
    }

    @Test func wrappedKeysAreUnreadableWithoutTheWrappingKey() async throws {
        let (store, _, _) = try await StoreKind.postgresql.makeStore()
        try await WorkflowEngine(store: store).migrate()
        let keys = try await DatabaseKeys.load(from: store, wrappingKey: Self.wrapping)
        // What the database holds is not the key: 12-byte nonce, ciphertext and 16-byte tag.
        let rows = try await Self.keyRows(store)
        let storedSES = try #require(rows.first { $0[0].text == "ses-key" }?[2].text.flatMap { Data(base64Encoded: $0) })
        #expect(storedSES.count == 12 + 32 + 16 && !storedSES.contains(keys.sesKey[0..<16]))
        let storedSeal = try #require(rows.first { $0[0].text == "seal-key" }?[2].text.flatMap { Data(base64Encoded: $0) })
        #expect(!String(decoding: storedSeal, as: UTF8.self).contains("PRIVATE KEY"))

        await #expect(throws: DatabaseKeysError.wrappingKeyNeeded("ses-key")) {
            try await DatabaseKeys.load(from: store, wrappingKey: nil)
        }
        var other = Self.wrapping
        other[31] ^= 1
        await #expect(throws: DatabaseKeysError.wrongWrappingKey("ses-key")) {
            try await DatabaseKeys.load(from: store, wrappingKey: other)
        }
        await #expect(throws: DatabaseKeysError.wrappingKeyLength) {
            try await DatabaseKeys.load(from: store, wrappingKey: Array(Self.wrapping.prefix(16)))
        }
        // A wrapped key moved to another name (the seal key's value under the SMS-code key's name) does not open.
        let sealValue = try #require(rows.first { $0[0].text == "seal-key" }?[2].text)
        _ = try await store.query(SQLStatement("UPDATE platform_keys SET value = ? WHERE name = 'ses-key'", [.text(sealValue)]))
        await #expect(throws: DatabaseKeysError.wrongWrappingKey("ses-key")) {
            try await DatabaseKeys.load(from: store, wrappingKey: Self.wrapping)
        }
    }

    @Test func wrappingKeyTextForms() throws {
        let hex = String(repeating: "0f", count: 32)
        #expect(try DatabaseKeys.wrappingKey(from: hex + "\n") == Array(repeating: 0x0f, count: 32))
        #expect(try DatabaseKeys.wrappingKey(from: Data(Self.wrapping).base64EncodedString()) == Self.wrapping)
        #expect(throws: DatabaseKeysError.wrappingKeyLength) { try DatabaseKeys.wrappingKey(from: String(repeating: "0f", count: 16)) }
        #expect(throws: DatabaseKeysError.wrappingKeyLength) { try DatabaseKeys.wrappingKey(from: "not a key") }
        #expect(!DatabaseKeysError.wrappingKeyNeeded("ses-key").description.contains("Error"))
    }
}

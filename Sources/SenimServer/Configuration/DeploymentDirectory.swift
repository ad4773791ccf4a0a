import Foundation
import SenimCrypto
import SenimPKI
import SenimWorkflow
import SwiftASN1

/// The data directory of a deployment and what `senimkey serve` creates in it on first start, so that a
/// fresh machine runs a working platform with no flags:
///
/// ```
/// senimkey-data/
///   db/senimkey.sqlite       the store (unless --database names PostgreSQL)
///   blobs/                   documents and signatures, by SHA-256
///   outbox/                  SMS as JSON files (the development gateway)
///   keys/ses.key             256-bit SMS-code key (0600)
///   keys/seal.key.pem        the platform's seal key, P-256 (0600), unless a PKCS#12 is given
///   keys/seal.cert.pem       its self-signed certificate: trust it to verify this platform's packages
/// ```
///
/// The keys live beside the database, never inside its directory, so a copy of the database (a backup, a
/// replica) carries no key; every start sets the folders to 0700 and the keys to 0600 again.
public struct DeploymentDirectory: Sendable {
    public let path: String

    public init(path: String) throws {
        self.path = path
        let manager = FileManager.default
        for folder in ["", "db", "keys", "blobs", "outbox"] {
            try manager.createDirectory(atPath: file(folder), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: file(folder))
        }
        // A store of an earlier layout (the database beside the keys) moves into db/ once.
        for suffix in ["", "-wal", "-shm"]
        where manager.fileExists(atPath: file("senimkey.sqlite" + suffix)) && !manager.fileExists(atPath: databasePath) {
            try manager.moveItem(atPath: file("senimkey.sqlite" + suffix), toPath: databasePath + suffix)
        }
        for key in ["keys/ses.key", "keys/seal.key.pem"] where manager.fileExists(atPath: file(key)) {
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file(key))
        }
    }

    public func file(_ name: String) -> String { name.isEmpty ? path : (path as NSString).appendingPathComponent(name) }

    public var databasePath: String { file("db/senimkey.sqlite") }
    public var blobDirectory: String { file("blobs") }
    public var outboxDirectory: String { file("outbox") }

    /// The SMS-code key, created once.
    public func sesKey() throws -> [UInt8] {
        let keyPath = file("keys/ses.key")
        if let existing = FileManager.default.contents(atPath: keyPath) {
            guard existing.count >= 32 else { throw StoreError.blob("\(keyPath) is shorter than 256 bits") }
            return Array(existing)
        }
        let key = try MessageAuthentication.randomBytes(32)
        try write(Data(key), to: keyPath)
        return key
    }

    /// The seal identity: a given PKCS#12, or the deployment's own P-256 key with a self-signed certificate
    /// (created once, valid ten years).
    public func sealIdentity(pkcs12 path: String? = nil, password: String = "", organisation: String = "Senimkey", at time: Date = Date())
        throws -> SigningIdentity
    {
        if let path {
            guard let bytes = FileManager.default.contents(atPath: path) else { throw StoreError.blob("cannot read \(path)") }
            return try SigningIdentity(pkcs12: Array(bytes), password: password)
        }
        let keyPath = file("keys/seal.key.pem")
        let certificatePath = file("keys/seal.cert.pem")
        if let key = FileManager.default.contents(atPath: keyPath), let certificate = FileManager.default.contents(atPath: certificatePath)
        {
            return try SigningIdentity(
                privateKey: try PrivateKey(pemEncoded: String(decoding: key, as: UTF8.self)),
                certificate: try Certificate(bytes: Array(certificate)))
        }
        let key = try PrivateKey.generateP256()
        let certificate = try SelfSignedCertificate.make(
            commonName: "\(organisation) platform seal", organisation: organisation, key: key,
            algorithm: .ecdsa(.sha256), validFrom: time.addingTimeInterval(-3600),
            validUntil: time.addingTimeInterval(10 * 365 * 86_400))
        try write(Data(try key.pemEncoded().utf8), to: keyPath)
        try write(Data(PEMDocument(type: "CERTIFICATE", derBytes: certificate.derEncoded).pemString.utf8), to: certificatePath, mode: 0o644)
        return try SigningIdentity(privateKey: key, certificate: certificate)
    }

    private func write(_ data: Data, to path: String, mode: Int = 0o600) throws {
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: mode]) else {
            throw StoreError.blob("cannot write \(path)")
        }
    }
}

extension AgreementEdition {
    /// The agreement this build ships (edition 1 of 19 May 2026, `Resources/user-agreement.ru.txt`).
    public static var shipped: AgreementEdition {
        let text =
            Bundle.module.url(forResource: "user-agreement.ru", withExtension: "txt").flatMap {
                try? String(contentsOf: $0, encoding: .utf8)
            } ?? ""
        return AgreementEdition(edition: "1", text: text)
    }
}

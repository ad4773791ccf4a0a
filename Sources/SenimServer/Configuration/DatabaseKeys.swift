import Foundation
import SenimCrypto
import SenimPKI
import SenimWorkflow
import SwiftASN1

/// The platform's keys of a PostgreSQL deployment, kept in the database so that every server signs and checks
/// with the same ones: the SMS-code key (a code sent by one server is confirmed on another) and the seal key
/// with its self-signed certificate (every server's evidence packages verify under one certificate).
///
/// The first server to start creates them, under the advisory lock the migrations take
/// (``SenimWorkflow/Store/platformKeys(makeMissing:)``); every other one reads them. When the deployment gives a
/// wrapping key (32 bytes, from the environment, never on the command line) the secret keys are stored sealed
/// under it with AES-256-GCM, their names as associated data, so a copy of the database (a backup, a replica)
/// carries no usable key; without it, in the clear, guarded only by the database's access control.
public struct DatabaseKeys: Sendable {
    public let sesKey: [UInt8]
    public let sealIdentity: SigningIdentity

    /// The seal certificate as PEM, for the operator to give to whoever verifies this platform's packages.
    public var sealCertificatePEM: String {
        PEMDocument(type: "CERTIFICATE", derBytes: sealIdentity.certificate.derEncoded).pemString
    }

    /// How a stored value is kept.
    enum Protection: String {
        case clear
        case wrapped = "aes-256-gcm"
    }

    /// The names in `platform_keys`.
    enum Name: String, CaseIterable {
        case ses = "ses-key"
        case sealKey = "seal-key"
        case sealCertificate = "seal-certificate"
    }

    /// Reads the deployment's keys from `store`, creating the missing ones first.
    public static func load(
        from store: any Store, wrappingKey: [UInt8]?, organisation: String = "Senimkey", at time: Date = Date()
    ) async throws -> DatabaseKeys {
        if let wrappingKey, wrappingKey.count != AuthenticatedEncryption.keyLength { throw DatabaseKeysError.wrappingKeyLength }
        let stored = try await store.platformKeys { existing in
            try missingKeys(existing, wrappingKey: wrappingKey, organisation: organisation, at: time)
        }
        let ses = try reveal(.ses, in: stored, wrappingKey: wrappingKey)
        guard ses.count >= 32 else { throw DatabaseKeysError.malformed(Name.ses.rawValue) }
        let keyPEM = try reveal(.sealKey, in: stored, wrappingKey: wrappingKey)
        let certificateDER = try reveal(.sealCertificate, in: stored, wrappingKey: wrappingKey)
        do {
            let identity = try SigningIdentity(
                privateKey: try PrivateKey(pemEncoded: String(decoding: keyPEM, as: UTF8.self)),
                certificate: try Certificate(derEncoded: certificateDER))
            return DatabaseKeys(sesKey: ses, sealIdentity: identity)
        } catch {
            throw DatabaseKeysError.malformed(Name.sealKey.rawValue)
        }
    }

    /// The 32-byte wrapping key from its text form: 64 hex digits or base64.
    public static func wrappingKey(from text: String) throws -> [UInt8] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, let bytes = try? Hex.decode(trimmed) { return bytes }
        guard let data = Data(base64Encoded: trimmed), data.count == AuthenticatedEncryption.keyLength else {
            throw DatabaseKeysError.wrappingKeyLength
        }
        return Array(data)
    }

    /// What the first server adds: the SMS-code key, and the seal key with its certificate (both or neither, so a
    /// key and a certificate of two servers never meet).
    static func missingKeys(_ existing: [String: StoredPlatformKey], wrappingKey: [UInt8]?, organisation: String, at time: Date)
        throws -> [StoredPlatformKey]
    {
        var made: [StoredPlatformKey] = []
        if existing[Name.ses.rawValue] == nil {
            made.append(try protect(try MessageAuthentication.randomBytes(32), as: .ses, wrappingKey: wrappingKey))
        }
        switch (existing[Name.sealKey.rawValue], existing[Name.sealCertificate.rawValue]) {
        case (nil, nil):
            let key = try PrivateKey.generateP256()
            let certificate = try SelfSignedCertificate.make(
                commonName: "\(organisation) platform seal", organisation: organisation, key: key, algorithm: .ecdsa(.sha256),
                validFrom: time.addingTimeInterval(-3600), validUntil: time.addingTimeInterval(10 * 365 * 86_400))
            made.append(try protect(Array(try key.pemEncoded().utf8), as: .sealKey, wrappingKey: wrappingKey))
            made.append(
                StoredPlatformKey(
                    name: Name.sealCertificate.rawValue, protection: Protection.clear.rawValue,
                    value: Data(certificate.derEncoded).base64EncodedString()))
        case (.some, .some): break
        default: throw DatabaseKeysError.missing(Name.sealCertificate.rawValue)
        }
        return made
    }

    static func protect(_ secret: [UInt8], as name: Name, wrappingKey: [UInt8]?) throws -> StoredPlatformKey {
        guard let wrappingKey else {
            return StoredPlatformKey(name: name.rawValue, protection: Protection.clear.rawValue, value: Data(secret).base64EncodedString())
        }
        let sealed = try AuthenticatedEncryption.seal(secret, key: wrappingKey, associatedData: Array(name.rawValue.utf8))
        return StoredPlatformKey(name: name.rawValue, protection: Protection.wrapped.rawValue, value: Data(sealed).base64EncodedString())
    }

    static func reveal(_ name: Name, in stored: [String: StoredPlatformKey], wrappingKey: [UInt8]?) throws -> [UInt8] {
        guard let key = stored[name.rawValue] else { throw DatabaseKeysError.missing(name.rawValue) }
        guard let value = Data(base64Encoded: key.value) else { throw DatabaseKeysError.malformed(name.rawValue) }
        switch Protection(rawValue: key.protection) {
        case .clear: return Array(value)
        case .wrapped:
            guard let wrappingKey else { throw DatabaseKeysError.wrappingKeyNeeded(name.rawValue) }
            do { return try AuthenticatedEncryption.open(Array(value), key: wrappingKey, associatedData: Array(name.rawValue.utf8)) } catch
            {
                throw DatabaseKeysError.wrongWrappingKey(name.rawValue)
            }
        case nil: throw DatabaseKeysError.malformed(name.rawValue)
        }
    }
}

/// Why the keys in the database could not be used. The messages name the key and what to do, nothing else.
public enum DatabaseKeysError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stored key is wrapped and no wrapping key was given.
    case wrappingKeyNeeded(String)
    /// The given wrapping key does not open the stored key (another key, or the value was altered).
    case wrongWrappingKey(String)
    /// The wrapping key is not 32 bytes (64 hex digits or base64).
    case wrappingKeyLength
    case missing(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .wrappingKeyNeeded(let name):
            return "the platform key \(name) in the database is wrapped: give the wrapping key in the environment"
        case .wrongWrappingKey(let name): return "the wrapping key does not open the platform key \(name) in the database"
        case .wrappingKeyLength: return "the wrapping key must be 32 bytes, as 64 hex digits or base64"
        case .missing(let name): return "the platform key \(name) is missing from the database"
        case .malformed(let name): return "the platform key \(name) in the database does not decode"
        }
    }
}

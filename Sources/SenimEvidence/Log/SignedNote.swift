import Foundation
import SenimCrypto

/// A key that signs or verifies C2SP signed notes (c2sp.org/signed-note): Ed25519 as the spec defines it
/// (type 0x01), or any key SenimCrypto handles (RSA, ECDSA, GOST: the platform's NCA "infosystem" key) under
/// type 0xff followed by the identifier `senimkey-spki`, the key ID hashing the DER SubjectPublicKeyInfo.
public struct NoteKey: Sendable {
    public let name: String
    public let publicKey: PublicKey
    public let algorithm: SignatureAlgorithm
    /// SHA-256(name ‖ 0x0A ‖ type ‖ key material)[:4], big-endian.
    public let keyID: [UInt8]

    static let senimkeyType: [UInt8] = [0xFF] + Array("senimkey-spki".utf8)

    public init(name: String, publicKey: PublicKey, algorithm: SignatureAlgorithm) throws(NoteError) {
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == "+" }) else { throw .badKeyName(name) }
        self.name = name
        self.publicKey = publicKey
        self.algorithm = algorithm
        var material = Array(name.utf8) + [0x0A]
        if algorithm == .ed25519 {
            material += [0x01] + Array(publicKey.subjectPublicKeyInfo.keyBytes)
        } else {
            material += Self.senimkeyType + publicKey.subjectPublicKeyInfo.derEncoded
        }
        keyID = Array(DigestAlgorithm.sha256.hash(material).prefix(4))
    }
}

public enum NoteError: Error, Sendable, Equatable, CustomStringConvertible {
    case badKeyName(String)
    case malformed(String)
    case noTrustedSignature
    case invalidSignature(String)
    case signingFailed(String)

    public var description: String {
        switch self {
        case .badKeyName(let name): return "\"\(name)\" is not a signed-note key name (empty, or with a space or +)"
        case .malformed(let why): return "malformed signed note: \(why)"
        case .noTrustedSignature: return "no signature of a trusted key on the note"
        case .invalidSignature(let name): return "the signature of \(name) does not verify"
        case .signingFailed(let why): return "cannot sign the note: \(why)"
        }
    }
}

/// Signing and verifying notes: text ending in a newline, a blank line, then `— name base64(keyID ‖ sig)` lines.
public enum SignedNote {
    public static func sign(_ text: String, key: NoteKey, privateKey: PrivateKey) throws(NoteError) -> String {
        guard text.hasSuffix("\n") else { throw .malformed("the note text must end in a newline") }
        let signature: [UInt8]
        do { signature = try privateKey.signature(for: Array(text.utf8), algorithm: key.algorithm) } catch {
            throw .signingFailed(error.description)
        }
        return text + "\n" + "\u{2014} \(key.name) \(Data(key.keyID + signature).base64EncodedString())\n"
    }

    /// Returns the verified text. Signatures of unknown keys are ignored; one from a known key that fails
    /// rejects the note (signed-note §Signatures); at least one known key must have signed.
    public static func verify(_ note: String, trusting keys: [NoteKey]) throws(NoteError) -> String {
        guard let separator = note.range(of: "\n\n", options: .backwards) else { throw .malformed("no blank line before the signatures") }
        let text = String(note[..<separator.lowerBound]) + "\n"
        let lines = note[separator.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "", lines.count >= 2 else { throw .malformed("the signature lines must end in a newline") }
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else { throw .malformed("control characters") }
        var verified = false
        for line in lines.dropLast() {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "\u{2014}", let blob = Data(base64Encoded: String(parts[2])), blob.count > 4 else {
                throw .malformed("bad signature line")
            }
            let bytes = Array(blob)
            guard let key = keys.first(where: { $0.name == parts[1] && $0.keyID == Array(bytes.prefix(4)) }) else { continue }
            let valid =
                (try? key.publicKey.isValidSignature(Array(bytes.dropFirst(4)), for: Array(text.utf8), algorithm: key.algorithm)) ?? false
            guard valid else { throw .invalidSignature(key.name) }
            verified = true
        }
        guard verified else { throw .noTrustedSignature }
        return text
    }
}

/// A C2SP tlog-checkpoint: the log's origin line, its size and root hash, as the text of a signed note.
public struct Checkpoint: Sendable, Hashable {
    public let origin: String
    public let size: UInt64
    public let rootHash: [UInt8]

    public init(origin: String, size: UInt64, rootHash: [UInt8]) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
    }

    public var text: String { "\(origin)\n\(size)\n\(Data(rootHash).base64EncodedString())\n" }

    /// Parses checkpoint text (the first three lines; extension lines after them are allowed and ignored).
    public init(text: String) throws(NoteError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, !lines[0].isEmpty, let size = UInt64(lines[1]), String(size) == lines[1],
            let root = Data(base64Encoded: String(lines[2])), root.count == 32
        else {
            throw .malformed("a checkpoint is origin, decimal size and base64 root hash, one per line")
        }
        origin = String(lines[0])
        self.size = size
        rootHash = Array(root)
    }

    public func signed(by key: NoteKey, privateKey: PrivateKey) throws(NoteError) -> String {
        try SignedNote.sign(text, key: key, privateKey: privateKey)
    }

    public static func verify(_ note: String, trusting keys: [NoteKey]) throws(NoteError) -> Checkpoint {
        try Checkpoint(text: try SignedNote.verify(note, trusting: keys))
    }
}

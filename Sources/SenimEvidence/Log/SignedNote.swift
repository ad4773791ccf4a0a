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

    /// A note split into its text and its signature lines, nothing verified yet: the one parser of the
    /// signed-note format (c2sp.org/signed-note §Format), which ``verify(_:trusting:)`` and the evidence
    /// package verifier (to learn which key names signed a checkpoint) both use.
    public struct Parsed: Sendable, Hashable {
        /// One `— <name> base64(keyID ‖ signature)` line.
        public struct Signature: Sendable, Hashable {
            public let keyName: String
            /// The first four bytes of the blob: the key ID (``NoteKey/keyID``).
            public let keyID: [UInt8]
            public let signature: [UInt8]
        }

        /// The signed text, ending in its newline (the blank line that separates it is not part of it).
        public let text: String
        public let signatures: [Signature]
    }

    /// Splits a note at its last blank line; refuses control characters other than newline, a signature block
    /// that does not end in a newline, and any line that is not `— name base64` with a blob longer than a key ID.
    public static func parse(_ note: String) throws(NoteError) -> Parsed {
        let (text, block) = try split(note)
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "", lines.count >= 2 else { throw .malformed("the signature lines must end in a newline") }
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else { throw .malformed("control characters") }
        var signatures: [Parsed.Signature] = []
        for line in lines.dropLast() {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "\u{2014}", let blob = Data(base64Encoded: String(parts[2])), blob.count > 4 else {
                throw .malformed("bad signature line")
            }
            let bytes = Array(blob)
            signatures.append(.init(keyName: String(parts[1]), keyID: Array(bytes.prefix(4)), signature: Array(bytes.dropFirst(4))))
        }
        return Parsed(text: text, signatures: signatures)
    }

    /// The note's text, its signature lines not read: what a reader that only needs the signed statement (the
    /// inclusion step reads the checkpoint's size and root; its signature is step 9's) takes from a note.
    public static func text(of note: String) throws(NoteError) -> String { try split(note).text }

    /// The text (with its final newline) and the signature block after the last blank line.
    private static func split(_ note: String) throws(NoteError) -> (text: String, signatures: Substring) {
        guard let separator = note.range(of: "\n\n", options: .backwards) else { throw .malformed("no blank line before the signatures") }
        return (String(note[..<separator.lowerBound]) + "\n", note[separator.upperBound...])
    }

    /// Returns the verified text. Signatures of unknown keys are ignored; one from a known key that fails
    /// rejects the note (signed-note §Signatures); at least one known key must have signed.
    public static func verify(_ note: String, trusting keys: [NoteKey]) throws(NoteError) -> String {
        let parsed = try parse(note)
        var verified = false
        for line in parsed.signatures {
            guard let key = keys.first(where: { $0.name == line.keyName && $0.keyID == line.keyID }) else { continue }
            let valid =
                (try? key.publicKey.isValidSignature(line.signature, for: Array(parsed.text.utf8), algorithm: key.algorithm)) ?? false
            guard valid else { throw .invalidSignature(key.name) }
            verified = true
        }
        guard verified else { throw .noTrustedSignature }
        return parsed.text
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

    /// The checkpoint a signed note states, its signatures not checked (``verify(_:trusting:)`` checks them).
    public init(unverifiedNote note: String) throws(NoteError) {
        try self.init(text: try SignedNote.text(of: note))
    }

    public func signed(by key: NoteKey, privateKey: PrivateKey) throws(NoteError) -> String {
        try SignedNote.sign(text, key: key, privateKey: privateKey)
    }

    public static func verify(_ note: String, trusting keys: [NoteKey]) throws(NoteError) -> Checkpoint {
        try Checkpoint(text: try SignedNote.verify(note, trusting: keys))
    }
}

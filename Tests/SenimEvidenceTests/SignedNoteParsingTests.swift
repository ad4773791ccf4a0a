import Foundation
import SenimCrypto
import SenimTestSupport
import Testing

@testable import SenimEvidence

/// The one signed-note parser (c2sp.org/signed-note): what it splits a note into, and a refusal for each rule.
@Suite("Signed-note parsing")
struct SignedNoteParsingTests {
    static func signedCheckpoint() throws -> (note: String, key: NoteKey, checkpoint: Checkpoint) {
        let checkpoint = Checkpoint(origin: "senimkey.kz/log/test", size: 10, rootHash: [UInt8](repeating: 0x42, count: 32))
        let ed25519 = try PrivateKey(pemEncoded: try TestVectors.text("generated/ed25519.key.pem"))
        let key = try NoteKey(name: "senimkey.kz/log", publicKey: try ed25519.publicKey, algorithm: .ed25519)
        return (try checkpoint.signed(by: key, privateKey: ed25519), key, checkpoint)
    }

    /// The text is the checkpoint's, the one signature line names the key, carries its ID and a 64-byte
    /// Ed25519 signature (RFC 8032 §5.1.6).
    @Test func parsesTextAndSignatureLines() throws {
        let (note, key, checkpoint) = try Self.signedCheckpoint()
        let parsed = try SignedNote.parse(note)
        #expect(parsed.text == checkpoint.text)
        #expect(parsed.signatures.count == 1)
        #expect(parsed.signatures.first?.keyName == "senimkey.kz/log")
        #expect(parsed.signatures.first?.keyID == key.keyID)
        #expect(parsed.signatures.first?.signature.count == 64)
        #expect(try SignedNote.text(of: note) == checkpoint.text)
        #expect(try Checkpoint(unverifiedNote: note) == checkpoint)
    }

    @Test func noBlankLineIsRefused() throws {
        let (note, _, _) = try Self.signedCheckpoint()
        let joined = note.replacingOccurrences(of: "\n\n", with: "\n")
        #expect(throws: NoteError.malformed("no blank line before the signatures")) { try SignedNote.parse(joined) }
        #expect(throws: NoteError.malformed("no blank line before the signatures")) { try SignedNote.text(of: joined) }
    }

    @Test func signatureBlockWithoutFinalNewlineIsRefused() throws {
        let (note, _, _) = try Self.signedCheckpoint()
        #expect(throws: NoteError.malformed("the signature lines must end in a newline")) { try SignedNote.parse(String(note.dropLast())) }
    }

    @Test func badSignatureLineIsRefused() throws {
        let (note, _, _) = try Self.signedCheckpoint()
        let noDash = note.replacingOccurrences(of: "\u{2014} ", with: "- ")
        #expect(throws: NoteError.malformed("bad signature line")) { try SignedNote.parse(noDash) }
        let short = try SignedNote.text(of: note) + "\n\u{2014} senimkey.kz/log AAAA\n" // 3 bytes: no room for a key ID
        #expect(throws: NoteError.malformed("bad signature line")) { try SignedNote.parse(short) }
    }

    @Test func controlCharactersAreRefused() throws {
        let (note, _, _) = try Self.signedCheckpoint()
        let tabbed = note.replacingOccurrences(of: "senimkey.kz/log/test", with: "senimkey.kz/log\ttest")
        #expect(throws: NoteError.malformed("control characters")) { try SignedNote.parse(tabbed) }
    }

    /// Verification goes through the parser: a changed text fails the known key's signature.
    @Test func verifyUsesTheParsedText() throws {
        let (note, key, _) = try Self.signedCheckpoint()
        #expect(try SignedNote.verify(note, trusting: [key]) == (try SignedNote.text(of: note)))
        let tampered = note.replacingOccurrences(of: "\n10\n", with: "\n11\n")
        #expect(throws: NoteError.invalidSignature("senimkey.kz/log")) { try SignedNote.verify(tampered, trusting: [key]) }
    }
}

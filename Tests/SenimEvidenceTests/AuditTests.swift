import Foundation
import SenimCrypto
import SenimPKI
import SenimTestSupport
import Testing

@testable import SenimEvidence

@Suite("Canonical JSON, audit chain, signed checkpoints")
struct AuditTests {
    /// RFC 8785 §3.2.2.2 string escaping and §3.2.3 key ordering by UTF-16 code units.
    @Test func canonicalJSONEscapesAndOrdersKeysAsRFC8785() throws {
        let escaped = try CanonicalJSON.parse(Array(#"{"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"}"#.utf8))
        #expect(String(decoding: CanonicalJSON.serialize(escaped), as: UTF8.self) == #"{"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
        let keys = try CanonicalJSON.parse(
            Array(
                (#"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","#
                    + #""\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#)
                    .utf8))
        let text = String(decoding: CanonicalJSON.serialize(keys), as: UTF8.self)
        let order = ["\\r", "1", "\u{80}", "ö", "€", "😀", "\u{FB33}"].compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(order.count == 7 && order == order.sorted())
        #expect(throws: CanonicalJSONError.floatingPoint("1.5")) { try CanonicalJSON.parse(Array(#"{"a":1.5}"#.utf8)) }
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.parse(Array(#"{"a":1,"a":2}"#.utf8)) }
        #expect(throws: CanonicalJSONError.tooDeep) {
            try CanonicalJSON.parse(Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8))
        }
        #expect(CanonicalJSON.timestamp(Date(timeIntervalSince1970: 1_764_584_130.1234)) == "2025-12-01T10:15:30.123Z")
    }

    static func events(count: Int) -> [AuditEvent] {
        let actor = AuditActor(userID: "u-1", role: .partner, phoneMasked: AuditActor.mask(phone: "+77011234567"), iin: "123456789011")
        let client = ClientContext(ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (Linux; Android 14)")
        let actions: [AuditAction] = [
            .documentUploaded(fileName: "Шарт.pdf", mediaType: "application/pdf", size: 48_213),
            .signerAdded(signerID: "s-1", surname: "Тестов", name: "Тест", iin: "123456789011", phoneMasked: "+7 701 *** ** 67", order: 1),
            .sentForSigning(signingMethod: "EDS_OR_SES", signingOrder: "SEQUENTIAL"),
            .otpConfirmed(challengeID: "c-1", attempt: 2),
            .completed,
        ]
        return (0..<count).map { index in
            AuditEvent(
                sequence: UInt64(index), documentID: "d-1", time: Date(timeIntervalSince1970: 1_764_584_130 + Double(index)),
                actor: actor, client: client, documentSHA256: String(repeating: "ab", count: 32),
                documentGOST34311: String(repeating: "cd", count: 32), action: actions[index % actions.count])
        }
    }

    static func chain(_ events: [AuditEvent]) throws -> [ChainedEvent] { try AuditChain.chain(events) }

    @Test func phoneIsMaskedInTheAuditActor() {
        #expect(AuditActor.mask(phone: "+77011234567") == "+7 701 *** ** 67")
    }

    /// Insertion, deletion, reordering or editing of any event is detected.
    /// The direct encoder writes byte for byte what Foundation's JSONEncoder and the strict parser write, for
    /// every audit action (nested enum payloads, nil members omitted, escapes, Cyrillic, dates to the millisecond).
    @Test func directEncoderMatchesFoundation() throws {
        let actions: [AuditAction] = [
            .agreementAccepted(edition: "1 (19.05.2026)", consentTextSHA256: String(repeating: "0", count: 64)),
            .documentUploaded(fileName: "Шарт \"№1\"\n\t.pdf", mediaType: "application/pdf", size: Int64.max),
            .signerAdded(signerID: "s-1", surname: "Тестов", name: "Тест", iin: "123456789011", phoneMasked: "+7 701 *** ** 67", order: 1),
            .sentForSigning(signingMethod: "EDS", signingOrder: "PARALLEL"),
            .smsSent(signerID: nil, phoneMasked: "+7 701 *** ** 67", purpose: "login", providerMessageID: nil),
            .linkOpened(signerID: "s-1"), .documentViewed(signerID: nil), .otpRequested(challengeID: "c", purpose: "sign"),
            .otpFailed(challengeID: "c", attempt: 3), .otpConfirmed(challengeID: "c", attempt: 4),
            .edsSignatureReceived(
                signerID: "s", format: "XMLDSig", signatureSHA256: "ab", indication: "TOTAL_PASSED", subIndication: nil, signerIIN: nil,
                signerBIN: "123"),
            .sesSignatureRecorded(signerID: "s", challengeID: "c", recordSHA256: "cd"),
            .signatureRefused(signerID: "s", reason: "IIN \u{1}"),
            .rejected(signerID: "s", reason: "Не согласен\\"), .completed, .cancelled(reason: nil), .cancelled(reason: "ошибка"), .expired,
            .tariffDebited(packageID: "t", usesLeft: -1), .downloaded(item: "evidence"), .evidenceExported(packageSHA256: "ef"),
            .administrative(action: "block", target: "u-2"),
        ]
        for (index, action) in actions.enumerated() {
            let event = AuditEvent(
                sequence: UInt64(index), documentID: "d-1", time: Date(timeIntervalSince1970: 1_764_584_130.1234 + Double(index)),
                actor: AuditActor(userID: index % 2 == 0 ? nil : "u", role: .client),
                client: ClientContext(ipAddress: nil, userAgent: "UA"),
                documentSHA256: "ab", documentGOST34311: "cd", action: action)
            let direct = try CanonicalJSON.encode(event)
            let reference = try CanonicalJSON.encodeThroughFoundation(event)
            #expect(direct == reference, "\(action): \(String(decoding: direct, as: UTF8.self))")
        }
        #expect(throws: CanonicalJSONError.floatingPoint("1.5")) { try CanonicalJSON.encode(["x": 1.5]) }
        #expect(try CanonicalJSON.encode(["b": [1, 2], "a": []]) == Array(#"{"a":[],"b":[1,2]}"#.utf8))
    }

    @Test func chainDetectsEveryChange() throws {
        let chained = try Self.chain(Self.events(count: 5))
        let head = try AuditChain.verify(chained)
        #expect(Hex.encode(head) == chained.last?.hash)
        // The canonical form is stable: re-encoding gives the same bytes and so the same hash.
        #expect(try Self.chain(Self.events(count: 5)).map(\.hash) == chained.map(\.hash))
        // The store's one-encoding shortcut writes exactly the link's RFC 8785 form.
        for (index, link) in chained.enumerated() {
            let previous = index == 0 ? AuditChain.genesis : try Hex.decode(chained[index - 1].hash)
            let fast = try AuditChain.linkWithCanonicalBytes(link.event, after: previous)
            let slow = try CanonicalJSON.encode(link)
            #expect(fast.chained == link && fast.canonical == slow)
        }

        var edited = chained
        var event = edited[2].event
        event.client.ipAddress = "198.51.100.1"
        edited[2] = ChainedEvent(event: event, previousHash: edited[2].previousHash, hash: edited[2].hash)
        #expect(throws: AuditChainError.hashMismatch(sequence: 2)) { try AuditChain.verify(edited) }

        var deleted = chained
        deleted.remove(at: 1)
        #expect(throws: AuditChainError.sequenceGap(expected: 1, found: 2)) { try AuditChain.verify(deleted) }

        var reordered = chained
        reordered.swapAt(1, 2)
        #expect(throws: AuditChainError.sequenceGap(expected: 1, found: 2)) { try AuditChain.verify(reordered) }

        // An inserted event renumbered to fit still breaks the link to what follows.
        var inserted = Array(chained.prefix(2))
        let forged = try AuditChain.link(
            AuditEvent(
                sequence: 2, documentID: "d-1", time: Date(), actor: chained[0].event.actor, client: chained[0].event.client,
                documentSHA256: chained[0].event.documentSHA256, documentGOST34311: chained[0].event.documentGOST34311,
                action: .rejected(signerID: "s-1", reason: "forged")), after: try Hex.decode(chained[1].hash))
        inserted.append(forged)
        inserted += chained.dropFirst(2).map { link in
            var event = link.event
            event.sequence += 1
            return ChainedEvent(event: event, previousHash: link.previousHash, hash: link.hash)
        }
        #expect(throws: AuditChainError.self) { try AuditChain.verify(inserted) }
    }

    /// Checkpoints signed with Ed25519 (signed-note type 0x01) and with an NCA GOST-2015 key (type 0xff).
    @Test func checkpointsSignedWithEd25519AndGOSTVerify() throws {
        var log = MerkleLog()
        for index in 0..<10 { log.append(leafData: Array("event head \(index)".utf8)) }
        let checkpoint = Checkpoint(origin: "senimkey.kz/log/test", size: log.size, rootHash: log.root)

        let ed25519 = try PrivateKey(pemEncoded: try TestVectors.text("generated/ed25519.key.pem"))
        let edKey = try NoteKey(name: "senimkey.kz/log", publicKey: try ed25519.publicKey, algorithm: .ed25519)
        let note = try checkpoint.signed(by: edKey, privateKey: ed25519)
        #expect(note.hasPrefix("senimkey.kz/log/test\n10\n"))
        #expect(try Checkpoint.verify(note, trusting: [edKey]) == checkpoint)

        let gost = try SigningIdentity(pkcs12: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/infosystem.p12"), password: "Qwerty12")
        let gostKey = try NoteKey(name: "senimkey.kz/seal", publicKey: try gost.certificate.publicKey, algorithm: gost.algorithm)
        let cosigned = try SignedNote.sign(note.components(separatedBy: "\n\n")[0] + "\n", key: gostKey, privateKey: gost.privateKey)
        #expect(try Checkpoint.verify(cosigned, trusting: [gostKey]) == checkpoint)

        let tampered = note.replacingOccurrences(of: "\n10\n", with: "\n11\n")
        #expect(throws: NoteError.invalidSignature("senimkey.kz/log")) { try Checkpoint.verify(tampered, trusting: [edKey]) }
        #expect(throws: NoteError.noTrustedSignature) { try Checkpoint.verify(note, trusting: [gostKey]) }
        #expect(throws: NoteError.self) { try Checkpoint.verify("garbage", trusting: [edKey]) }
        #expect(throws: NoteError.badKeyName("a b")) { try NoteKey(name: "a b", publicKey: try ed25519.publicKey, algorithm: .ed25519) }
    }
}

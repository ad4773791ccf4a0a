import Foundation
import SenimEvidence
import SenimPKI
import Testing

@testable import SenimWorkflow

/// The signing process as a pure function: every rule of the agreement, and every illegal transition a typed error.
@Suite("Document state machine")
struct DocumentStateMachineTests {
    static let t = Fixtures.time
    static let clientA = Fixtures.iin("90010100001"), clientB = Fixtures.iin("90010100002")

    static func tariff(uses: Int = 3) -> TariffPackage {
        TariffPackage(
            id: "t-1", partnerID: "p-1", usesTotal: uses, validFrom: t.addingTimeInterval(-86_400),
            validUntil: t.addingTimeInterval(86_400 * 30))
    }

    /// Uploaded with two signers, sent.
    static func sent(
        order: Document.SigningOrder = .parallel, method: Document.SigningMethod = .either, partnerFirst: Bool = true,
        deadline: Date? = nil, tariff: TariffPackage = tariff()
    ) throws -> DocumentState {
        var state = DocumentState(document: nil, partner: Fixtures.partner, tariff: tariff)
        state = try DocumentStateMachine.apply(
            .upload(
                documentID: "d-1", uploadedBy: "u-employee",
                Fixtures.upload(order: order, method: method, partnerFirst: partnerFirst, deadline: deadline)), to: state, at: t
        ).state
        state = try DocumentStateMachine.apply(
            .addSigner(
                documentID: "d-1", signerID: "s-a", SignerRequest(surname: "Абаев", name: "Асхат", iin: clientA, phone: "+77011112233")),
            to: state, at: t
        ).state
        state = try DocumentStateMachine.apply(
            .addSigner(
                documentID: "d-1", signerID: "s-b", SignerRequest(surname: "Бекова", name: "Алия", iin: clientB, phone: "87012223344")),
            to: state, at: t
        ).state
        return try DocumentStateMachine.apply(.send(documentID: "d-1"), to: state, at: t).state
    }

    static func apply(_ command: WorkflowCommand, _ state: DocumentState) throws(WorkflowError) -> Transition {
        try DocumentStateMachine.apply(command, to: state, at: t.addingTimeInterval(60))
    }

    @Test func partnerSignsFirstThenEveryoneInParallelThenSignedAndDebitedOnce() throws {
        var state = try Self.sent()
        #expect(state.document?.status == .pending)
        #expect(state.signers.map(\.state) == [.notified, .waiting, .waiting]) // only the partner's turn
        #expect(state.tariff?.usesReserved == 1 && state.tariff?.usesUsed == 0)

        let partnerSigned = try Self.apply(.sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), state)
        #expect(partnerSigned.notify.map(\.id) == ["s-a", "s-b"])
        state = partnerSigned.state
        let first = try Self.apply(.sign(documentID: "d-1", signerID: "s-a", Fixtures.ses(Self.clientA)), state)
        #expect(first.document?.status == .pending && first.actions.count == 1)
        let last = try Self.apply(.sign(documentID: "d-1", signerID: "s-b", Fixtures.ses(Self.clientB)), first.state)
        #expect(last.document?.status == .signed)
        #expect(last.state.tariff?.usesUsed == 1 && last.state.tariff?.usesReserved == 0)
        #expect(last.actions.contains(.completed))
        #expect(last.actions.contains(.tariffDebited(packageID: "t-1", usesLeft: 2)))
        // A signed document accepts nothing more: no second debit is possible.
        #expect(throws: WorkflowError.illegalTransition(command: .sign, status: .signed)) {
            try Self.apply(.sign(documentID: "d-1", signerID: "s-b", Fixtures.ses(Self.clientB)), last.state)
        }
        #expect(throws: WorkflowError.illegalTransition(command: .cancel, status: .signed)) {
            try Self.apply(.cancel(documentID: "d-1", reason: nil), last.state)
        }
    }

    @Test func sequentialOrderNotifiesOneByOne() throws {
        var state = try Self.apply(
            .sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), try Self.sent(order: .sequential)
        ).state
        #expect(state.signers.map(\.state) == [.signed, .notified, .waiting])
        #expect(throws: WorkflowError.notSignersTurn(signerID: "s-b", state: .waiting)) {
            try Self.apply(.sign(documentID: "d-1", signerID: "s-b", Fixtures.ses(Self.clientB)), state)
        }
        let viewed = try Self.apply(.view(documentID: "d-1", signerID: "s-a"), state)
        #expect(viewed.state.signers[1].state == .viewed && viewed.actions == [.documentViewed(signerID: "s-a")])
        state = try Self.apply(.sign(documentID: "d-1", signerID: "s-a", Fixtures.ses(Self.clientA)), viewed.state).state
        #expect(state.signers.map(\.state) == [.signed, .signed, .notified])
    }

    @Test func withoutPartnerFirstPersonsAreNotifiedAtOnce() throws {
        let state = try Self.sent(partnerFirst: false)
        #expect(state.signers.map(\.party) == [.person, .person])
        #expect(state.signers.map(\.state) == [.notified, .notified])
    }

    @Test func anyRejectionEndsTheProcessAndReleasesTheUse() throws {
        let state = try Self.apply(.sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), try Self.sent()).state
        let rejected = try Self.apply(.reject(documentID: "d-1", signerID: "s-b", reason: "Не согласен с п. 4"), state)
        #expect(rejected.document?.status == .rejected)
        #expect(rejected.state.tariff?.usesReserved == 0 && rejected.state.tariff?.usesUsed == 0)
        #expect(throws: WorkflowError.illegalTransition(command: .sign, status: .rejected)) {
            try Self.apply(.sign(documentID: "d-1", signerID: "s-a", Fixtures.ses(Self.clientA)), rejected.state)
        }
        #expect(throws: WorkflowError.invalidInput(.rejectionNeedsReason)) {
            try Self.apply(.reject(documentID: "d-1", signerID: "s-a", reason: "  "), state)
        }
    }

    @Test func signaturesOfTheWrongPersonOrOrganisationAreRefusedAndRecorded() throws {
        let sent = try Self.sent()
        let cases: [(SignatureEvidence, WorkflowError)] = [
            (
                Fixtures.partnerEDS(bin: Fixtures.bin("99999999999")),
                .partnerBINMismatch(expected: Fixtures.partnerBIN.digits, found: Fixtures.bin("99999999999").digits)
            ),
            (Fixtures.partnerEDS(roles: [.employee]), .roleCannotSignForPartner(roles: [.employee])),
            (Fixtures.partnerEDS(indication: .indeterminate), .signatureNotValid(indication: .indeterminate, subIndication: nil)),
        ]
        for (evidence, expected) in cases {
            let refused = try Self.apply(.sign(documentID: "d-1", signerID: "d-1-partner", evidence), sent)
            #expect(refused.refusal == expected)
            #expect(refused.state.signers == sent.signers, "a refused signature changes no signer")
            #expect(refused.actions.count == 2) // received, and refused with its reason: both on record
            if case .signatureRefused(_, let reason) = refused.actions.last {
                #expect(reason == expected.description)
            } else {
                Issue.record("no refusal event")
            }
        }
        let afterPartner = try Self.apply(.sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), sent).state
        let wrongPerson = try Self.apply(.sign(documentID: "d-1", signerID: "s-a", Fixtures.ses(Self.clientB)), afterPartner)
        #expect(wrongPerson.refusal == .signerIdentityMismatch(expected: Self.clientA, found: Self.clientB))
        let eds = SignatureEvidence.eds(
            .init(
                format: "CAdES-BASELINE-B", signatureSHA256: String(repeating: "f", count: 64), indication: .totalPassed,
                signerIIN: KazakhIdentifier(Self.clientB, kind: .iin)))
        #expect(
            try Self.apply(.sign(documentID: "d-1", signerID: "s-a", eds), afterPartner).refusal
                == .signerIdentityMismatch(expected: Self.clientA, found: Self.clientB))
        // An SMS code bound to other bytes: the document changed after the code was sent.
        let changed = try Self.apply(
            .sign(documentID: "d-1", signerID: "s-a", Fixtures.ses(Self.clientA, sha256: String(repeating: "00", count: 32))), afterPartner)
        #expect(changed.refusal == .documentDigestMismatch)
    }

    @Test func signingMethodDeadlineAndTariffAreEnforced() throws {
        let edsOnly = try Self.apply(.sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), try Self.sent(method: .eds))
            .state
        #expect(throws: WorkflowError.signingMethodNotAllowed(.ses, allowed: .eds)) {
            try Self.apply(.sign(documentID: "d-1", signerID: "s-a", Fixtures.ses(Self.clientA)), edsOnly)
        }

        let deadline = Self.t.addingTimeInterval(30)
        let late = try Self.sent(deadline: deadline)
        #expect(throws: WorkflowError.deadlinePassed) {
            try Self.apply(.sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()), late)
        }
        let expired = try Self.apply(.expire(documentID: "d-1"), late)
        #expect(expired.document?.status == .expired && expired.state.tariff?.usesReserved == 0)
        #expect(throws: WorkflowError.self) { try DocumentStateMachine.apply(.expire(documentID: "d-1"), to: late, at: Self.t) }

        #expect(throws: WorkflowError.noTariffUsesLeft(partnerID: "p-1")) { try Self.sent(tariff: Self.tariff(uses: 0)) }
        var inactive = Self.tariff()
        inactive.active = false
        #expect(throws: WorkflowError.noTariffUsesLeft(partnerID: "p-1")) { try Self.sent(tariff: inactive) }
        var full = Self.tariff(uses: 1)
        full.usesReserved = 1
        #expect(throws: WorkflowError.noTariffUsesLeft(partnerID: "p-1")) { try Self.sent(tariff: full) }
    }

    @Test func draftNeedsValidSignersWithoutDuplicatesAndAnActivePartner() throws {
        let uploaded = try DocumentStateMachine.apply(
            .upload(documentID: "d-1", uploadedBy: "u", Fixtures.upload()),
            to: DocumentState(document: nil, partner: Fixtures.partner), at: Self.t
        ).state
        #expect(throws: WorkflowError.noSigners) { try Self.apply(.send(documentID: "d-1"), uploaded) }
        #expect(throws: WorkflowError.invalidInput(.invalidIIN("12345"))) {
            try Self.apply(
                .addSigner(documentID: "d-1", signerID: "s", SignerRequest(surname: "A", name: "B", iin: "12345", phone: "+77011112233")),
                uploaded)
        }
        var badCheck = Self.clientA
        badCheck.removeLast()
        badCheck += String((Int(String(Self.clientA.last!))! + 1) % 10)
        #expect(throws: WorkflowError.self) {
            try Self.apply(
                .addSigner(documentID: "d-1", signerID: "s", SignerRequest(surname: "A", name: "B", iin: badCheck, phone: "+77011112233")),
                uploaded)
        }
        #expect(throws: WorkflowError.self) { // a Russian number is not a Kazakh mobile
            try Self.apply(
                .addSigner(
                    documentID: "d-1", signerID: "s", SignerRequest(surname: "A", name: "B", iin: Self.clientA, phone: "+79161234567")),
                uploaded)
        }
        let one = try Self.apply(
            .addSigner(documentID: "d-1", signerID: "s", SignerRequest(surname: "A", name: "B", iin: Self.clientA, phone: "+77011112233")),
            uploaded
        ).state
        #expect(throws: WorkflowError.duplicateSigner(iin: Self.clientA)) {
            try Self.apply(
                .addSigner(
                    documentID: "d-1", signerID: "s2", SignerRequest(surname: "A", name: "B", iin: Self.clientA, phone: "+77011112234")),
                one)
        }
        #expect(try Self.apply(.cancel(documentID: "d-1", reason: "ошибка"), one).document?.status == .cancelled)
        var inactive = Fixtures.partner
        inactive.status = .inactive
        #expect(throws: WorkflowError.partnerInactive("p-1")) {
            try DocumentStateMachine.apply(
                .upload(documentID: "d-2", uploadedBy: "u", Fixtures.upload()), to: DocumentState(document: nil, partner: inactive),
                at: Self.t)
        }
    }

    /// Every command against every status it does not apply to is an illegalTransition, never a state change.
    @Test func everyIllegalTransitionIsATypedError() throws {
        let base = try Self.sent()
        let legal: [CommandKind: Set<Document.Status>] = [
            .addSigner: [.draft], .send: [.draft], .view: [.pending], .sign: [.pending], .reject: [.pending], .cancel: [.draft, .pending],
            .expire: [.pending],
        ]
        let commands: [WorkflowCommand] = [
            .addSigner(
                documentID: "d-1", signerID: "s-x",
                SignerRequest(surname: "A", name: "B", iin: Fixtures.iin("90010100009"), phone: "+77019998877")),
            .send(documentID: "d-1"), .view(documentID: "d-1", signerID: "s-a"),
            .sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.partnerEDS()),
            .reject(documentID: "d-1", signerID: "d-1-partner", reason: "нет"), .cancel(documentID: "d-1", reason: nil),
            .expire(documentID: "d-1"),
        ]
        var checked = 0
        for status in Document.Status.allCases {
            var state = base
            state.document?.status = status
            for command in commands where !(legal[command.kind] ?? []).contains(status) {
                #expect(throws: WorkflowError.illegalTransition(command: command.kind, status: status), "\(command.kind) on \(status)") {
                    try DocumentStateMachine.apply(command, to: state, at: Self.t.addingTimeInterval(60))
                }
                checked += 1
            }
        }
        #expect(checked == 6 * 7 - 8)
        #expect(throws: WorkflowError.documentNotFound("d-9")) {
            try Self.apply(.send(documentID: "d-9"), DocumentState(document: nil, partner: nil))
        }
        #expect(throws: WorkflowError.signerNotFound("s-z")) { try Self.apply(.view(documentID: "d-1", signerID: "s-z"), base) }
    }
}

import Foundation
import SenimEvidence
import SenimPKI
import SenimStoreTestSupport
import Testing

@testable import SenimWorkflow

/// `create`: upload, signers and send in one command, equal to the separate commands in every state and
/// event, and refused whole when any part is refused.
@Suite struct CreateCommandTests {
    static let t = Fixtures.time
    static let clientA = Fixtures.iin("90010100001"), clientB = Fixtures.iin("90010100002")
    static let signers = [
        NamedSigner(signerID: "s-a", SignerRequest(surname: "Абаев", name: "Асхат", iin: clientA, phone: "+77011112233")),
        NamedSigner(signerID: "s-b", SignerRequest(surname: "Бекова", name: "Алия", iin: clientB, phone: "+77012223344")),
    ]

    @Test func createEqualsUploadAddSignersAndSend() throws {
        let empty = DocumentState(document: nil, partner: Fixtures.partner, tariff: DocumentStateMachineTests.tariff())
        let created = try DocumentStateMachine.apply(
            .create(documentID: "d-1", uploadedBy: "u-employee", Fixtures.upload(), signers: Self.signers, send: true),
            to: empty, at: Self.t)
        var stepwise = try DocumentStateMachine.apply(
            .upload(documentID: "d-1", uploadedBy: "u-employee", Fixtures.upload()), to: empty, at: Self.t)
        var actions = stepwise.actions
        for named in Self.signers {
            stepwise = try DocumentStateMachine.apply(
                .addSigner(documentID: "d-1", signerID: named.signerID, named.request), to: stepwise.state, at: Self.t)
            actions += stepwise.actions
        }
        stepwise = try DocumentStateMachine.apply(.send(documentID: "d-1"), to: stepwise.state, at: Self.t)
        actions += stepwise.actions
        #expect(created.state == stepwise.state)
        #expect(created.actions == actions)
        #expect(created.notify.map(\.id) == ["d-1-partner"])
        #expect(created.state.document?.status == .pending && created.state.tariff?.usesReserved == 1)

        let draft = try DocumentStateMachine.apply(
            .create(documentID: "d-1", uploadedBy: "u-employee", Fixtures.upload(), signers: Self.signers, send: false),
            to: empty, at: Self.t)
        #expect(draft.state.document?.status == .draft && !draft.tariffChanged && draft.state.signers.count == 3)
    }

    @Test func anyRefusedPartRefusesTheWholeCommand() throws {
        let empty = DocumentState(document: nil, partner: Fixtures.partner, tariff: DocumentStateMachineTests.tariff())
        let badIIN =
            Self.signers + [
                NamedSigner(signerID: "s-c", SignerRequest(surname: "Ц", name: "Ц", iin: "900101000019", phone: "+77013334455"))
            ]
        #expect(throws: WorkflowError.invalidInput(.invalidIIN("900101000019"))) {
            try DocumentStateMachine.apply(
                .create(documentID: "d-1", uploadedBy: "u-employee", Fixtures.upload(), signers: badIIN, send: true), to: empty, at: Self.t)
        }
        let twice = Self.signers + [NamedSigner(signerID: "s-c", Self.signers[0].request)]
        #expect(throws: WorkflowError.duplicateSigner(iin: Self.clientA)) {
            try DocumentStateMachine.apply(
                .create(documentID: "d-1", uploadedBy: "u-employee", Fixtures.upload(), signers: twice, send: true), to: empty, at: Self.t)
        }
        #expect(throws: WorkflowError.noSigners) {
            try DocumentStateMachine.apply(
                .create(documentID: "d-1", uploadedBy: "u-employee", Fixtures.upload(), signers: [], send: true), to: empty, at: Self.t)
        }
        let noUses = DocumentState(document: nil, partner: Fixtures.partner, tariff: nil)
        #expect(throws: WorkflowError.noTariffUsesLeft(partnerID: "p-1")) {
            try DocumentStateMachine.apply(
                .create(documentID: "d-1", uploadedBy: "u-employee", Fixtures.upload(), signers: Self.signers, send: true), to: noUses,
                at: Self.t)
        }
    }

    /// Through the store: one transaction, one leaf, the same chain as the separate commands would write; an
    /// employee without the send right cannot create-and-send.
    @Test(arguments: StoreKind.available) func createThenThreeSignaturesCompleteTheDocument(_ kind: StoreKind) async throws {
        let (engine, blobs, _) = try await kind.make(rules: WorkflowRules(partnerSignatureRequiresEDS: false))
        let clients = try await WorkflowStoreTests.setUp(engine)
        let stored = try await blobs.store(Array("%PDF-1.7 договор".utf8))
        let upload = UploadRequest(
            partnerID: "p-1", fileName: "d.pdf", mediaType: "application/pdf", size: stored.size, sha256: stored.sha256,
            gost34311: stored.gost34311)
        let named = clients.enumerated().map { index, client in
            NamedSigner(
                signerID: "d-1-s\(index)",
                SignerRequest(surname: "Клиент", name: "№\(index)", iin: client.user.iin?.digits ?? "", phone: client.user.phone.e164))
        }
        let leavesBefore = try await engine.logLeafHashes().count
        let created = try await engine.execute(
            .create(documentID: "d-1", uploadedBy: Fixtures.employee.id, upload, signers: named, send: true),
            by: Fixtures.employeePrincipal, client: Fixtures.client, blobPath: stored.path, at: Self.t)
        #expect(created.document.status == .pending && created.events.count == 4)
        #expect(try await engine.logLeafHashes().count == leavesBefore + 1)
        try await engine.execute(
            .sign(documentID: "d-1", signerID: "d-1-partner", Fixtures.ses("", sha256: stored.sha256)), by: Fixtures.employeePrincipal,
            client: Fixtures.client, at: Self.t)
        for (index, client) in clients.enumerated() {
            try await engine.execute(
                .sign(documentID: "d-1", signerID: "d-1-s\(index)", Fixtures.ses(client.user.iin?.digits ?? "", sha256: stored.sha256)),
                by: client, client: Fixtures.client, at: Self.t)
        }
        let state = try await engine.state(ofDocument: "d-1")
        #expect(state.document?.status == .signed && state.tariff?.usesUsed == 1)
        try AuditChain.verify(try await engine.auditLog(ofDocument: "d-1"))

        // The rights that count are the store's at the moment of the command, whatever the session remembers.
        var noSend = Fixtures.employeePrincipal
        noSend.employments[0].rights = [.upload]
        try await engine.save(.employee(noSend.employments[0]), by: nil, client: Fixtures.client, at: Self.t)
        await #expect(throws: WorkflowError.permissionDenied(.sendRightNotGranted)) {
            try await engine.execute(
                .create(documentID: "d-2", uploadedBy: Fixtures.employee.id, upload, signers: named, send: true),
                by: noSend, client: Fixtures.client, blobPath: stored.path, at: Self.t)
        }
        #expect(try await engine.store.query(SQLStatement("SELECT id FROM documents WHERE id = 'd-2'")).isEmpty)
    }
}

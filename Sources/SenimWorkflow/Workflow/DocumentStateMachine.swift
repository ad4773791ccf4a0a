import Foundation
import SenimEvidence
import SenimPKI

/// The signing process of the agreement (§7) as one pure function: a command and the current state give the
/// next state and its audit actions, or a typed error. No I/O: the store runs it inside a transaction.
///
/// `draft → pending → signed | rejected`, and `cancelled` (by the partner before completion) and `expired`
/// (deadline passed). The partner's signature comes first unless the document says otherwise; then every
/// person is notified at once (parallel) or one by one (sequential). Any rejection ends the process; the
/// document is signed when every signer has signed, and only then is the reserved tariff use debited.
public enum DocumentStateMachine {
    public static func apply(
        _ command: WorkflowCommand, to state: DocumentState, at time: Date,
        rules: WorkflowRules = WorkflowRules()
    ) throws(WorkflowError) -> Transition {
        var next = Transition(state: state, actions: [], notify: [], refusal: nil, tariffChanged: false)
        switch command {
        case .upload(let id, let uploadedBy, let request):
            try upload(id, uploadedBy: uploadedBy, request, &next, at: time)
        case .create(let id, let uploadedBy, let request, let signers, let sendNow):
            try upload(id, uploadedBy: uploadedBy, request, &next, at: time)
            for named in signers {
                guard let document = next.state.document else { break }
                try addSigner(named.signerID, named.request, to: document, &next, rules: rules)
            }
            if sendNow { try send(&next, at: time) }
        case .addSigner(_, let signerID, let request):
            let document = try require(state, status: [.draft], command)
            try addSigner(signerID, request, to: document, &next, rules: rules)
        case .send:
            _ = try require(state, status: [.draft], command)
            try send(&next, at: time)
        case .view(_, let signerID):
            _ = try require(state, status: [.pending], command)
            let index = try signerIndex(signerID, in: state)
            if next.state.signers[index].state == .notified { next.state.signers[index].state = .viewed }
            next.actions.append(.documentViewed(signerID: signerID))
        case .sign(_, let signerID, let evidence):
            let document = try require(state, status: [.pending], command)
            if let deadline = document.deadline, time >= deadline { throw .deadlinePassed }
            let index = try signerIndex(signerID, in: state)
            let signer = state.signers[index]
            guard signer.state.isAwaitingSignature else { throw .notSignersTurn(signerID: signerID, state: signer.state) }
            guard document.signingMethod.allows(evidence.kind) else {
                throw .signingMethodNotAllowed(evidence.kind, allowed: document.signingMethod)
            }
            next.actions.append(received(evidence, by: signerID))
            if let refusal = refusal(of: evidence, by: signer, for: document, partner: state.partner) {
                // The attempt and why it was refused are evidence too; the signer's state does not change.
                next.actions.append(.signatureRefused(signerID: signerID, reason: refusal.description))
                next.refusal = refusal
                return next
            }
            next.state.signers[index].state = .signed
            next.state.signers[index].signedAt = time
            next.state.signers[index].signatureKind = evidence.kind
            if next.state.signers.allSatisfy({ $0.state == .signed }) {
                try complete(&next, at: time)
            } else {
                notifyNext(&next)
            }
        case .reject(_, let signerID, let reason):
            _ = try require(state, status: [.pending], command)
            let index = try signerIndex(signerID, in: state)
            guard state.signers[index].state.isAwaitingSignature else {
                throw .notSignersTurn(signerID: signerID, state: state.signers[index].state)
            }
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .invalidInput(.rejectionNeedsReason) }
            next.state.signers[index].state = .rejected
            next.actions.append(.rejected(signerID: signerID, reason: reason))
            end(&next, as: .rejected, at: time)
        case .cancel(_, let reason):
            _ = try require(state, status: [.draft, .pending], command)
            next.actions.append(.cancelled(reason: reason))
            end(&next, as: .cancelled, at: time)
        case .expire:
            let document = try require(state, status: [.pending], command)
            guard let deadline = document.deadline, time >= deadline else {
                throw .illegalTransition(command: .expire, status: document.status)
            }
            next.actions.append(.expired)
            end(&next, as: .expired, at: time)
        }
        next.state.document?.updatedAt = time
        return next
    }

    // MARK: Steps

    /// Draft → pending: a use of the partner's package is reserved, and whoever's turn it is gets notified.
    private static func send(_ next: inout Transition, at time: Date) throws(WorkflowError) {
        guard var document = next.state.document else { throw .documentNotFound("") }
        guard next.state.signers.contains(where: { $0.party == .person }) else { throw .noSigners }
        guard var tariff = next.state.tariff, tariff.partnerID == document.partnerID, tariff.canReserve(at: time) else {
            throw .noTariffUsesLeft(partnerID: document.partnerID)
        }
        tariff.usesReserved += 1
        document.tariffPackageID = tariff.id
        document.status = .pending
        next.state.tariff = tariff
        next.tariffChanged = true
        next.state.document = document
        next.actions.append(.sentForSigning(signingMethod: document.signingMethod.rawValue, signingOrder: document.signingOrder.rawValue))
        notifyNext(&next)
    }

    private static func upload(_ id: String, uploadedBy: String, _ request: UploadRequest, _ next: inout Transition, at time: Date)
        throws(WorkflowError)
    {
        guard next.state.document == nil else { throw .illegalTransition(command: .upload, status: next.state.document?.status ?? .draft) }
        guard let partner = next.state.partner, partner.id == request.partnerID else { throw .partnerNotFound(request.partnerID) }
        guard partner.status == .active else { throw .partnerInactive(partner.id) }
        guard !request.fileName.isEmpty, request.size >= 0, request.sha256.count == 64, request.gost34311.count == 64 else {
            throw .invalidInput(.uploadIncomplete)
        }
        if let deadline = request.deadline, deadline <= time { throw .invalidInput(.deadlineInPast) }
        let document = Document(
            id: id, partnerID: partner.id, createdBy: uploadedBy, fileName: request.fileName, mediaType: request.mediaType,
            size: request.size,
            sha256: request.sha256, gost34311: request.gost34311, language: request.language, signingMethod: request.signingMethod,
            signingOrder: request.signingOrder, partnerSignsFirst: request.partnerSignsFirst, deadline: request.deadline, createdAt: time)
        next.state.document = document
        if request.partnerSignsFirst {
            next.state.signers = [
                Signer(
                    id: "\(id)-partner", documentID: id, party: .partner, surname: partner.organisation, name: "",
                    iin: nil, phone: nil, order: 0)
            ]
        }
        next.actions.append(.documentUploaded(fileName: request.fileName, mediaType: request.mediaType, size: request.size))
    }

    private static func addSigner(
        _ signerID: String, _ request: SignerRequest, to document: Document, _ next: inout Transition,
        rules: WorkflowRules
    ) throws(WorkflowError) {
        let surname = request.surname.trimmingCharacters(in: .whitespaces)
        let name = request.name.trimmingCharacters(in: .whitespaces)
        guard !surname.isEmpty, !name.isEmpty else { throw .invalidInput(.signerNameMissing) }
        guard let iin = KazakhIdentifier(request.iin, kind: .iin), rules.accepts(iin) else { throw .invalidInput(.invalidIIN(request.iin)) }
        let phone: PhoneNumber
        do { phone = try PhoneNumber.parse(request.phone) } catch { throw .invalidInput(.invalidPhone(request.phone, why: error)) }
        guard !next.state.signers.contains(where: { $0.iin == iin }) else { throw .duplicateSigner(iin: iin.digits) }
        let order = request.order ?? ((next.state.signers.map(\.order).max() ?? 0) + 1)
        guard order >= 1 else { throw .invalidInput(.signerOrderStartsAtOne) }
        next.state.signers.append(
            Signer(id: signerID, documentID: document.id, surname: surname, name: name, iin: iin, phone: phone, order: order))
        next.state.signers.sort { ($0.order, $0.id) < ($1.order, $1.id) }
        next.actions.append(
            .signerAdded(signerID: signerID, surname: surname, name: name, iin: iin.digits, phoneMasked: phone.masked, order: order))
    }

    /// Whose turn it is now: the partner while its signature is outstanding; then every person (parallel) or
    /// the lowest order still waiting (sequential; equal orders sign together).
    private static func notifyNext(_ next: inout Transition) {
        guard let document = next.state.document else { return }
        let signers = next.state.signers
        if signers.contains(where: { $0.party == .partner && $0.state != .signed }) {
            for index in signers.indices where signers[index].party == .partner && signers[index].state == .waiting {
                next.state.signers[index].state = .notified
                next.notify.append(next.state.signers[index])
            }
            return
        }
        let persons = signers.indices.filter { signers[$0].party == .person }
        if document.signingOrder == .sequential && persons.contains(where: { signers[$0].state.isAwaitingSignature }) { return }
        let waiting = persons.filter { signers[$0].state == .waiting }
        let turn =
            document.signingOrder == .parallel ? waiting : waiting.filter { signers[$0].order == waiting.map { signers[$0].order }.min() }
        for index in turn {
            next.state.signers[index].state = .notified
            next.notify.append(next.state.signers[index])
        }
    }

    /// Every signer signed: the document is signed and the reserved use becomes a used one, exactly once (the
    /// status change and the debit are in the same transition, and a signed document accepts no command).
    private static func complete(_ next: inout Transition, at time: Date) throws(WorkflowError) {
        next.state.document?.status = .signed
        next.actions.append(.completed)
        if var tariff = next.state.tariff, tariff.id == next.state.document?.tariffPackageID {
            tariff.usesReserved = max(0, tariff.usesReserved - 1)
            tariff.usesUsed += 1
            next.state.tariff = tariff
            next.tariffChanged = true
            next.actions.append(.tariffDebited(packageID: tariff.id, usesLeft: tariff.usesLeft))
        }
    }

    /// Rejected, cancelled or expired: a reserved use goes back to the package, nothing is debited.
    private static func end(_ next: inout Transition, as status: Document.Status, at time: Date) {
        let wasPending = next.state.document?.status == .pending
        next.state.document?.status = status
        if wasPending, var tariff = next.state.tariff, tariff.id == next.state.document?.tariffPackageID {
            tariff.usesReserved = max(0, tariff.usesReserved - 1)
            next.state.tariff = tariff
            next.tariffChanged = true
        }
    }

    // MARK: Signatures

    private static func received(_ evidence: SignatureEvidence, by signerID: String) -> AuditAction {
        switch evidence {
        case .eds(let eds):
            return .edsSignatureReceived(
                signerID: signerID, format: eds.format, signatureSHA256: eds.signatureSHA256, indication: eds.indication.rawValue,
                subIndication: eds.subIndication?.rawValue, signerIIN: eds.signerIIN?.digits, signerBIN: eds.signerBIN?.digits)
        case .ses(let ses):
            return .sesSignatureRecorded(signerID: signerID, challengeID: ses.challengeID, recordSHA256: ses.recordSHA256)
        }
    }

    /// Why this signature cannot count for this signer, or nil when it does.
    static func refusal(of evidence: SignatureEvidence, by signer: Signer, for document: Document, partner: Partner?) -> WorkflowError? {
        switch evidence {
        case .eds(let eds):
            guard eds.indication == .totalPassed else {
                return .signatureNotValid(indication: eds.indication, subIndication: eds.subIndication)
            }
            switch signer.party {
            case .person:
                guard let expected = signer.iin else { return .signerIdentityMismatch(expected: "—", found: eds.signerIIN?.digits) }
                guard eds.signerIIN == expected else {
                    return .signerIdentityMismatch(expected: expected.digits, found: eds.signerIIN?.digits)
                }
            case .partner:
                guard let partner else { return .partnerNotFound(document.partnerID) }
                guard eds.signerBIN == partner.bin else {
                    return .partnerBINMismatch(expected: partner.bin.digits, found: eds.signerBIN?.digits)
                }
                guard !Partner.rolesThatSignForPartner.isDisjoint(with: eds.roles) else {
                    return .roleCannotSignForPartner(roles: eds.roles)
                }
            }
        case .ses(let ses):
            guard ses.documentSHA256 == document.sha256 else { return .documentDigestMismatch }
            switch signer.party {
            case .person:
                guard ses.signerIIN == signer.iin?.digits else {
                    return .signerIdentityMismatch(expected: signer.iin?.digits ?? "—", found: ses.signerIIN)
                }
            case .partner:
                break // an employee with the signForPartner right confirms by SMS code; the permission check decided who
            }
        }
        return nil
    }

    // MARK: Preconditions

    private static func require(_ state: DocumentState, status allowed: Set<Document.Status>, _ command: WorkflowCommand)
        throws(WorkflowError) -> Document
    {
        guard let document = state.document else { throw .documentNotFound(command.documentID) }
        guard allowed.contains(document.status) else { throw .illegalTransition(command: command.kind, status: document.status) }
        return document
    }

    private static func signerIndex(_ signerID: String, in state: DocumentState) throws(WorkflowError) -> Int {
        guard let index = state.signers.firstIndex(where: { $0.id == signerID }) else { throw .signerNotFound(signerID) }
        return index
    }
}

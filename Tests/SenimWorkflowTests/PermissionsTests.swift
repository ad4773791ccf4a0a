import Foundation
import Testing

@testable import SenimWorkflow

/// Every role × every action, against one pending document of partner p-1 uploaded by `u-uploader`, whose
/// person signer (phone 5) has been notified.
@Suite("Permissions")
struct PermissionsTests {
    static let document: Document = {
        var document = Document(
            id: "d-1", partnerID: "p-1", createdBy: "u-uploader", fileName: "a.pdf", mediaType: "application/pdf", size: 1,
            sha256: String(repeating: "a", count: 64), gost34311: String(repeating: "b", count: 64), createdAt: Fixtures.time)
        document.status = .pending
        return document
    }()
    static let signerIIN = Fixtures.iin("90010100001")
    static let signers = [
        Signer(
            id: "d-1-partner", documentID: "d-1", party: .partner, surname: "ТОО", name: "", iin: nil, phone: nil, order: 0,
            state: .signed),
        Signer(
            id: "s-1", documentID: "d-1", surname: "Абаев", name: "Асхат", iin: .init(signerIIN, kind: .iin), phone: Fixtures.phone(5),
            order: 1, state: .notified),
    ]

    static func employee(_ id: String, partner: String = "p-1", rights: EmployeeRights) -> WorkflowPrincipal {
        WorkflowPrincipal(user: Fixtures.user(id, phone: id.count), employments: [Employee(partnerID: partner, userID: id, rights: rights)])
    }

    /// Who, then the actions they may do; every other action must be denied.
    static let table: [(String, WorkflowPrincipal, Set<WorkflowAction>)] = {
        var blocked = Fixtures.user("u-blocked", phone: 5, iin: signerIIN)
        blocked.status = .blocked
        return [
            (
                "named signer", WorkflowPrincipal(user: Fixtures.user("u-signer", phone: 5, iin: signerIIN)),
                [.viewDocument, .readContent, .sign, .reject]
            ),
            (
                "named signer, IIN not yet known", WorkflowPrincipal(user: Fixtures.user("u-signer", phone: 5)),
                [.viewDocument, .readContent, .sign, .reject]
            ),
            ("same phone, another IIN", WorkflowPrincipal(user: Fixtures.user("u-other", phone: 5, iin: Fixtures.iin("90010100002"))), []),
            ("another client", WorkflowPrincipal(user: Fixtures.user("u-other", phone: 6)), []),
            (
                "uploader with every right", employee("u-uploader", rights: .all),
                [.viewDocument, .readContent, .upload, .editDraft, .send, .cancel, .signForPartner, .manageEmployees]
            ),
            ("uploader with upload only", employee("u-uploader", rights: .upload), [.viewDocument, .readContent, .upload]),
            ("colleague without view-all", employee("u-colleague", rights: [.upload, .send]), [.upload]),
            ("colleague with view-all", employee("u-colleague", rights: [.viewAllPartnerDocuments]), [.viewDocument, .readContent]),
            // Who signs for the partner reads what they sign.
            (
                "colleague who signs for the partner", employee("u-colleague", rights: [.signForPartner]),
                [.viewDocument, .readContent, .signForPartner]
            ),
            ("employee of another partner", employee("u-foreign", partner: "p-2", rights: .all), []),
            (
                "administrator", WorkflowPrincipal(user: Fixtures.user("u-admin", phone: 9, admin: true)),
                [.administerPartners, .administerUsers, .administerTariffs]
            ),
            ("blocked user", WorkflowPrincipal(user: blocked), []),
            // Administrators never act for a partner, even where an employment row names them.
            (
                "administrator with an employment",
                WorkflowPrincipal(
                    user: Fixtures.user("u-uploader", phone: 9, admin: true),
                    employments: [Employee(partnerID: "p-1", userID: "u-uploader", rights: .all)]),
                [.administerPartners, .administerUsers, .administerTariffs]
            ),
            // A session from the signer's SMS link: that signer's actions on that document, whatever the account is.
            (
                "link session of the signer",
                .linkHolder(Fixtures.user("u-signer", phone: 5, admin: true), scope: .init(documentID: "d-1", signerID: "s-1")),
                [.viewDocument, .readContent, .sign, .reject]
            ),
            (
                "link session of another document",
                .linkHolder(Fixtures.user("u-signer", phone: 5), scope: .init(documentID: "d-2", signerID: "s-1")), []
            ),
            (
                "link session of another signer",
                .linkHolder(Fixtures.user("u-signer", phone: 5), scope: .init(documentID: "d-1", signerID: "s-9")), []
            ),
            (
                "link session of an employee with every right",
                .linkHolder(Fixtures.user("u-uploader", phone: 5), scope: .init(documentID: "d-1", signerID: "s-1")),
                [.viewDocument, .readContent, .sign, .reject]
            ),
            // A partner's API key: an employee of its partner within its rights, never a signer (not even of a slot
            // named with its maker's phone), never signing for the partner, never managing access.
            ("API key with every right", key(rights: .all), [.viewDocument, .readContent, .upload, .editDraft, .send, .cancel]),
            ("API key that reads", key(rights: .viewAllPartnerDocuments), [.viewDocument, .readContent]),
            ("API key of another partner", key(partner: "p-2", rights: .all), []),
            ("revoked API key", key(rights: .all, revoked: true), []),
        ]
    }()

    /// A key of `partner` made by the person named as the document's signer (phone 5).
    static func key(partner: String = "p-1", rights: EmployeeRights, revoked: Bool = false) -> WorkflowPrincipal {
        .apiKey(
            APIKey(
                id: "k-1", partnerID: partner, name: "CRM", rights: rights, createdBy: "u-signer", createdAt: Fixtures.time,
                revokedAt: revoked ? Fixtures.time : nil), creatorPhone: Fixtures.phone(5))
    }

    @Test func anAPIKeysRefusalsSayWhy() {
        let document = Self.document
        #expect(Permissions.decide(Self.key(rights: .all), .sign, document: document, signers: Self.signers) == .denied(.apiKeysDoNotSign))
        #expect(Permissions.decide(Self.key(rights: .all), .signForPartner, document: document) == .denied(.apiKeysDoNotSign))
        #expect(Permissions.decide(Self.key(rights: .all), .manageEmployees, partnerID: "p-1") == .denied(.apiKeysDoNotManageAccess))
        #expect(Permissions.decide(Self.key(rights: .all), .administerUsers) == .denied(.administratorsOnly))
        #expect(
            Permissions.decide(Self.key(rights: .viewAllPartnerDocuments), .upload, partnerID: "p-1") == .denied(.uploadRightNotGranted))
        #expect(!Permissions.names(Self.key(rights: .all), Self.signers[1]))
    }

    @Test(arguments: 0..<21)
    func eachRoleIsAllowedExactlyItsActions(row: Int) {
        let (who, principal, allowed) = Self.table[row]
        for action in WorkflowAction.allCases {
            let decision = Permissions.decide(
                principal, action, document: Self.document, signers: Self.signers, partnerID: "p-1", partner: Fixtures.partner)
            #expect(decision.isAllowed == allowed.contains(action), "\(who) \(action.rawValue): \(decision)")
        }
    }

    @Test func signerSeesNothingBeforeItsTurnAndAdministratorNeverReadsContent() {
        var waiting = Self.signers
        waiting[1].state = .waiting
        let signer = WorkflowPrincipal(user: Fixtures.user("u-signer", phone: 5, iin: Self.signerIIN))
        #expect(Permissions.decide(signer, .viewDocument, document: Self.document, signers: waiting) == .denied(.notSentToYouYet))
        #expect(!Permissions.decide(signer, .sign, document: Self.document, signers: waiting).isAllowed)
        let admin = WorkflowPrincipal(user: Fixtures.user("u-admin", phone: 9, admin: true))
        #expect(
            Permissions.decide(admin, .readContent, document: Self.document, signers: Self.signers)
                == .denied(.administratorsDoNotReadDocuments))
        var inactive = Fixtures.partner
        inactive.status = .inactive
        #expect(!Permissions.decide(Self.employee("u-uploader", rights: .all), .send, document: Self.document, partner: inactive).isAllowed)
        #expect(
            Permissions.decide(Self.employee("u-uploader", rights: .all), .viewDocument, document: Self.document, partner: inactive)
                .isAllowed)
    }
}

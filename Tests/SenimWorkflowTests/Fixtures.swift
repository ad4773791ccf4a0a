import Foundation
import SenimEvidence
import SenimPKI
import Testing

@testable import SenimWorkflow

/// Valid IINs/BINs (check digit per the NCA algorithm) and ready-made people for the workflow tests.
enum Fixtures {
    static let time = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21
    static let client = ClientContext(ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (Linux; Android 14)", device: "Android")

    /// The identifier of `kind` made of `prefix` (11 digits) and its check digit, or nil when the prefix has none:
    /// for some prefixes both weight sets of the NCA algorithm leave a remainder of 10, and no twelfth digit is valid.
    static func identifier(_ prefix: String, kind: KazakhIdentifier.Kind) -> KazakhIdentifier? {
        guard prefix.count == 11 else { return nil }
        return (0...9).lazy.compactMap { KazakhIdentifier(prefix + String($0), kind: kind) }.first { $0.hasValidCheckDigit }
    }

    /// An IIN with a correct check digit, from 11 digits. A prefix without one is a mistake in the test that uses
    /// it: the test fails (an issue is recorded) rather than going on with an invalid IIN.
    static func iin(_ prefix: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        if let identifier = identifier(prefix, kind: .iin) { return identifier.digits }
        Issue.record("\(prefix) has no valid IIN check digit: choose another prefix", sourceLocation: sourceLocation)
        return prefix + "0"
    }

    /// A BIN with a correct check digit, from 11 digits; as ``iin(_:sourceLocation:)``, a prefix without one fails
    /// the test.
    static func bin(_ prefix: String, sourceLocation: SourceLocation = #_sourceLocation) -> KazakhIdentifier {
        if let identifier = identifier(prefix, kind: .bin) { return identifier }
        Issue.record("\(prefix) has no valid BIN check digit: choose another prefix", sourceLocation: sourceLocation)
        guard let zero = KazakhIdentifier(String(repeating: "0", count: 12), kind: .bin) else {
            preconditionFailure("twelve ASCII digits are a KazakhIdentifier")
        }
        return zero
    }

    static func phone(_ number: Int) -> PhoneNumber { PhoneNumber("+7701\(String(format: "%07d", number))")! }

    static func user(_ id: String, phone number: Int, iin: String? = nil, admin: Bool = false) -> User {
        User(id: id, phone: phone(number), iin: iin.flatMap { KazakhIdentifier($0, kind: .iin) }, isAdministrator: admin, createdAt: time)
    }

    static let partnerBIN = bin("24074001277")
    static let partner = Partner(id: "p-1", bin: partnerBIN, organisation: "ТОО «Сенім»", createdAt: time)
    static let employee = user("u-employee", phone: 1)
    static let employment = Employee(partnerID: "p-1", userID: "u-employee", rights: .all)
    static var employeePrincipal: WorkflowPrincipal { WorkflowPrincipal(user: employee, employments: [employment]) }

    static func upload(
        sha256: String = String(repeating: "ab", count: 32), order: Document.SigningOrder = .parallel,
        method: Document.SigningMethod = .either, partnerFirst: Bool = true, deadline: Date? = nil
    ) -> UploadRequest {
        UploadRequest(
            partnerID: "p-1", fileName: "Договор.pdf", mediaType: "application/pdf", size: 1234, sha256: sha256,
            gost34311: String(repeating: "cd", count: 32), signingMethod: method, signingOrder: order, partnerSignsFirst: partnerFirst,
            deadline: deadline)
    }

    static func ses(_ iin: String, sha256: String = String(repeating: "ab", count: 32), id: String = UUID().uuidString) -> SignatureEvidence
    {
        .ses(.init(challengeID: id, recordSHA256: String(repeating: "0", count: 63) + "1", signerIIN: iin, documentSHA256: sha256))
    }

    static func partnerEDS(bin: KazakhIdentifier = partnerBIN, roles: [SignerRole] = [.firstHead], indication: Indication = .totalPassed)
        -> SignatureEvidence
    {
        .eds(
            .init(
                format: "CAdES-BASELINE-T", signatureSHA256: String(repeating: "e", count: 64), indication: indication,
                signerIIN: KazakhIdentifier(iin("80010100001"), kind: .iin), signerBIN: bin, roles: roles))
    }
}

import Foundation
import SenimEvidence
import SenimPKI

@testable import SenimWorkflow

/// Valid IINs/BINs (check digit per the NCA algorithm) and ready-made people for the workflow tests.
enum Fixtures {
    static let time = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21
    static let client = ClientContext(ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (Linux; Android 14)", device: "Android")

    /// An IIN with a correct check digit, from 11 digits.
    static func iin(_ prefix: String) -> String {
        for check in 0...9 {
            let candidate = prefix + String(check)
            if let identifier = KazakhIdentifier(candidate, kind: .iin), identifier.hasValidCheckDigit { return candidate }
        }
        return prefix + "0"
    }

    static func bin(_ prefix: String) -> KazakhIdentifier {
        for check in 0...9 {
            if let identifier = KazakhIdentifier(prefix + String(check), kind: .bin), identifier.hasValidCheckDigit { return identifier }
        }
        return KazakhIdentifier(prefix + "0", kind: .bin)!
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

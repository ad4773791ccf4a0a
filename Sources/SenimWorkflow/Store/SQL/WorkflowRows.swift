import Foundation
import SenimPKI

/// The workflow's values as rows, and back: the column lists the SELECTs use and the upserts that write them,
/// written once for both stores.
enum WorkflowRows {
    // MARK: Documents

    static let documentColumns = """
        id, partner_id, created_by, file_name, media_type, size, sha256, gost34311, language, signing_method, signing_order,
        partner_signs_first, deadline, status, tariff_package_id, blob_path, created_at, updated_at
        """

    static func document(_ row: SQLRow) throws(StoreError) -> (document: Document, blobPath: String) {
        guard row.count == 18, let id = row[0].text, let partnerID = row[1].text, let createdBy = row[2].text, let fileName = row[3].text,
            let mediaType = row[4].text, let size = row[5].integer, let sha256 = row[6].text, let gost = row[7].text,
            let language = row[8].text.flatMap(Document.Language.init), let method = row[9].text.flatMap(Document.SigningMethod.init),
            let order = row[10].text.flatMap(Document.SigningOrder.init), let status = row[13].text.flatMap(Document.Status.init),
            let blobPath = row[15].text, let createdAt = row[16].date, let updatedAt = row[17].date
        else {
            throw .corruptRow("documents: \(row)")
        }
        var document = Document(
            id: id, partnerID: partnerID, createdBy: createdBy, fileName: fileName, mediaType: mediaType, size: size,
            sha256: sha256, gost34311: gost, language: language, signingMethod: method, signingOrder: order,
            partnerSignsFirst: row[11].bool, deadline: row[12].date, status: status, tariffPackageID: row[14].text, createdAt: createdAt)
        document.updatedAt = updatedAt
        return (document, blobPath)
    }

    static func upsert(_ document: Document, blobPath: String) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO documents (\(documentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, tariff_package_id = excluded.tariff_package_id, updated_at = excluded.updated_at
            """,
            [
                SQLValue(document.id), SQLValue(document.partnerID), SQLValue(document.createdBy), SQLValue(document.fileName),
                SQLValue(document.mediaType), SQLValue(document.size), SQLValue(document.sha256), SQLValue(document.gost34311),
                SQLValue(document.language.rawValue), SQLValue(document.signingMethod.rawValue), SQLValue(document.signingOrder.rawValue),
                SQLValue(document.partnerSignsFirst), SQLValue(document.deadline), SQLValue(document.status.rawValue),
                SQLValue(document.tariffPackageID), SQLValue(blobPath), SQLValue(document.createdAt), SQLValue(document.updatedAt),
            ])
    }

    // MARK: Signers

    static let signerColumns = "id, document_id, party, surname, name, iin, phone, ord, state, signed_at, signature_kind"

    static func signer(_ row: SQLRow) throws(StoreError) -> Signer {
        guard row.count == 11, let id = row[0].text, let documentID = row[1].text, let party = row[2].text.flatMap(Signer.Party.init),
            let surname = row[3].text, let name = row[4].text, let order = row[7].integer,
            let state = row[8].text.flatMap(Signer.State.init)
        else {
            throw .corruptRow("signers: \(row)")
        }
        var signer = Signer(
            id: id, documentID: documentID, party: party, surname: surname, name: name,
            iin: row[5].text.flatMap { KazakhIdentifier($0, kind: .iin) }, phone: row[6].text.flatMap(PhoneNumber.init),
            order: Int(order), state: state)
        signer.signedAt = row[9].date
        signer.signatureKind = row[10].text.flatMap(SignatureKind.init)
        return signer
    }

    static func upsert(_ signer: Signer) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO signers (\(signerColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, signed_at = excluded.signed_at, signature_kind = excluded.signature_kind
            """,
            [
                SQLValue(signer.id), SQLValue(signer.documentID), SQLValue(signer.party.rawValue), SQLValue(signer.surname),
                SQLValue(signer.name),
                SQLValue(signer.iin?.digits), SQLValue(signer.phone?.e164), SQLValue(signer.order), SQLValue(signer.state.rawValue),
                SQLValue(signer.signedAt), SQLValue(signer.signatureKind?.rawValue),
            ])
    }

    // MARK: Partners, users, employees, tariffs

    static let partnerColumns = "id, bin, organisation, status, created_at"

    static func partner(_ row: SQLRow) throws(StoreError) -> Partner {
        guard row.count == 5, let id = row[0].text, let bin = row[1].text.flatMap({ KazakhIdentifier($0, kind: .bin) }),
            let organisation = row[2].text,
            let status = row[3].text.flatMap(Partner.Status.init), let createdAt = row[4].date
        else { throw .corruptRow("partners: \(row)") }
        return Partner(id: id, bin: bin, organisation: organisation, status: status, createdAt: createdAt)
    }

    static func upsert(_ partner: Partner) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO partners (\(partnerColumns)) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation, status = excluded.status
            """,
            [
                SQLValue(partner.id), SQLValue(partner.bin.digits), SQLValue(partner.organisation), SQLValue(partner.status.rawValue),
                SQLValue(partner.createdAt),
            ])
    }

    static let userColumns = "id, phone, surname, name, iin, status, is_admin, created_at"

    static func user(_ row: SQLRow) throws(StoreError) -> User {
        guard row.count == 8, let id = row[0].text, let phone = row[1].text.flatMap(PhoneNumber.init),
            let status = row[5].text.flatMap(User.Status.init),
            let createdAt = row[7].date
        else { throw .corruptRow("users: \(row)") }
        return User(
            id: id, phone: phone, surname: row[2].text, name: row[3].text, iin: row[4].text.flatMap { KazakhIdentifier($0, kind: .iin) },
            status: status, isAdministrator: row[6].bool, createdAt: createdAt)
    }

    static func upsert(_ user: User) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO users (\(userColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET surname = excluded.surname, name = excluded.name, iin = excluded.iin, status = excluded.status,
                is_admin = excluded.is_admin
            """,
            [
                SQLValue(user.id), SQLValue(user.phone.e164), SQLValue(user.surname), SQLValue(user.name), SQLValue(user.iin?.digits),
                SQLValue(user.status.rawValue), SQLValue(user.isAdministrator), SQLValue(user.createdAt),
            ])
    }

    static let employeeColumns = "partner_id, user_id, rights, active"

    static func employee(_ row: SQLRow) throws(StoreError) -> Employee {
        guard row.count == 4, let partnerID = row[0].text, let userID = row[1].text, let rights = row[2].integer else {
            throw .corruptRow("employees: \(row)")
        }
        return Employee(partnerID: partnerID, userID: userID, rights: EmployeeRights(rawValue: Int(rights)), active: row[3].bool)
    }

    static func upsert(_ employee: Employee) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO employees (\(employeeColumns)) VALUES (?, ?, ?, ?)
            ON CONFLICT (partner_id, user_id) DO UPDATE SET rights = excluded.rights, active = excluded.active
            """, [SQLValue(employee.partnerID), SQLValue(employee.userID), SQLValue(employee.rights.rawValue), SQLValue(employee.active)])
    }

    static let tariffColumns = "id, partner_id, uses_total, uses_used, uses_reserved, valid_from, valid_until, active"

    static func tariff(_ row: SQLRow) throws(StoreError) -> TariffPackage {
        guard row.count == 8, let id = row[0].text, let partnerID = row[1].text, let total = row[2].integer, let used = row[3].integer,
            let reserved = row[4].integer, let from = row[5].date, let until = row[6].date
        else { throw .corruptRow("tariff_packages: \(row)") }
        return TariffPackage(
            id: id, partnerID: partnerID, usesTotal: Int(total), usesUsed: Int(used), usesReserved: Int(reserved),
            validFrom: from, validUntil: until, active: row[7].bool)
    }

    static func upsert(_ tariff: TariffPackage) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO tariff_packages (\(tariffColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET uses_total = excluded.uses_total, uses_used = excluded.uses_used, uses_reserved = excluded.uses_reserved,
                valid_from = excluded.valid_from, valid_until = excluded.valid_until, active = excluded.active
            """,
            [
                SQLValue(tariff.id), SQLValue(tariff.partnerID), SQLValue(tariff.usesTotal), SQLValue(tariff.usesUsed),
                SQLValue(tariff.usesReserved),
                SQLValue(tariff.validFrom), SQLValue(tariff.validUntil), SQLValue(tariff.active),
            ])
    }
}

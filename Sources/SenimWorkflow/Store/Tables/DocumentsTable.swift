import Foundation
import SenimEvidence

/// `documents`: a document as uploaded, its status and the package it reserved, and where its bytes are.
enum DocumentsTable {
    enum Columns: String, TableColumns {
        static let table = "documents"
        case id
        case partnerID = "partner_id"
        case createdBy = "created_by"
        case fileName = "file_name"
        case mediaType = "media_type"
        case size, sha256, gost34311, language
        case signingMethod = "signing_method"
        case signingOrder = "signing_order"
        case partnerSignsFirst = "partner_signs_first"
        case deadline, status
        case tariffPackageID = "tariff_package_id"
        case blobPath = "blob_path"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> (document: Document, blobPath: String) {
        let row = try ColumnRow<Columns>(values)
        guard let id = row[.id].text, let partnerID = row[.partnerID].text, let createdBy = row[.createdBy].text,
            let fileName = row[.fileName].text, let mediaType = row[.mediaType].text, let size = row[.size].integer,
            let sha256 = row[.sha256].text, let gost = row[.gost34311].text,
            let language = row[.language].text.flatMap(Language.init),
            let method = row[.signingMethod].text.flatMap(Document.SigningMethod.init),
            let order = row[.signingOrder].text.flatMap(Document.SigningOrder.init),
            let status = row[.status].text.flatMap(Document.Status.init), let blobPath = row[.blobPath].text,
            let createdAt = row[.createdAt].date, let updatedAt = row[.updatedAt].date
        else {
            throw .corruptRow(row.description)
        }
        var document = Document(
            id: id, partnerID: partnerID, createdBy: createdBy, fileName: fileName, mediaType: mediaType, size: size,
            sha256: sha256, gost34311: gost, language: language, signingMethod: method, signingOrder: order,
            partnerSignsFirst: row[.partnerSignsFirst].bool, deadline: row[.deadline].date, status: status,
            tariffPackageID: row[.tariffPackageID].text, createdAt: createdAt)
        document.updatedAt = updatedAt
        return (document, blobPath)
    }

    /// A new document, or its changed status and package (nothing else of a document ever changes).
    static func upsert(_ document: Document, blobPath: String) -> SQLStatement {
        Columns.insert(
            [
                .id: SQLValue(document.id), .partnerID: SQLValue(document.partnerID), .createdBy: SQLValue(document.createdBy),
                .fileName: SQLValue(document.fileName), .mediaType: SQLValue(document.mediaType), .size: SQLValue(document.size),
                .sha256: SQLValue(document.sha256), .gost34311: SQLValue(document.gost34311),
                .language: SQLValue(document.language.rawValue), .signingMethod: SQLValue(document.signingMethod.rawValue),
                .signingOrder: SQLValue(document.signingOrder.rawValue), .partnerSignsFirst: SQLValue(document.partnerSignsFirst),
                .deadline: SQLValue(document.deadline), .status: SQLValue(document.status.rawValue),
                .tariffPackageID: SQLValue(document.tariffPackageID), .blobPath: SQLValue(blobPath),
                .createdAt: SQLValue(document.createdAt), .updatedAt: SQLValue(document.updatedAt),
            ], Columns.onConflict([.id], update: [.status, .tariffPackageID, .updatedAt]))
    }

    /// The document; `forUpdate` locks its row (a command's first lock).
    static func select(id: String, forUpdate: String = "") -> SQLStatement {
        Columns.select("WHERE id = ?" + forUpdate, [SQLValue(id)])
    }

    static func selectBlobPath(id: String) -> SQLStatement { Columns.select([.blobPath], "WHERE id = ?", [SQLValue(id)]) }

    static func decodeBlobPath(_ values: SQLRow) throws(StoreError) -> String {
        let row = try ColumnRow(values, columns: [Columns.blobPath])
        guard let path = row[.blobPath].text else { throw .corruptRow(row.description) }
        return path
    }

    /// A page of a partner's documents, newest first, optionally of one status, after `after` (keyset
    /// pagination on the `documents_by_partner…` indexes).
    static func select(ofPartner partnerID: String, status: Document.Status?, after: Document?, limit: Int) -> SQLStatement {
        var condition = "WHERE partner_id = ?"
        var arguments = [SQLValue(partnerID)]
        if let status {
            condition += " AND status = ?"
            arguments.append(SQLValue(status.rawValue))
        }
        if let after {
            condition += " AND (created_at < ? OR (created_at = ? AND id < ?))"
            arguments += [SQLValue(after.createdAt), SQLValue(after.createdAt), SQLValue(after.id)]
        }
        return Columns.select(condition + " ORDER BY created_at DESC, id DESC LIMIT ?", arguments + [SQLValue(limit)])
    }

    /// The sent documents (not drafts) that name `phone` as a person signer, newest first.
    static func select(namingPhone phone: String, limit: Int) -> SQLStatement {
        Columns.select(
            "WHERE id IN (\(SignersTable.documentsNamingPhone)) AND status <> 'draft' ORDER BY created_at DESC, id DESC LIMIT ?",
            [SQLValue(phone), SQLValue(limit)])
    }

    /// The sent documents (not drafts) whose bytes have this SHA-256, newest first: the public `/verify` lookup.
    static func select(sha256: String, limit: Int) -> SQLStatement {
        Columns.select(
            "WHERE sha256 = ? AND status <> 'draft' ORDER BY created_at DESC, id DESC LIMIT ?", [SQLValue(sha256), SQLValue(limit)])
    }

    /// Pending documents whose deadline passed at `time`, the most overdue first.
    static func selectOverdueIDs(at time: Date, limit: Int) -> SQLStatement {
        Columns.select(
            [.id], "WHERE status = ? AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline, id LIMIT ?",
            [SQLValue(Document.Status.pending.rawValue), SQLValue(time), SQLValue(limit)])
    }

    static func decodeID(_ values: SQLRow) throws(StoreError) -> String {
        let row = try ColumnRow(values, columns: [Columns.id])
        guard let id = row[.id].text else { throw .corruptRow(row.description) }
        return id
    }

    /// `(SELECT partner_id FROM documents WHERE id = ?)`: the partner of a document, inside another statement.
    static let partnerOfDocument = "(SELECT \(Columns.partnerID.rawValue) FROM \(Columns.table) WHERE \(Columns.id.rawValue) = ?)"

    /// `(SELECT tariff_package_id FROM documents WHERE id = ?)`: the package a document reserved.
    static let tariffOfDocument = "(SELECT \(Columns.tariffPackageID.rawValue) FROM \(Columns.table) WHERE \(Columns.id.rawValue) = ?)"
}

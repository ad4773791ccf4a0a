import Foundation

/// `signature_files`: every signature a document received (an EDS or an SES record) with its companion,
/// accepted or refused, in the order it came.
enum SignatureFilesTable {
    enum Columns: String, TableColumns {
        static let table = "signature_files"
        case documentID = "document_id"
        case signerID = "signer_id"
        case kind, sha256
        case blobPath = "blob_path"
        case receivedAt = "received_at"
        case companionPath = "companion_path"
        case accepted
        case eventSequence = "event_sequence"
        case signatureValueSHA256 = "signature_value_sha256"
    }

    /// What a document's signature list reads.
    private static let listed: [Columns] = [.signerID, .kind, .sha256, .blobPath, .companionPath, .receivedAt, .accepted]

    /// A received signature; the same bytes received again take the later verdict, companion and place.
    static func upsert(
        documentID: String, signerID: String, kind: SignatureKind, sha256: String, blobPath: String, receivedAt: Date,
        companionPath: String?, accepted: Bool, eventSequence: UInt64, signatureValueSHA256: String?
    ) -> SQLStatement {
        Columns.insert(
            [
                .documentID: SQLValue(documentID), .signerID: SQLValue(signerID), .kind: SQLValue(kind.rawValue),
                .sha256: SQLValue(sha256), .blobPath: SQLValue(blobPath), .receivedAt: SQLValue(receivedAt),
                .companionPath: SQLValue(companionPath), .accepted: SQLValue(accepted),
                .eventSequence: .integer(Int64(eventSequence)), .signatureValueSHA256: SQLValue(signatureValueSHA256),
            ], Columns.onConflict([.documentID, .sha256], update: [.accepted, .companionPath, .eventSequence]))
    }

    /// A document's signatures in the order they came.
    static func select(documentID: String) -> SQLStatement {
        Columns.select(listed, "WHERE document_id = ? ORDER BY event_sequence, sha256", [SQLValue(documentID)])
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> StoredSignature {
        let row = try ColumnRow(values, columns: listed)
        guard let signerID = row[.signerID].text, let kind = row[.kind].text.flatMap(SignatureKind.init),
            let sha256 = row[.sha256].text, let path = row[.blobPath].text, let received = row[.receivedAt].date
        else { throw .corruptRow("signature_files") }
        return StoredSignature(
            signerID: signerID, kind: kind, sha256: sha256, blobPath: path, companionPath: row[.companionPath].text,
            receivedAt: received, accepted: row[.accepted].bool)
    }

    /// Another document's accepted signature with this signature value (a replayed EDS); an empty value finds none.
    static func select(signatureValue sha256: String, elsewhereThan documentID: String) -> SQLStatement {
        Columns.select(
            [.documentID], "WHERE signature_value_sha256 = ? AND document_id <> ? AND accepted = 1",
            [SQLValue(sha256), SQLValue(documentID)])
    }
}

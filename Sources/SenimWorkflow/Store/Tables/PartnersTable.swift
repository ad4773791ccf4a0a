import SenimPKI

/// `partners`: the organisations that send documents for signing.
enum PartnersTable {
    enum Columns: String, TableColumns {
        static let table = "partners"
        case id, bin, organisation, status
        case createdAt = "created_at"
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> Partner {
        let row = try ColumnRow<Columns>(values)
        guard let id = row[.id].text, let bin = row[.bin].text.flatMap({ KazakhIdentifier($0, kind: .bin) }),
            let organisation = row[.organisation].text, let status = row[.status].text.flatMap(Partner.Status.init),
            let createdAt = row[.createdAt].date
        else { throw .corruptRow(row.description) }
        return Partner(id: id, bin: bin, organisation: organisation, status: status, createdAt: createdAt)
    }

    static func upsert(_ partner: Partner) -> SQLStatement {
        Columns.insert(
            [
                .id: SQLValue(partner.id), .bin: SQLValue(partner.bin.digits), .organisation: SQLValue(partner.organisation),
                .status: SQLValue(partner.status.rawValue), .createdAt: SQLValue(partner.createdAt),
            ], Columns.onConflict([.id], update: [.organisation, .status]))
    }

    static func select(id: String?) -> SQLStatement { Columns.select("WHERE id = ?", [SQLValue(id)]) }

    static func select(bin: String) -> SQLStatement { Columns.select("WHERE bin = ?", [SQLValue(bin)]) }

    /// The partner of document `documentID`, or `partnerID` for a document not stored yet (an upload).
    static func select(ofDocument documentID: String, orPartner partnerID: String?) -> SQLStatement {
        Columns.select(
            "WHERE id = COALESCE(\(DocumentsTable.partnerOfDocument), ?)", [SQLValue(documentID), SQLValue(partnerID)])
    }

    static func select(ofDocument documentID: String) -> SQLStatement {
        Columns.select("WHERE id = \(DocumentsTable.partnerOfDocument)", [SQLValue(documentID)])
    }

    /// The partners of the documents that name `phone` as a person signer.
    static func select(ofDocumentsNamingPhone phone: String) -> SQLStatement {
        Columns.select(
            "WHERE id IN (SELECT partner_id FROM documents WHERE id IN (\(SignersTable.documentsNamingPhone)))", [SQLValue(phone)])
    }

    /// The newest 500, for the administration pages.
    static let selectNewest = Columns.select("ORDER BY created_at DESC, id LIMIT 500")
}

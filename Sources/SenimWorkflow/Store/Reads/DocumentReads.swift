/// A document's state as a transaction reads it: the document (locked first), its signers, its partner and its
/// reserved package.
enum DocumentReads {
    static func reads(_ documentID: String, forUpdate: String) -> NamedReads {
        NamedReads([
            .document: DocumentsTable.select(id: documentID, forUpdate: forUpdate),
            .signers: SignersTable.select(documentID: documentID),
            .partner: PartnersTable.select(ofDocument: documentID),
            .tariff: TariffPackagesTable.select(reservedBy: documentID, forUpdate: ""),
        ])
    }

    static func state(_ rows: ReadRows) throws(StoreError) -> DocumentState {
        try decode(rows).state
    }

    /// The state and where the document's bytes are (nil: no such document yet).
    static func decode(_ rows: ReadRows) throws(StoreError) -> (state: DocumentState, blobPath: String?) {
        let loaded = try rows[.document].first.map(DocumentsTable.decode)
        var signers: [Signer] = []
        for row in rows[.signers] { signers.append(try SignersTable.decode(row)) }
        let state = DocumentState(
            document: loaded?.document, signers: signers, partner: try rows[.partner].first.map(PartnersTable.decode),
            tariff: try rows[.tariff].first.map(TariffPackagesTable.decode))
        return (state, loaded?.blobPath)
    }
}

import SenimPKI

/// `signers`: a document's signer slots, the partner's own and the persons', with their state.
enum SignersTable {
    enum Columns: String, TableColumns {
        static let table = "signers"
        case id
        case documentID = "document_id"
        case party, surname, name, iin, phone
        case order = "ord"
        case state
        case signedAt = "signed_at"
        case signatureKind = "signature_kind"
    }

    static func decode(_ values: SQLRow) throws(StoreError) -> Signer {
        let row = try ColumnRow<Columns>(values)
        guard let id = row[.id].text, let documentID = row[.documentID].text,
            let party = row[.party].text.flatMap(Signer.Party.init), let surname = row[.surname].text, let name = row[.name].text,
            let order = row[.order].integer, let state = row[.state].text.flatMap(Signer.State.init)
        else {
            throw .corruptRow(row.description)
        }
        var signer = Signer(
            id: id, documentID: documentID, party: party, surname: surname, name: name,
            iin: row[.iin].text.flatMap { KazakhIdentifier($0, kind: .iin) }, phone: row[.phone].text.flatMap(PhoneNumber.init),
            order: Int(order), state: state)
        signer.signedAt = row[.signedAt].date
        signer.signatureKind = row[.signatureKind].text.flatMap(SignatureKind.init)
        return signer
    }

    /// A new slot, or its changed state (who the signer is never changes).
    static func upsert(_ signer: Signer) -> SQLStatement {
        Columns.insert(
            [
                .id: SQLValue(signer.id), .documentID: SQLValue(signer.documentID), .party: SQLValue(signer.party.rawValue),
                .surname: SQLValue(signer.surname), .name: SQLValue(signer.name), .iin: SQLValue(signer.iin?.digits),
                .phone: SQLValue(signer.phone?.e164), .order: SQLValue(signer.order), .state: SQLValue(signer.state.rawValue),
                .signedAt: SQLValue(signer.signedAt), .signatureKind: SQLValue(signer.signatureKind?.rawValue),
            ], Columns.onConflict([.id], update: [.state, .signedAt, .signatureKind]))
    }

    /// A document's signers in their order.
    static func select(documentID: String) -> SQLStatement {
        Columns.select("WHERE document_id = ? ORDER BY ord, id", [SQLValue(documentID)])
    }

    /// The person slots of `phone`, in any document.
    static func select(phone: String) -> SQLStatement {
        Columns.select("WHERE phone = ? AND party = 'person'", [SQLValue(phone)])
    }

    /// `SELECT document_id … WHERE phone = ?`: the documents naming a phone as a person signer, inside another
    /// statement (the phone is its one argument).
    static let documentsNamingPhone = "SELECT document_id FROM signers WHERE phone = ? AND party = 'person'"

    /// `(SELECT phone FROM signers WHERE id = ?)`: a signer's phone, inside another statement.
    static let phoneOfSigner = "(SELECT phone FROM signers WHERE id = ?)"
}

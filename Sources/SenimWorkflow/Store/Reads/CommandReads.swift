import Foundation

/// What a workflow command reads, by name (``CommandSnapshot`` decodes it). With `forUpdate` set (PostgreSQL,
/// inside the transaction) the document row is locked first, then the tariff row, then the log row, the same
/// order for every command, so concurrent commands never deadlock.
enum CommandReads {
    static func reads(
        for command: WorkflowCommand, idempotencyKey: String?, userID: String?, at time: Date,
        forUpdate: String
    ) -> NamedReads {
        let documentID = command.documentID
        let partnerID = WorkflowEngine.partnerID(of: command)
        var reads = NamedReads([
            .document: DocumentsTable.select(id: documentID, forUpdate: forUpdate),
            .signers: SignersTable.select(documentID: documentID),
            .partner: PartnersTable.select(ofDocument: documentID, orPartner: partnerID),
            .tariff: command.sends
                ? TariffPackagesTable.select(usableFor: documentID, orPartner: partnerID, at: time, forUpdate: forUpdate)
                : TariffPackagesTable.select(reservedBy: documentID, forUpdate: forUpdate),
            .storedAnswer: IdempotencyKeysTable.select(key: idempotencyKey, at: time),
            .webhookEndpoints: WebhookEndpointsTable.selectActive(ofDocument: documentID, orPartner: partnerID),
        ])
        reads = reads + ChainReads.reads(chainID: documentID, forUpdate: forUpdate) + PrincipalReads.reads(userID: userID)
        var value = ""
        if case .sign(_, _, .eds(let eds)) = command { value = eds.signatureValueSHA256 ?? "" }
        reads.append(.signatureValueElsewhere, SignatureFilesTable.select(signatureValue: value, elsewhereThan: documentID))
        return reads
    }
}

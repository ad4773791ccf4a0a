import Foundation

/// What a command reads, in this order: the rows ``WorkflowEngine`` gives the plan as `rows[0…9]`. With
/// `forUpdate` set (PostgreSQL, inside the transaction) the document row is locked first, then the tariff
/// row, then the log row, the same order for every command, so concurrent commands never deadlock.
enum CommandReads {
    static func statements(
        for command: WorkflowCommand, idempotencyKey: String?, userID: String?, at time: Date,
        forUpdate: String
    ) -> [SQLStatement] {
        var reads = [
            SQLStatement("SELECT \(WorkflowRows.documentColumns) FROM documents WHERE id = ?" + forUpdate, [SQLValue(command.documentID)]),
            SQLStatement(
                "SELECT \(WorkflowRows.signerColumns) FROM signers WHERE document_id = ? ORDER BY ord, id", [SQLValue(command.documentID)]),
            SQLStatement(
                "SELECT \(WorkflowRows.partnerColumns) FROM partners WHERE id = COALESCE((SELECT partner_id FROM documents WHERE id = ?), ?)",
                [SQLValue(command.documentID), SQLValue(WorkflowEngine.partnerID(of: command))]),
        ]
        if command.sends {
            // The usable package that expires first, so uses are not lost to expiry.
            reads.append(
                SQLStatement(
                    """
                    SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages
                    WHERE partner_id = COALESCE((SELECT partner_id FROM documents WHERE id = ?), ?) AND active = 1 AND valid_from <= ? AND valid_until > ?
                        AND uses_total - uses_used - uses_reserved > 0
                    ORDER BY valid_until, id LIMIT 1
                    """ + forUpdate,
                    [SQLValue(command.documentID), SQLValue(WorkflowEngine.partnerID(of: command)), SQLValue(time), SQLValue(time)]))
        } else {
            reads.append(
                SQLStatement(
                    "SELECT \(WorkflowRows.tariffColumns) FROM tariff_packages WHERE id = (SELECT tariff_package_id FROM documents WHERE id = ?)"
                        + forUpdate, [SQLValue(command.documentID)]))
        }
        reads.append(
            SQLStatement("SELECT request_sha256, result_json FROM idempotency_keys WHERE key = ?", [SQLValue(idempotencyKey ?? "")]))
        reads += AuditAppend.reads(documentID: command.documentID, forUpdate: forUpdate)
        // The principal as it is now: its user row and its employments (rows 7 and 8).
        reads.append(SQLStatement("SELECT \(WorkflowRows.userColumns) FROM users WHERE id = ?", [SQLValue(userID ?? "")]))
        reads.append(SQLStatement("SELECT \(WorkflowRows.employeeColumns) FROM employees WHERE user_id = ?", [SQLValue(userID ?? "")]))
        // An EDS whose signature value another document already accepted (row 9).
        var value = ""
        if case .sign(_, _, .eds(let eds)) = command { value = eds.signatureValueSHA256 ?? "" }
        reads.append(
            SQLStatement(
                "SELECT document_id FROM signature_files WHERE signature_value_sha256 = ? AND document_id <> ? AND accepted = 1",
                [SQLValue(value), SQLValue(command.documentID)]))
        return reads
    }
}

import Foundation
import SenimEvidence

extension WorkflowEngine {
    /// One transaction that reads `reads` (the caller's locks first), lets `plan` decide from their rows, and
    /// writes the plan's rows together with its audit actions on chain `chainID` (a document's id, an account's
    /// chain, the administration log) and that chain's platform-log leaf. Everything outside the document state
    /// machine that must leave evidence (SMS codes, logins, links, SMS deliveries) goes through here.
    ///
    /// `plan` reads the caller's rows by their names; it returns what to write and an answer. A `.failure` answer still
    /// commits (a wrong code must count as an attempt) and is thrown afterwards.
    func record<Answer: Sendable>(
        on chainID: String, reads: NamedReads, client: ClientContext, at time: Date,
        plan: @escaping @Sendable (ReadRows) throws -> RecordingPlan<Answer>
    ) async throws -> Answer {
        let outcome: Result<Answer, WorkflowError> = try await store.transaction(
            reads + ChainReads.reads(chainID: chainID, forUpdate: store.dialect.forUpdate)
        ) { rows in
            let decided = try plan(rows)
            guard !decided.actions.isEmpty else { return (decided.writes, decided.answer) }
            let audit = try AuditAppend(rows)
            let appended = try audit.statements(
                for: decided.actions, documentID: chainID, document: decided.document, actor: decided.actor,
                client: client, at: time)
            return (decided.writes + appended.writes, decided.answer)
        }
        return try outcome.get()
    }
}

/// What a recorded step decided: its rows, its audit actions and who did them, and the answer (a failure is
/// committed, then thrown).
struct RecordingPlan<Answer: Sendable> {
    var writes: [SQLStatement]
    var actions: [AuditAction]
    var actor: AuditActor
    /// The document the chain is about, so every event carries its digests; nil for account chains.
    var document: Document?
    var answer: Result<Answer, WorkflowError>
}

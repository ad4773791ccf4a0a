import Foundation
import SenimEvidence

extension WorkflowEngine {
    /// A partner's manager registers an endpoint (its URL checked by the caller: HTTPS, not a private address)
    /// for `events`; the answer carries the signing secret, which the manager hands to the receiver.
    public func registerWebhook(
        url: String, events: [WebhookEventType], partnerID: String, by principal: WorkflowPrincipal, client: ClientContext,
        at time: Date = Date()
    ) async throws -> WebhookEndpoint {
        try Self.refuseUnlessManager(principal, of: partnerID)
        let endpoint = WebhookEndpoint(
            id: try newIdentifier("wh"), partnerID: partnerID, url: url, events: WebhookEventType.allCases.filter(events.contains),
            secret: try WebhookEndpoint.newSecret(), createdBy: principal.user.id, createdAt: time)
        let reads = PrincipalReads.reads(userID: principal.user.id) + NamedReads([.partner: PartnersTable.select(id: partnerID)])
        let registered: WebhookEndpoint? = try await administer(by: principal, client: client, at: time, reads: reads, description: nil) {
            rows in
            try Self.refuseUnlessManager(try Self.current(principal, rows), of: partnerID, partner: rows)
            return ([WebhookEndpointsTable.insert(endpoint)], endpoint, (.webhookRegistered, "\(partnerID)/\(endpoint.id)"))
        }
        guard let registered else { throw WorkflowError.partnerNotFound(partnerID) }
        return registered
    }

    /// A partner's endpoints, newest first (disabled ones too).
    public func webhooks(ofPartner partnerID: String, for principal: WorkflowPrincipal) async throws -> [WebhookEndpoint] {
        try Self.refuseUnlessManager(principal, of: partnerID)
        return try await store.query(WebhookEndpointsTable.select(partnerID: partnerID)).map(WebhookEndpointsTable.decode)
    }

    /// Disables an endpoint of `partnerID` and gives up its queued messages; nil when the partner has no such
    /// endpoint.
    public func disableWebhook(
        id: String, ofPartner partnerID: String, by principal: WorkflowPrincipal, client: ClientContext, at time: Date = Date()
    ) async throws -> WebhookEndpoint? {
        try Self.refuseUnlessManager(principal, of: partnerID)
        let reads =
            PrincipalReads.reads(userID: principal.user.id)
            + NamedReads([.partner: PartnersTable.select(id: partnerID), .webhookEndpoints: WebhookEndpointsTable.select(id: id)])
        return try await administer(by: principal, client: client, at: time, reads: reads, description: nil) { rows in
            try Self.refuseUnlessManager(try Self.current(principal, rows), of: partnerID, partner: rows)
            guard let row = rows[.webhookEndpoints].first else { return ([], nil, nil) }
            var endpoint = try WebhookEndpointsTable.decode(row)
            guard endpoint.partnerID == partnerID else { return ([], nil, nil) }
            guard endpoint.status == .active else { return ([], endpoint, nil) }
            endpoint.status = .disabled
            return (
                [
                    WebhookEndpointsTable.setStatus(.disabled, id: id),
                    WebhookDeliveriesTable.failPending(ofEndpoint: id, because: .endpointDisabled),
                ], endpoint, (.webhookDisabled, "\(partnerID)/\(endpoint.id)")
            )
        }
    }

    /// An endpoint's newest deliveries with their attempts: the log its partner reads. Nil: no such endpoint.
    public func webhookDeliveries(
        ofEndpoint endpointID: String, partnerID: String, for principal: WorkflowPrincipal, limit: Int = 50
    ) async throws -> [(delivery: WebhookDelivery, attempts: [WebhookAttempt])]? {
        try Self.refuseUnlessManager(principal, of: partnerID)
        guard let endpoint = try await store.query(WebhookEndpointsTable.select(id: endpointID)).first.map(WebhookEndpointsTable.decode),
            endpoint.partnerID == partnerID
        else { return nil }
        var log: [(WebhookDelivery, [WebhookAttempt])] = []
        for row in try await store.query(WebhookDeliveriesTable.select(endpointID: endpointID, limit: min(max(limit, 1), 200))) {
            let delivery = try WebhookDeliveriesTable.decode(row)
            log.append(
                (delivery, try await store.query(WebhookAttemptsTable.select(deliveryID: delivery.id)).map(WebhookAttemptsTable.decode)))
        }
        return log
    }

    /// Sends a message again (the partner asks, after fixing their receiver): a new delivery with the same
    /// `webhook-id` and body, due now, with its own 24 hours. Nil: no such delivery of this partner's endpoint.
    public func resendWebhookDelivery(
        id: String, endpointID: String, partnerID: String, by principal: WorkflowPrincipal, at time: Date = Date()
    ) async throws -> WebhookDelivery? {
        try Self.refuseUnlessManager(principal, of: partnerID)
        guard let original = try await store.query(WebhookDeliveriesTable.select(id: id)).first.map(WebhookDeliveriesTable.decode),
            original.partnerID == partnerID, original.endpointID == endpointID,
            let endpoint = try await store.query(WebhookEndpointsTable.select(id: endpointID)).first.map(WebhookEndpointsTable.decode)
        else { return nil }
        guard endpoint.status == .active else { throw WorkflowError.invalidInput(.webhookEndpointDisabled) }
        let copy = WebhookDelivery(
            id: try newIdentifier("whd"), messageID: original.messageID, endpointID: endpointID, partnerID: partnerID,
            type: original.type, payload: original.payload, status: .pending, attempts: 0, nextAttemptAt: time, createdAt: time)
        try await store.write([WebhookDeliveriesTable.insert(copy)])
        return copy
    }

    // MARK: The queue

    /// Claims up to `limit` due deliveries for `lease` (an attempt's longest time): no other replica attempts
    /// them until the lease ends or the outcome is recorded. On PostgreSQL the claim skips rows another
    /// replica's claim holds (`FOR UPDATE SKIP LOCKED`), so concurrent claims never take the same row.
    public func claimDueWebhookDeliveries(at time: Date = Date(), limit: Int = 16, lease: TimeInterval = 60) async throws
        -> [(delivery: WebhookDelivery, endpoint: WebhookEndpoint)]
    {
        let lock = store.dialect == .postgresql ? " FOR UPDATE SKIP LOCKED" : ""
        let claimed: [WebhookDelivery] = try await store.transaction(
            reads: [WebhookDeliveriesTable.selectDue(at: time, limit: limit, lock: lock)]
        ) { rows in
            let due = try (rows.first ?? []).map(WebhookDeliveriesTable.decode)
            return (due.map { WebhookDeliveriesTable.lease(id: $0.id, until: time.addingTimeInterval(lease)) }, due)
        }
        var work: [(WebhookDelivery, WebhookEndpoint)] = []
        for delivery in claimed {
            if let endpoint = try await store.query(WebhookEndpointsTable.select(id: delivery.endpointID)).first.map(
                WebhookEndpointsTable.decode)
            {
                work.append((delivery, endpoint))
            }
        }
        return work
    }

    /// Records an attempt's outcome: delivered on a 2xx; on 410 the endpoint is disabled and its queue given up
    /// (Standard Webhooks); otherwise retried on the back-off schedule until 24 hours have passed.
    @discardableResult
    public func recordWebhookAttempt(
        _ delivery: WebhookDelivery, responseStatus: Int?, failure: WebhookFailure?, milliseconds: Int, at time: Date = Date()
    ) async throws -> WebhookDelivery {
        var next = delivery
        next.attempts += 1
        next.lastResponseStatus = responseStatus
        next.lastFailure = responseStatus == 410 ? .endpointGone : failure
        var writes: [SQLStatement] = []
        switch responseStatus {
        case .some(200..<300):
            next.status = .delivered
            next.deliveredAt = time
            next.nextAttemptAt = nil
        case .some(410):
            next.status = .failed
            next.nextAttemptAt = nil
            writes += [
                WebhookEndpointsTable.setStatus(.disabled, id: delivery.endpointID),
                WebhookDeliveriesTable.failPending(ofEndpoint: delivery.endpointID, because: .endpointGone),
            ]
        default:
            next.nextAttemptAt = WebhookSchedule.nextAttempt(afterAttempt: next.attempts, at: time, createdAt: delivery.createdAt)
            if next.nextAttemptAt == nil { next.status = .failed }
        }
        writes += [
            WebhookDeliveriesTable.record(next),
            WebhookAttemptsTable.insert(
                WebhookAttempt(
                    deliveryID: delivery.id, attempt: next.attempts, time: time, responseStatus: responseStatus, failure: next.lastFailure,
                    milliseconds: milliseconds)),
        ]
        try await store.write(writes)
        return next
    }
}

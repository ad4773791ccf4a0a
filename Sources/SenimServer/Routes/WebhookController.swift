import Foundation
import Hummingbird
import SenimWorkflow

/// A partner's webhook endpoints (issue 24, item 2): its managers register them (the signing secret is shown
/// once), list and disable them, read each one's delivery log and send a message again.
struct WebhookController: APIController {
    struct WebhookBody: Codable {
        /// `https://…` on a public address.
        let url: String
        let events: [WebhookEventType]
    }
    struct EndpointView: ResponseCodable {
        let id: String
        let partnerID: String
        let url: String
        let events: [WebhookEventType]
        let status: WebhookEndpoint.Status
        let createdAt: Date

        init(_ endpoint: WebhookEndpoint) {
            id = endpoint.id
            partnerID = endpoint.partnerID
            url = endpoint.url
            events = endpoint.events
            status = endpoint.status
            createdAt = endpoint.createdAt
        }
    }
    /// The answer that registers an endpoint: the only one that carries its secret.
    struct RegisteredEndpoint: ResponseCodable {
        let endpoint: EndpointView
        /// `whsec_…`: the receiver verifies `webhook-signature` with it (Standard Webhooks).
        let secret: String
    }
    struct EndpointList: ResponseCodable { let endpoints: [EndpointView] }
    struct AttemptView: Codable, Sendable {
        let attempt: Int
        let time: Date
        let responseStatus: Int?
        let failure: WebhookFailure?
        let milliseconds: Int
    }
    struct DeliveryView: ResponseCodable {
        let id: String
        /// The `webhook-id` header: the same for every attempt and every resend.
        let messageID: String
        let type: WebhookEventType
        let status: WebhookDelivery.Status
        let attempts: Int
        let nextAttemptAt: Date?
        let lastResponseStatus: Int?
        let lastFailure: WebhookFailure?
        let createdAt: Date
        let deliveredAt: Date?
        let log: [AttemptView]

        init(_ delivery: WebhookDelivery, attempts log: [WebhookAttempt] = []) {
            id = delivery.id
            messageID = delivery.messageID
            type = delivery.type
            status = delivery.status
            attempts = delivery.attempts
            nextAttemptAt = delivery.nextAttemptAt
            lastResponseStatus = delivery.lastResponseStatus
            lastFailure = delivery.lastFailure
            createdAt = delivery.createdAt
            deliveredAt = delivery.deliveredAt
            self.log = log.map {
                AttemptView(
                    attempt: $0.attempt, time: $0.time, responseStatus: $0.responseStatus, failure: $0.failure,
                    milliseconds: $0.milliseconds)
            }
        }
    }
    struct DeliveryList: ResponseCodable { let deliveries: [DeliveryView] }

    let platform: SenimPlatform

    func addRoutes(to api: APIRouter) {
        let base = "/api/v1/partners/:partnerID/webhooks"
        api.add(
            .post, base, id: "registerWebhook", "Register an HTTPS endpoint for document events; the signing secret is shown once",
            tag: "webhooks", keys: true, body: .json(WebhookBody.self), success: (201, "Registered", "application/json"), handler: register)
        api.add(.get, base, id: "listWebhooks", "The partner's webhook endpoints", tag: "webhooks", keys: true, handler: list)
        api.add(
            .delete, base + "/:endpointID", id: "disableWebhook", "Disable an endpoint (its queued messages are given up)",
            tag: "webhooks", keys: true, handler: disable)
        api.add(
            .get, base + "/:endpointID/deliveries", id: "listWebhookDeliveries", "An endpoint's newest deliveries with every attempt",
            tag: "webhooks", keys: true, query: ["limit"], handler: deliveries)
        api.add(
            .post, base + "/:endpointID/deliveries/:deliveryID/resend", id: "resendWebhookDelivery",
            "Send a message again (same webhook-id and body)", tag: "webhooks", keys: true,
            success: (202, "Queued", "application/json"), handler: resend)
    }

    @Sendable func register(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<RegisteredEndpoint> {
        let principal = try context.principal()
        let partnerID = try request.parameter("partnerID", context)
        let body = try await request.decode(as: WebhookBody.self, context: context)
        // The rights first: a stranger learns nothing about which addresses are allowed.
        _ = try await platform.engine.webhooks(ofPartner: partnerID, for: principal)
        guard !body.events.isEmpty else { throw APIError(workflow: .invalidInput(.webhookNeedsEvents)) }
        let url = try await platform.configuration.webhooks.policy.check(body.url)
        let endpoint = try await platform.engine.registerWebhook(
            url: url.absoluteString, events: body.events, partnerID: partnerID, by: principal, client: context.client, at: platform.now)
        return EditedResponse(status: .created, response: RegisteredEndpoint(endpoint: EndpointView(endpoint), secret: endpoint.secret))
    }

    @Sendable func list(_ request: Request, context: PlatformRequestContext) async throws -> EndpointList {
        let endpoints = try await platform.engine.webhooks(
            ofPartner: try request.parameter("partnerID", context), for: try context.principal())
        return EndpointList(endpoints: endpoints.map(EndpointView.init))
    }

    @Sendable func disable(_ request: Request, context: PlatformRequestContext) async throws -> EndpointView {
        guard
            let endpoint = try await platform.engine.disableWebhook(
                id: try request.parameter("endpointID", context), ofPartner: try request.parameter("partnerID", context),
                by: try context.principal(), client: context.client, at: platform.now)
        else { throw APIError(.notFound) }
        return EndpointView(endpoint)
    }

    @Sendable func deliveries(_ request: Request, context: PlatformRequestContext) async throws -> DeliveryList {
        guard
            let log = try await platform.engine.webhookDeliveries(
                ofEndpoint: try request.parameter("endpointID", context), partnerID: try request.parameter("partnerID", context),
                for: try context.principal(), limit: Int(request.query("limit") ?? "50") ?? 50)
        else { throw APIError(.notFound) }
        return DeliveryList(deliveries: log.map { DeliveryView($0.delivery, attempts: $0.attempts) })
    }

    @Sendable func resend(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<DeliveryView> {
        guard
            let copy = try await platform.engine.resendWebhookDelivery(
                id: try request.parameter("deliveryID", context), endpointID: try request.parameter("endpointID", context),
                partnerID: try request.parameter("partnerID", context), by: try context.principal(), at: platform.now)
        else { throw APIError(.notFound) }
        return EditedResponse(status: .accepted, response: DeliveryView(copy))
    }
}

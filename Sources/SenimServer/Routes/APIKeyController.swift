import Foundation
import Hummingbird
import SenimWorkflow

/// A partner's API keys (issue 24): its managers make, list and revoke them; a key's secret is in the answer
/// that makes it and never again. A key itself may not call these (it does not manage access).
struct APIKeyController: APIController {
    struct APIKeyBody: Codable {
        /// What the partner calls the key ("CRM production").
        let name: String
        let rights: [String]
    }
    /// A key as its partner's managers see it: never the secret.
    struct APIKeyView: ResponseCodable {
        let id: String
        let partnerID: String
        let name: String
        let rights: [EmployeeRightName]
        let createdBy: String
        let createdAt: Date
        let lastUsedAt: Date?
        let revokedAt: Date?

        init(_ key: APIKey) {
            id = key.id
            partnerID = key.partnerID
            name = key.name
            rights = EmployeeRightName.names(key.rights)
            createdBy = key.createdBy
            createdAt = key.createdAt
            lastUsedAt = key.lastUsedAt
            revokedAt = key.revokedAt
        }
    }
    /// The answer that makes a key: the only one that carries its secret.
    struct CreatedAPIKey: ResponseCodable {
        let key: APIKeyView
        /// `sk_live_…`: send it as `Authorization: Bearer …`. Shown once; the platform keeps only its SHA-256.
        let secret: String
    }
    struct APIKeyList: ResponseCodable { let keys: [APIKeyView] }

    let platform: SenimPlatform

    func addRoutes(to api: APIRouter) {
        api.add(
            .post, "/api/v1/partners/:partnerID/api-keys", id: "createAPIKey",
            "Make an API key with chosen rights (the partner's managers); the secret is shown once", tag: "partners", keys: true,
            body: .json(APIKeyBody.self), success: (201, "Made", "application/json"), handler: create)
        api.add(
            .get, "/api/v1/partners/:partnerID/api-keys", id: "listAPIKeys", "The partner's API keys, revoked ones too, newest first",
            tag: "partners", keys: true, handler: list)
        api.add(
            .delete, "/api/v1/partners/:partnerID/api-keys/:keyID", id: "revokeAPIKey", "Revoke an API key at once", tag: "partners",
            keys: true, handler: revoke)
    }

    @Sendable func create(_ request: Request, context: PlatformRequestContext) async throws -> EditedResponse<CreatedAPIKey> {
        let principal = try context.principal()
        let partnerID = try request.parameter("partnerID", context)
        let body = try await request.decode(as: APIKeyBody.self, context: context)
        let grant = try await platform.engine.createAPIKey(
            name: body.name, rights: try EmployeeRightName.rights(body.rights), partnerID: partnerID, by: principal,
            client: context.client, at: platform.now)
        return EditedResponse(status: .created, response: CreatedAPIKey(key: APIKeyView(grant.key), secret: grant.secret))
    }

    @Sendable func list(_ request: Request, context: PlatformRequestContext) async throws -> APIKeyList {
        let keys = try await platform.engine.apiKeys(ofPartner: try request.parameter("partnerID", context), for: try context.principal())
        return APIKeyList(keys: keys.map(APIKeyView.init))
    }

    @Sendable func revoke(_ request: Request, context: PlatformRequestContext) async throws -> APIKeyView {
        guard
            let key = try await platform.engine.revokeAPIKey(
                id: try request.parameter("keyID", context), ofPartner: try request.parameter("partnerID", context),
                by: try context.principal(), client: context.client, at: platform.now)
        else { throw APIError(.notFound) }
        return APIKeyView(key)
    }
}

import Foundation
import SenimEvidence
import SenimWorkflow

/// The OpenAPI 3.1 document of the registered operations (built from ``APIRouter/operations``, the list the
/// router was built from): every JSON body and answer with the schema of the type the route decodes or
/// encodes (``OpenAPISchemas``), the error body, the query parameters with their types, and the three ways
/// to authenticate. The repository commits it as `openapi.json`, and a test asserts the served document is
/// that file, byte for byte.
enum OpenAPIDocument {
    /// The query parameters' schemas (a parameter not listed is a string).
    static var querySchemas: [String: [String: Any]] {
        [
            "fileName": ["type": "string", "minLength": 1, "maxLength": 255, "example": "contract.pdf"],
            "language": Language.openAPISchema, "lang": Language.openAPISchema,
            "signingMethod": Document.SigningMethod.openAPISchema, "signingOrder": Document.SigningOrder.openAPISchema,
            "partnerSignsFirst": ["type": "boolean"], "deadline": ["type": "string", "format": "date-time"],
            "status": Document.Status.openAPISchema,
            "limit": ["type": "integer", "minimum": 1, "maximum": 200, "default": 50],
            "after": ["type": "string", "description": "The `next` of the previous page"],
            "inline": ["type": "string", "enum": ["1"], "description": "1: show a PDF in the browser"],
        ]
    }
    /// Query parameters an operation cannot do without.
    static let requiredQuery: Set<String> = ["fileName"]

    static func json(_ operations: [APIOperation], sessionCookie: String) -> [UInt8] {
        let schemas = OpenAPISchemas()
        let error = schemas.schema(for: APIErrorBody.self)
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var parameters: [[String: Any]] = operation.pathParameters.map {
                ["name": $0, "in": "path", "required": true, "schema": ["type": "string", "minLength": 1]]
            }
            parameters += operation.query.map {
                ["name": $0, "in": "query", "required": requiredQuery.contains($0), "schema": querySchemas[$0] ?? ["type": "string"]]
            }
            var success: [String: Any] = ["description": operation.success.description]
            if !operation.success.mediaType.isEmpty {
                let schema: [String: Any] =
                    operation.responseType.map { schemas.schema(for: $0) }
                    ?? (operation.success.mediaType == "application/json"
                        ? ["type": "object"]
                        : operation.success.mediaType.hasPrefix("text/") ? ["type": "string"] : ["type": "string", "format": "binary"])
                success["content"] = [operation.success.mediaType: ["schema": schema]]
            }
            var entry: [String: Any] = [
                "operationId": operation.operationID, "summary": operation.summary, "tags": [operation.tag],
                "responses": [
                    String(operation.success.status): success,
                    "default": [
                        "description": "A refusal: a stable code and one sentence in the request's language",
                        "content": ["application/json": ["schema": error]],
                    ],
                ],
            ]
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if operation.authenticated {
                entry["security"] = [["session": []], ["cookie": []]] + (operation.acceptsAPIKeys ? [["apiKey": []]] : [])
            } else {
                entry["security"] = [] as [Any]
            }
            switch operation.requestBody {
            case .json(let type):
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": schemas.schema(for: type)]]]
            case .binary(let mediaType):
                entry["requestBody"] = ["required": true, "content": [mediaType: ["schema": ["type": "string", "format": "binary"]]]]
            case nil:
                break
            }
            paths[operation.openAPIPath, default: [:]][operation.method.rawValue.lowercased()] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Senimkey platform API", "version": "1",
                "description": "Multi-party signing with NCA RK EDS and SMS-OTP simple signatures. A partner's backend authenticates "
                    + "with an API key (`Authorization: Bearer sk_live_…`), is told of each step by signed webhooks (Standard Webhooks) "
                    + "and may retry any POST with an `Idempotency-Key`.",
            ],
            "paths": paths,
            "components": [
                "schemas": schemas.components,
                "securitySchemes": [
                    "session": ["type": "http", "scheme": "bearer", "description": "The token of POST /api/v1/auth/session"],
                    "cookie": ["type": "apiKey", "in": "cookie", "name": sessionCookie],
                    "apiKey": [
                        "type": "http", "scheme": "bearer", "bearerFormat": "sk_live_…",
                        "description": "A partner's API key (POST /api/v1/partners/{partnerID}/api-keys)",
                    ],
                ] as [String: Any],
            ] as [String: Any],
        ]
        return Array(
            (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]))
                ?? Data("{}".utf8))
    }
}

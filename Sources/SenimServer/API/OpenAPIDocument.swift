import Foundation

/// The OpenAPI 3.1 document of the registered operations (built from ``APIRouter/operations``, the list the
/// router was built from).
enum OpenAPIDocument {
    static func json(_ operations: [APIOperation], sessionCookie: String) -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var parameters: [[String: Any]] = operation.pathParameters.map {
                ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]]
            }
            parameters += operation.query.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
            var entry: [String: Any] = [
                "operationId": operation.operationID, "summary": operation.summary, "tags": [operation.tag],
                "responses": [
                    String(operation.success.status): operation.success.mediaType.isEmpty
                        ? ["description": operation.success.description]
                        : [
                            "description": operation.success.description,
                            "content": [operation.success.mediaType: ["schema": [:] as [String: Any]]],
                        ],
                    "default": [
                        "description": "An error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                    ],
                ],
            ]
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if operation.authenticated { entry["security"] = [["session": []], ["cookie": []]] }
            if let body = operation.requestBody {
                let mediaType = body.contains("/") ? body : "application/json"
                entry["requestBody"] = [
                    "required": true,
                    "content": [
                        mediaType: [
                            "schema": body.contains("/")
                                ? ["type": "string", "format": "binary"]
                                : ["type": "object", "title": body] as [String: Any]
                        ]
                    ],
                ]
            }
            paths[operation.openAPIPath, default: [:]][operation.method.rawValue.lowercased()] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Senimkey platform API", "version": "1",
                "description": "Multi-party signing with NCA RK EDS and SMS-OTP simple signatures.",
            ],
            "paths": paths,
            "components": [
                "schemas": [
                    "Error": [
                        "type": "object", "required": ["code", "message"],
                        "properties": ["code": ["type": "string"], "message": ["type": "string"]],
                    ]
                ],
                "securitySchemes": [
                    "session": ["type": "http", "scheme": "bearer"],
                    "cookie": ["type": "apiKey", "in": "cookie", "name": sessionCookie],
                ],
            ],
        ]
        return Array(
            (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8))
    }
}

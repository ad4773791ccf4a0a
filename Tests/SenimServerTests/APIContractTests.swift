import Foundation
import SenimTestSupport
import Testing

@testable import SenimServer

/// The served OpenAPI document is the router's own list: every route is documented, every documented
/// operation is routed, and every operation that needs a session refuses an anonymous call with 401.
@Suite struct APIContractTests {
    @Test func openAPIDocumentMatchesTheRouterExactly() async throws {
        try await ServerHarness.withServer(.sqlite) { server in
            let served = try await server.request(.GET, "/openapi.json")
            let document = try served.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })

            let (router, api, pages) = try PlatformServer(platform: server.platform).makeRouter()
            func openAPI(_ path: String) -> String {
                path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                    .joined(separator: "/")
            }
            // Every route is either documented API or an HTML page, and no page lives under /api.
            let pageRoutes = Set(pages.routes.map { "\($0.method.rawValue) \(openAPI($0.path))" })
            #expect(!pageRoutes.contains { $0.contains(" /api/") })
            let routed = Set(router.routes.map { "\($0.method.rawValue) \(openAPI($0.path.description))" }).subtracting(pageRoutes)
            #expect(
                routed == documented, "only routed: \(routed.subtracting(documented)); only documented: \(documented.subtracting(routed))")
            #expect(documented.count == api.operations.count)
            #expect(Set(api.operations.map(\.operationID)).count == api.operations.count, "operation ids are unique")

            for operation in api.operations where operation.authenticated {
                let path = operation.path.split(separator: "/", omittingEmptySubsequences: false).map {
                    $0.hasPrefix(":") ? "x" : String($0)
                }
                .joined(separator: "/")
                let answer = try await server.request(
                    .init(rawValue: operation.method.rawValue), path, json: operation.requestBody == nil ? nil : [:])
                #expect(answer.status == 401, "\(operation.method.rawValue) \(operation.path) answered \(answer.status) without a session")
            }
        }
    }
}

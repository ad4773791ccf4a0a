import Hummingbird
import NIOCore
import SenimEvidence
import SenimWorkflow

/// What a request carries through the routes: where it came from (address and device, the evidence of every
/// action), the language its answers are in, and the session it is authenticated by, if any.
public struct PlatformRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer; the client's own address unless a trusted proxy says otherwise (``ClientAddress``).
    public let peerAddress: String?
    public var client: ClientContext
    public var language: Language
    public var authenticated: AuthenticatedSession?
    /// The session came from the browser's cookie, not an `Authorization` header: state-changing API calls
    /// must then prove they are the platform's own pages (JSON and a same-origin `Origin`).
    public var authenticatedByCookie = false
    /// The request is authenticated by a partner's API key (`Authorization: Bearer sk_live_…`), not a session:
    /// only the operations that accept keys (``APIOperation/acceptsAPIKeys``) answer it.
    public var authenticatedByAPIKey: Bool { authenticated?.principal.apiKeyID != nil }

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        client = ClientContext(ipAddress: peerAddress, userAgent: nil)
        language = .ru
    }

    /// JSON bodies are small (a CMS or XML signature at most; the deployment's `maximumRequestBody`, set by
    /// ``SessionMiddleware``); documents are streamed, not decoded.
    public var maxUploadSize = 4 << 20
    /// Hummingbird's `request.decode(as:context:)` and `ResponseEncodable` answers use the platform's JSON.
    public var requestDecoder: PlatformJSONDecoder { PlatformJSONDecoder() }
    public var responseEncoder: PlatformJSONEncoder { PlatformJSONEncoder() }

    /// The logged-in principal, or 401. Every route that is not about one document asks this, so a session
    /// opened from a signer's SMS link (which covers one document and one signer) is refused here, once for all
    /// of them: no `/me`, no lists, no uploads, no employees, no tariffs, no administration.
    public func principal() throws(APIError) -> WorkflowPrincipal {
        guard let authenticated else { throw APIError(.notAuthenticated) }
        guard authenticated.session.scope == nil else { throw APIError(.permissionDenied(.linkSessionCoversOneDocument)) }
        return authenticated.principal
    }

    /// The principal, provided the session may act on `documentID`: a link session's principal then carries its
    /// scope, which ``Permissions`` holds to that signer's own actions.
    public func principal(for documentID: String) throws(APIError) -> WorkflowPrincipal {
        guard let authenticated else { throw APIError(.notAuthenticated) }
        guard authenticated.session.covers(documentID: documentID) else { throw APIError(.permissionDenied(.linkSessionCoversOneDocument)) }
        return authenticated.principal
    }
}

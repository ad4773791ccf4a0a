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
    public var language: UserLanguage
    public var authenticated: AuthenticatedSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        client = ClientContext(ipAddress: peerAddress, userAgent: nil)
        language = .ru
    }

    /// JSON bodies are small (a CMS or XML signature at most); documents are streamed, not decoded.
    public var maxUploadSize: Int { 4 << 20 }

    /// The logged-in principal, or 401.
    public func principal() throws(APIError) -> WorkflowPrincipal {
        guard let authenticated else { throw APIError(.notAuthenticated) }
        return authenticated.principal
    }

    /// The principal, provided the session may act on `documentID` (a link session covers one document).
    public func principal(for documentID: String) throws(APIError) -> WorkflowPrincipal {
        guard let authenticated else { throw APIError(.notAuthenticated) }
        guard authenticated.session.covers(documentID: documentID) else { throw APIError(.permissionDenied("this link is for another document")) }
        return authenticated.principal
    }
}

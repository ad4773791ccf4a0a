import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 for fetcher tests: fixed responses per path, an optional delay, and a
/// record of what was requested. It binds port 0 and serves only loopback.
public final class LoopbackHTTPServer: @unchecked Sendable {
    // @unchecked: `routes` and `log` are guarded by `lock`; the channel is set once in init.
    public struct Route: Sendable {
        public var status: HTTPResponseStatus
        public var body: [UInt8]
        public var delay: TimeAmount?
        public init(status: HTTPResponseStatus = .ok, body: [UInt8], delay: TimeAmount? = nil) {
            self.status = status
            self.body = body
            self.delay = delay
        }
    }

    public struct Received: Sendable {
        public let method: HTTPMethod
        public let path: String
        public let contentType: String?
        public let body: [UInt8]
        public var authorization: String? = nil
        /// Every header, by lowercased name (the last value of a repeated one).
        public var headers: [String: String] = [:]
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    private let lock = NSLock()
    private let routes: [String: Route]
    private let handler: (@Sendable (Received) -> Route)?
    private var log: [Received] = []

    public var port: Int { channel?.localAddress?.port ?? 0 }
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var received: [Received] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    /// A server that answers every request with `handler` (a TSA that must read the request).
    public convenience init(handler: @escaping @Sendable (Received) -> Route) throws {
        try self.init(routes: [:], handler: handler)
    }

    public init(routes: [String: Route], handler: (@Sendable (Received) -> Route)? = nil) throws {
        self.routes = routes
        self.handler = handler
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [unowned self] channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(Handler(server: self)) }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    public func shutdown() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    fileprivate func respond(to request: Received) -> Route {
        lock.lock()
        defer { lock.unlock() }
        log.append(request)
        if let handler { return handler(request) }
        return routes[request.path] ?? Route(status: .notFound, body: Array("not found".utf8))
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        unowned let server: LoopbackHTTPServer
        private var head: HTTPRequestHead?
        private var body: [UInt8] = []

        init(server: LoopbackHTTPServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let route = server.respond(
                    to: Received(
                        method: head.method, path: head.uri, contentType: head.headers.first(name: "Content-Type"), body: body,
                        authorization: head.headers.first(name: "Authorization"),
                        headers: Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })))
                let write = { [self] in
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Length", value: "\(route.body.count)")
                    headers.add(name: "Connection", value: "close")
                    context.write(
                        wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: route.status, headers: headers))),
                        promise: nil)
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: route.body)))), promise: nil)
                    context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
                }
                if let delay = route.delay {
                    context.eventLoop.scheduleTask(in: delay) { write() }
                } else {
                    write()
                }
            }
        }
    }
}

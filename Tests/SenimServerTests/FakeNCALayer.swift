import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import SenimCMS
import SenimCrypto
import SenimPKI

/// NCALayer as the signer's browser meets it: a WebSocket over TLS on wss://127.0.0.1:13579 that answers
/// `kz.gov.pki.knca.basics` `sign` (docs/kazakh-eds.md §6.2) with a detached CMS over the data, made with
/// a test key, as `{"status": true, "body": {"result": "<base64>"}}`. The TLS certificate is self-signed for
/// the test (Chromium runs with --ignore-certificate-errors).
final class FakeNCALayer: @unchecked Sendable {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    let identity: SigningIdentity
    let signingTime: Date

    init(identity: SigningIdentity, signingTime: Date, port: Int = 13579) throws {
        self.identity = identity
        self.signingTime = signingTime
        let key = try PrivateKey.generateP256()
        let certificate = try SelfSignedCertificate.make(
            commonName: "127.0.0.1", organisation: "fake NCALayer", key: key, algorithm: .ecdsa(.sha256),
            validFrom: Date().addingTimeInterval(-3600), validUntil: Date().addingTimeInterval(86_400))
        let tls = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: certificate.derEncoded, format: .der))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: try key.pkcs8DER(), format: .der))))
        let reply: @Sendable (String) -> String = { [identity, signingTime] request in
            Self.answer(request, identity: identity, signingTime: signingTime)
        }
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let upgrader = NIOWebSocketServerUpgrader(
                    shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
                    upgradePipelineHandler: { channel, _ in channel.pipeline.addHandler(Responder(reply: reply)) })
                do { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
                return channel.pipeline.configureHTTPServerPipeline(withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
            }
            .bind(host: "127.0.0.1", port: port).wait()
    }

    func shutdown() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// The reply to one request: a CMS over the base64 `args.data`, or NCALayer's error shape.
    static func answer(_ request: String, identity: SigningIdentity, signingTime: Date) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.utf8)) as? [String: Any],
            object["module"] as? String == "kz.gov.pki.knca.basics", object["method"] as? String == "sign",
            let args = object["args"] as? [String: Any], let data = (args["data"] as? String).flatMap({ Data(base64Encoded: $0) }),
            let cms = try? CMSBuilder.sign(Array(data), detached: true, signers: [CMSSigner(identity: identity, signingTime: signingTime)])
        else {
            return #"{"status":false,"code":"500","message":"unsupported request"}"#
        }
        return #"{"status":true,"body":{"result":""# + Data(cms.derEncoded).base64EncodedString() + #""}}"#
    }

    private final class Responder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = WebSocketFrame
        typealias OutboundOut = WebSocketFrame
        let reply: @Sendable (String) -> String
        private var text = ""

        init(reply: @escaping @Sendable (String) -> String) { self.reply = reply }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            switch frame.opcode {
            case .text, .continuation:
                var payload = frame.unmaskedData
                text += payload.readString(length: payload.readableBytes) ?? ""
                guard frame.fin else { return }
                let answer = reply(text)
                text = ""
                let buffer = context.channel.allocator.buffer(string: answer)
                context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: buffer)), promise: nil)
            case .connectionClose:
                context.close(promise: nil)
            case .ping:
                context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.data)), promise: nil)
            default:
                break
            }
        }
    }
}

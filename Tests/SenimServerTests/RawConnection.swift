import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to the loopback server, for the tests an HTTP client cannot write: a request whose
/// body is still being sent when the answer must already be there, or a connection that sends nothing at all.
final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServerHarness.HarnessError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ServerHarness.HarnessError("connect() failed") }
    }

    deinit { close(socket) }

    /// Writes all of `bytes` unless the peer closed or reset the connection; false then.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            sent += written
        }
        return true
    }

    /// What arrives within `timeout` seconds until `until` is in it or the peer closes (nil: closed with nothing).
    func receive(until marker: String, timeout: TimeInterval) -> String? {
        var collected: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            collected += buffer[0..<count]
            if String(decoding: collected, as: UTF8.self).contains(marker) { break }
        }
        return collected.isEmpty ? nil : String(decoding: collected, as: UTF8.self)
    }

    /// Whether the peer closed the connection within `timeout` seconds (without sending anything).
    func closedByPeer(within timeout: TimeInterval) -> Bool {
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(socket, &byte, 1, 0) <= 0
    }
}

import COpenSSL

/// Drains OpenSSL's thread-local error queue into text, so a failure carries OpenSSL's own reason
/// and the queue does not leak into the next, unrelated call.
enum OpenSSLErrorQueue {
    static func drain() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no detail" : messages.joined(separator: "; ")
    }

    static func failure(_ operation: String) -> SenimCryptoError {
        .openSSL(operation: operation, detail: drain())
    }

    /// Clears stale errors (for calls whose failure is an expected outcome, such as a failed verify).
    static func clear() { ERR_clear_error() }
}

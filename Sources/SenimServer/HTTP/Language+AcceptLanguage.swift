import Foundation
import SenimEvidence

extension Language {
    /// The first supported language of an `Accept-Language` header by quality (RFC 9110 §12.5.4); `kz` is
    /// taken as Kazakh, as eGov mobile and many users write it. Russian when nothing matches.
    public init(acceptLanguage: String?) {
        guard let acceptLanguage else {
            self = .ru
            return
        }
        let ranked = acceptLanguage.split(separator: ",").enumerated().compactMap { position, item -> (String, Double, Int)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { return nil }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (String(tag.prefix { $0 != "-" }), quality, position)
        }.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }
        for (tag, quality, _) in ranked where quality > 0 {
            switch tag {
            case "ru":
                self = .ru
                return
            case "kk", "kz":
                self = .kk
                return
            case "en":
                self = .en
                return
            default: continue
            }
        }
        self = .ru
    }
}

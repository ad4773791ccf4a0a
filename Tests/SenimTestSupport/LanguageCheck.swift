import Foundation

/// Whether a text a user reads is all in one language: Russian, Kazakh or English. Shared by every test that
/// renders user-facing text (API refusals, pages, SMS, reports). What may stand in any language is removed
/// first: URLs, e-mail addresses, hex digests, base64 and other identifiers (anything with a digit, an
/// underscore, a dot or a slash inside), values quoted in «…» or “…” (what the user typed, a field's name),
/// the caller's own names (people, files, organisations), and the product names and acronyms that have no
/// translation (SMS, PDF, QR, JSON, XML, CMS, NCALayer, eGov…). What is left must use the language's alphabet
/// and none of the other languages' stop words; no text may say `nil` or name a Swift type or source file.
public enum LanguageCheck {
    public enum Language: String, Sendable, CaseIterable { case ru, kk, en }

    /// Words every language writes the same way.
    public static let shared: Set<String> = [
        "SMS", "PDF", "QR", "JSON", "XML", "CMS", "CAdES", "XAdES", "PAdES", "NCALayer", "eGov", "mobile", "Business", "Kalkan", "ISO",
        "RFC", "Base64", "Chromium", "DejaVu", "OpenSSL", "ZIP", "RSA", "ECDSA", "UTC", "IP", "EN", "API", "HTTPS",
        "Senimkey", "NCA", "ETSI", "HTML", "ASiC", "OCSP", "CRL", "TSA", "IUS", "CIVILE", "MB", "KB", "EDS", "BIN", "IIN", "OK",
    ]

    static let stopWords: [Language: Set<String>] = [
        .en: [
            "the", "is", "are", "of", "not", "and", "or", "to", "a", "an", "for", "with", "this", "that", "was", "be", "by", "in", "on",
            "no",
        ],
        .ru: ["и", "не", "в", "на", "для", "или", "что", "это", "по", "из", "от", "нет", "уже", "ещё", "только", "был", "была"],
        .kk: ["және", "емес", "үшін", "немесе", "бұл", "жоқ", "мен", "бар", "тек", "әлі"],
    ]

    /// What a person reads of an HTML page: the text between the tags, without styles and scripts, entities decoded
    /// as far as the pages use them. `dropping` removes whole elements too: the report sets machine text (digests,
    /// commands, certificate names, quoted verbatim and in no language) in `<code>`.
    public static func visibleText(ofHTML html: String, dropping elements: [String] = []) -> String {
        var text = html
        let dropped = elements.map { #"(?s)<\#($0)[ >].*?</\#($0)>"# }
        for pattern in dropped + [#"(?s)<style.*?</style>"#, #"(?s)<script.*?</script>"#, #"<[^>]*>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// The words of `text` that are not of `language` (empty: the text passes), after removing what may stand
    /// in any language and the caller's `names`.
    public static func foreignWords(in text: String, language: Language, names: [String] = []) -> [String] {
        var problems: [String] = []
        for marker in ["nil", "Optional(", "Error.", ".swift:", "SwiftASN1", "Swift."] where text.contains(marker) {
            problems.append(marker)
        }
        var stripped = text
        for name in names where !name.isEmpty { stripped = stripped.replacingOccurrences(of: name, with: " ") }
        for pattern in [#"https?://\S+"#, #"\S+@\S+"#, #"«[^»]*»"#, #"“[^”]*”"#, #""[^"]*""#, #"`[^`]*`"#] {
            stripped = stripped.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let tokens = stripped.components(
            separatedBy: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ",;:()[]{}!?—–«»\"'<>=+*|")))
        for raw in tokens {
            let token = raw.trimmingCharacters(in: CharacterSet(charactersIn: ".-…"))
            guard !token.isEmpty, token.rangeOfCharacter(from: .letters) != nil else { continue }
            // Identifiers, digests, paths, versions: anything with a digit, an underscore, a dot or a slash inside.
            if token.rangeOfCharacter(from: CharacterSet(charactersIn: "0123456789_./\\#&%$@~")) != nil { continue }
            let word = token.split(separator: "-").map(String.init)
            if word.allSatisfy({ shared.contains($0) }) { continue }
            for part in word where !shared.contains(part) {
                if let problem = problem(with: part, in: language) { problems.append(problem) }
            }
        }
        return problems
    }

    private static func problem(with word: String, in language: Language) -> String? {
        let lower = word.lowercased()
        let latin = word.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        let cyrillic = word.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
        let kazakhOnly = word.unicodeScalars.contains { "әғқңөұүһіӘҒҚҢӨҰҮҺІ".unicodeScalars.contains($0) }
        switch language {
        case .en:
            if cyrillic { return word }
        case .ru:
            if latin || kazakhOnly { return word }
        case .kk:
            if latin { return word }
        }
        for (other, words) in stopWords where other != language && words.contains(lower) {
            // Kazakh and Russian share the Cyrillic alphabet; a stop word of the other gives a mixed text away.
            if other == .en || language == .en || (other == .ru && language == .kk) || (other == .kk && language == .ru) { return word }
        }
        return nil
    }
}

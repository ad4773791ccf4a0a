/// The XML statement an XML signature of a document signs (eGov mobile's XML method, NCALayer `signXml`):
/// XML-DSig cannot sign a PDF itself, so the signer signs a statement naming the document's id, name and both
/// digests. One rule for the platform that asks for it and the verifier that checks it again: a signature is
/// of this document only when what it signed names this document's id and its SHA-256, so a signature made for
/// one document can never be presented for another.
public enum DocumentStatement {
    /// The statement for a document.
    public static func text(documentID: String, fileName: String, sha256: String, gost34311: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sign><document id=\"\(escaped(documentID))\" name=\"\(escaped(fileName))\" "
            + "sha256=\"\(sha256)\" gost34311=\"\(gost34311)\"/></sign>"
    }

    /// Whether one of the signed (canonical) octet strings names the document: its SHA-256 and, when the
    /// document's id is known, that id, both as attributes of one `document` element.
    public static func names(_ signedOctets: [[UInt8]], documentID: String?, sha256: String) -> Bool {
        signedOctets.contains { octets in
            let text = String(decoding: octets, as: UTF8.self)
            return text.split(separator: "<").contains { element in
                let lower = element.lowercased()
                return lower.hasPrefix("document ") && lower.contains(" sha256=\"\(sha256.lowercased())\"")
                    && (documentID.map { element.contains(" id=\"\(escaped($0))\"") } ?? true)
            }
        }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: "\"", with: "&quot;")
    }
}

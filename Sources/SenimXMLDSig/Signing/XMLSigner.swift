import Foundation
import SenimCrypto
import SenimPKI

/// Makes enveloped XML-DSig signatures in the exact shape Kalkan / NCALayer `signXml` produce (docs/kazakh-eds.md §2):
/// `ds:Signature` appended as the last child of the document element, inclusive C14N for SignedInfo, one
/// `Reference URI=""` with enveloped-signature then C14N #WithComments, the signer certificate in
/// X509Data, base64 in 76-character lines ended by `&#13;` as Java writes them, and the KZ URIs for GOST.
/// Signing an already signed document adds a co-signature over it (Kalkan multi-signing).
public struct XMLSigner: Sendable {
    public let identity: SigningIdentity

    public init(identity: SigningIdentity) { self.identity = identity }

    private var algorithm: SignatureAlgorithm { identity.algorithm }
    private var certificate: Certificate { identity.certificate }

    /// The digest the Reference uses: the signature's own (SHA-256 for Ed25519, which has none).
    var digestAlgorithm: DigestAlgorithm { algorithm.digestAlgorithm ?? .sha256 }

    public func signEnveloped(_ input: [UInt8]) throws(XMLDSigError) -> [UInt8] {
        guard let signatureMethod = algorithm.xmlSignatureMethodURI else { throw .unsupportedAlgorithm("no XML-DSig URI for \(algorithm)") }
        let original = try XMLDocument(bytes: input)
        var bytes = original.bytes
        if !bytes.starts(with: Array("<?xml".utf8)) {
            bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>".utf8) + bytes
        }
        // URI="" is the document without comments; the signature is not there yet, so the enveloped transform
        // removes nothing, and earlier signatures stay covered.
        let digest = digestAlgorithm.hash(
            try Canonicalizer.canonicalize(original, NodeSelection(root: nil, excludeComments: true), method: .inclusive10WithComments))

        let placeholder = "SENIMKEY-SIGNATURE-VALUE-\(UUID().uuidString)"
        let signature = """
            <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
            <ds:SignedInfo>
            <ds:CanonicalizationMethod Algorithm="\(CanonicalizationMethod.inclusive10.rawValue)"/>
            <ds:SignatureMethod Algorithm="\(signatureMethod)"/>
            <ds:Reference URI="">
            <ds:Transforms>
            <ds:Transform Algorithm="\(XMLTransform.envelopedURI)"/>
            <ds:Transform Algorithm="\(CanonicalizationMethod.inclusive10WithComments.rawValue)"/>
            </ds:Transforms>
            <ds:DigestMethod Algorithm="\(digestAlgorithm.xmlDigestMethodURI)"/>
            <ds:DigestValue>\(Data(digest).base64EncodedString())</ds:DigestValue>
            </ds:Reference>
            </ds:SignedInfo>
            <ds:SignatureValue>
            \(placeholder)
            </ds:SignatureValue>
            <ds:KeyInfo>
            <ds:X509Data>
            <ds:X509Certificate>
            \(Self.javaBase64(certificate.derEncoded))
            </ds:X509Certificate>
            </ds:X509Data>
            </ds:KeyInfo>
            </ds:Signature>
            """
        let withSignature = try Self.insertBeforeRootEnd(Array(signature.utf8), into: bytes)

        // SignedInfo is canonicalised in its final context (it inherits the root's namespaces under inclusive C14N).
        let placed = try XMLDocument(bytes: withSignature)
        guard let element = placed.root.children("Signature", XMLNamespace.dsig).last,
            let signedInfo = element.child("SignedInfo", XMLNamespace.dsig)
        else { throw .signingFailed("the inserted signature was not found") }
        let canonical = try Canonicalizer.canonicalize(
            placed, NodeSelection(root: signedInfo, excludeComments: false), method: .inclusive10)
        let value: [UInt8]
        do {
            let raw = try identity.privateKey.signature(for: canonical, algorithm: algorithm)
            let bits = (try? certificate.publicKey.keySizeInBits) ?? 256
            value = XMLSignatureValueEncoding.xmlForm(raw, algorithm: algorithm, fieldBytes: (bits + 7) / 8)
        } catch {
            throw .signingFailed("\(DecodingErrorText.sentence(error))")
        }
        let text = String(decoding: withSignature, as: UTF8.self).replacingOccurrences(of: placeholder, with: Self.javaBase64(value))
        return Array(text.utf8)
    }

    /// Base64 as `java.util.Base64.getMimeEncoder()` writes it into Kalkan XML: 76-character lines separated by
    /// CRLF, the CR escaped as `&#13;` by the serializer.
    static func javaBase64(_ bytes: [UInt8]) -> String {
        let text = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(text[index..<end])
            index = end
        }
        return lines.joined(separator: "&#13;\n")
    }

    /// Inserts `fragment` as the last child of the document element: before its end tag, or by opening an
    /// empty-element tag (`<a/>` → `<a>…</a>`).
    static func insertBeforeRootEnd(_ fragment: [UInt8], into bytes: [UInt8]) throws(XMLDSigError) -> [UInt8] {
        // Skip trailing whitespace, comments and processing instructions after the root element.
        var end = bytes.count
        while end > 0 {
            let trimmed = bytes[..<end]
            if let last = trimmed.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) {
                end -= 1
                continue
            }
            if trimmed.suffix(3).elementsEqual(Array("-->".utf8)), let start = trimmed.lastRange(of: Array("<!--".utf8)) {
                end = start.lowerBound
                continue
            }
            if trimmed.suffix(2).elementsEqual(Array("?>".utf8)), let start = trimmed.lastRange(of: Array("<?".utf8)), start.lowerBound > 0
            {
                end = start.lowerBound
                continue
            }
            break
        }
        guard end >= 2, bytes[end - 1] == 0x3E else { throw .signingFailed("cannot find the end of the document element") }
        if bytes[end - 2] == 0x2F { // "/>": an empty root element
            guard let open = bytes[..<end].lastIndex(of: 0x3C) else { throw .signingFailed("malformed empty root element") }
            let name = bytes[(open + 1)..<(end - 2)].prefix { ![0x20, 0x09, 0x0A, 0x0D, 0x2F].contains($0) }
            let head = Array(bytes[..<(end - 2)]).reversed().drop(while: { [0x20, 0x09, 0x0A, 0x0D].contains($0) }).reversed()
            return Array(head) + [0x3E] + fragment + Array("</".utf8) + Array(name) + [0x3E] + Array(bytes[end...])
        }
        guard let close = bytes[..<end].lastRange(of: Array("</".utf8)) else {
            throw .signingFailed("cannot find the document element's end tag")
        }
        return Array(bytes[..<close.lowerBound]) + fragment + Array(bytes[close.lowerBound...])
    }
}

extension ArraySlice where Element == UInt8 {
    func lastRange(of pattern: [UInt8]) -> Range<Int>? {
        guard pattern.count <= count else { return nil }
        var start = endIndex - pattern.count
        while start >= startIndex {
            if self[start..<(start + pattern.count)].elementsEqual(pattern) { return start..<(start + pattern.count) }
            start -= 1
        }
        return nil
    }
}

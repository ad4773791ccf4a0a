import CLibXML2
import Foundation
import SenimCrypto

/// XML-DSig namespaces (W3C XML-DSig 1.0/1.1, exclusive C14N).
enum XMLNamespace {
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    static let dsig11 = "http://www.w3.org/2009/xmldsig11#"
    static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
}

/// One `Transform` of a Reference: the allowed ones, parsed; anything else kept as its URI to be refused.
enum XMLTransform: Equatable {
    case envelopedSignature
    case canonicalization(CanonicalizationMethod, inclusivePrefixes: [String])
    /// The one XPath filter accepted: `not(ancestor-or-self::P:Signature)` with P bound to the XML-DSig
    /// namespace, the interop suites' way of saying "without any signature". It is applied as exactly that,
    /// never evaluated as XPath.
    case excludeAllSignatures
    case refused(String)

    static let envelopedURI = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    static let xpathURI = "http://www.w3.org/TR/1999/REC-xpath-19991116"

    init(_ element: XMLElement) {
        let algorithm = element.attribute("Algorithm") ?? ""
        if algorithm == Self.envelopedURI {
            self = .envelopedSignature
        } else if let method = CanonicalizationMethod(rawValue: algorithm) {
            let prefixes =
                element.child("InclusiveNamespaces", XMLNamespace.exclusiveC14N)?.attribute("PrefixList")?
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) ?? []
            self = .canonicalization(method, inclusivePrefixes: prefixes)
        } else if algorithm == Self.xpathURI, let xpath = element.child("XPath", XMLNamespace.dsig), Self.isExcludeSignatures(xpath) {
            self = .excludeAllSignatures
        } else {
            self = .refused(algorithm.isEmpty ? "a Transform without Algorithm" : algorithm)
        }
    }

    private static func isExcludeSignatures(_ xpath: XMLElement) -> Bool {
        let expression = xpath.text.filter { !$0.isWhitespace }
        guard expression.hasPrefix("not(ancestor-or-self::"), expression.hasSuffix(":Signature)") else { return false }
        let prefix = String(expression.dropFirst("not(ancestor-or-self::".count).dropLast(":Signature)".count))
        guard !prefix.isEmpty, !prefix.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "-" }) else { return false }
        return xpath.namespaceURI(forPrefix: prefix) == XMLNamespace.dsig
    }
}

/// A parsed `ds:Reference`.
struct XMLReference {
    let element: XMLElement
    let uri: String?
    let id: String?
    let transforms: [XMLTransform]
    let digestMethodURI: String
    let digestValue: [UInt8]
}

/// Where the signer's key comes from (`ds:KeyInfo`).
struct XMLKeyInfo {
    var certificates: [[UInt8]] = []
    var issuerSerials: [(issuer: String, serial: String)] = []
    var subjectNames: [String] = []
    var subjectKeyIdentifiers: [[UInt8]] = []
    /// dsig11:X509Digest (algorithm URI, digest).
    var certificateDigests: [(String, [UInt8])] = []
    var keyNames: [String] = []
    /// ds:KeyValue/RSAKeyValue (modulus, exponent).
    var rsaKeyValue: (modulus: [UInt8], exponent: [UInt8])?
}

/// A parsed `ds:Signature` element.
struct XMLSignatureElement {
    let element: XMLElement
    let signedInfo: XMLElement
    let canonicalization: CanonicalizationMethod
    let canonicalizationPrefixes: [String]
    let signatureMethodURI: String
    let references: [XMLReference]
    let signatureValue: [UInt8]
    let keyInfo: XMLKeyInfo

    init(_ element: XMLElement) throws(XMLDSigError) {
        let ds = XMLNamespace.dsig
        self.element = element
        let signedInfos = element.children("SignedInfo", ds)
        guard signedInfos.count == 1, let signedInfo = signedInfos.first else {
            throw .malformedSignature("a Signature needs exactly one SignedInfo")
        }
        self.signedInfo = signedInfo
        guard let c14n = signedInfo.child("CanonicalizationMethod", ds), let c14nURI = c14n.attribute("Algorithm") else {
            throw .malformedSignature("SignedInfo without CanonicalizationMethod")
        }
        guard let method = CanonicalizationMethod(rawValue: c14nURI) else {
            throw .unsupportedAlgorithm("CanonicalizationMethod \(c14nURI)")
        }
        canonicalization = method
        canonicalizationPrefixes =
            c14n.child("InclusiveNamespaces", XMLNamespace.exclusiveC14N)?.attribute("PrefixList")?
            .split(separator: " ").map(String.init) ?? []
        guard let signatureMethod = signedInfo.child("SignatureMethod", ds)?.attribute("Algorithm") else {
            throw .malformedSignature("SignedInfo without SignatureMethod")
        }
        signatureMethodURI = signatureMethod
        references = try signedInfo.children("Reference", ds).map { reference throws(XMLDSigError) -> XMLReference in
            guard let digestMethod = reference.child("DigestMethod", ds)?.attribute("Algorithm") else {
                throw .malformedSignature("Reference without DigestMethod")
            }
            guard let digest = reference.child("DigestValue", ds)?.base64Bytes else {
                throw .malformedSignature("Reference without a base64 DigestValue")
            }
            let transforms = reference.child("Transforms", ds)?.children("Transform", ds).map(XMLTransform.init) ?? []
            return XMLReference(
                element: reference, uri: reference.attribute("URI"), id: reference.attribute("Id"),
                transforms: transforms, digestMethodURI: digestMethod, digestValue: digest)
        }
        guard !references.isEmpty else { throw .malformedSignature("SignedInfo without a Reference") }
        let values = element.children("SignatureValue", ds)
        guard values.count == 1, let value = values[0].base64Bytes, !value.isEmpty else {
            throw .malformedSignature("a Signature needs exactly one base64 SignatureValue")
        }
        signatureValue = value

        var keyInfo = XMLKeyInfo()
        if let info = element.child("KeyInfo", ds) {
            for data in info.children("X509Data", ds) {
                for child in data.childElements {
                    switch (child.namespaceURI, child.localName) {
                    case (ds, "X509Certificate"): if let der = child.base64Bytes { keyInfo.certificates.append(der) }
                    case (ds, "X509IssuerSerial"):
                        keyInfo.issuerSerials.append(
                            (child.child("X509IssuerName", ds)?.text ?? "", child.child("X509SerialNumber", ds)?.text ?? ""))
                    case (ds, "X509SubjectName"): keyInfo.subjectNames.append(child.text)
                    case (ds, "X509SKI"): if let ski = child.base64Bytes { keyInfo.subjectKeyIdentifiers.append(ski) }
                    case (XMLNamespace.dsig11, "X509Digest"):
                        if let digest = child.base64Bytes {
                            keyInfo.certificateDigests.append((child.attribute("Algorithm") ?? "", digest))
                        }
                    default: break
                    }
                }
            }
            keyInfo.keyNames = info.children("KeyName", ds).map(\.text)
            if let rsa = info.child("KeyValue", ds)?.child("RSAKeyValue", ds),
                let modulus = rsa.child("Modulus", ds)?.base64Bytes, let exponent = rsa.child("Exponent", ds)?.base64Bytes
            {
                keyInfo.rsaKeyValue = (modulus, exponent)
            }
        }
        self.keyInfo = keyInfo
    }
}

extension XMLElement {
    /// The namespace URI a prefix is bound to in this element's scope.
    func namespaceURI(forPrefix prefix: String) -> String? {
        guard let ns = xmlSearchNs(node.pointee.doc, node, prefix) else { return nil }
        return ns.pointee.href.map { String(cString: $0) }
    }
}

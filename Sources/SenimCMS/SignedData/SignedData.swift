import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// A CMS `ContentInfo` holding `SignedData` (RFC 5652 §5), from DER or BER (NCALayer and Kalkan output), PEM
/// or bare base64: attached or detached content, any number of signers, embedded certificates, CRLs and
/// OCSP responses (RFC 5940).
public struct SignedData: Sendable {
    public let version: Int
    public let digestAlgorithms: [AlgorithmIdentifier]
    public let encapsulatedContentType: ASN1ObjectIdentifier
    /// The eContent octets of an attached signature; nil for a detached one.
    public let encapsulatedContent: [UInt8]?
    public let certificates: [Certificate]
    public let revocationLists: [CertificateRevocationList]
    public let ocspResponses: [OCSPResponse]
    public let signerInfos: [SignerInfo]
    /// Each `CertificateChoices` and each `RevocationInfoChoice` element as received, in order: what an
    /// ats-hash-index (EN 319 122-1 §5.5.2) hashes one by one.
    public let certificateChoicesEncodings: [[UInt8]]
    public let revocationInfoChoicesEncodings: [[UInt8]]
    /// The ContentInfo as received.
    public let derEncoded: [UInt8]
    /// version, digestAlgorithms, encapContentInfo, certificates, crls as received.
    let fieldsBeforeSignerInfos: [UInt8]
    /// Zero octets after the ContentInfo that were ignored (some tools pad files to a block size); the report
    /// carries a warning. Any other trailing data is a format failure.
    public private(set) var trailingZeroPadding = 0

    /// Inputs larger than this are refused before parsing (a CMS holds at most its attached content).
    public static let maximumInputSize = 256 << 20

    public init(bytes input: [UInt8]) throws(CMSError) {
        guard input.count <= Self.maximumInputSize else {
            throw .malformed("input of \(input.count) bytes exceeds the \(Self.maximumInputSize)-byte limit")
        }
        let der: [UInt8]
        do { der = try DERInput.decode(input, pemLabels: ["CMS", "PKCS7", "SIGNED DATA"]) } catch {
            throw .malformed(error.description)
        }
        do {
            let (root, padding) = try Self.parseAllowingZeroPadding(der)
            try self.init(node: root)
            trailingZeroPadding = padding
        } catch let error as CMSError {
            throw error
        } catch {
            throw .malformed("\(DecodingErrorText.sentence(error))")
        }
    }

    /// The ContentInfo, and how many trailing zero octets followed it. The zeros after a definite-length
    /// element are counted from its header; after an indefinite-length one the end-of-contents octets are
    /// zeros too, so the shortest parseable prefix (in steps of two octets) is taken.
    static func parseAllowingZeroPadding(_ der: [UInt8]) throws -> (ASN1Node, Int) {
        do { return (try BER.parse(der), 0) } catch let original {
            let zeros = der.reversed().prefix { $0 == 0 }.count
            guard zeros > 0, zeros < der.count else { throw original }
            if let length = definiteLength(der), length < der.count, der[length...].allSatisfy({ $0 == 0 }) {
                return (try BER.parse(Array(der[..<length])), der.count - length)
            }
            var end = der.count - zeros
            while end <= der.count, end - (der.count - zeros) <= 64 {
                if let node = try? BER.parse(Array(der[..<end])) { return (node, der.count - end) }
                end += 1
            }
            throw original
        }
    }

    /// Header plus content length of the first element when its length is definite.
    private static func definiteLength(_ der: [UInt8]) -> Int? {
        guard der.count >= 2, der[0] & 0x1f != 0x1f else { return nil }
        let first = Int(der[1])
        if first < 0x80 { return 2 + first }
        let count = first & 0x7f
        guard count > 0, count <= 4, der.count >= 2 + count else { return nil }
        var length = 0
        for byte in der[2..<(2 + count)] { length = length << 8 | Int(byte) }
        return 2 + count + length
    }

    init(node root: ASN1Node) throws {
        var top = try BERReading.children(root, .sequence, "ContentInfo").makeIterator()
        guard let typeNode = top.next() else { throw ASN1Error.invalidASN1Object(reason: "ContentInfo without contentType") }
        let type = try ASN1ObjectIdentifier(berEncoded: typeNode)
        guard type == .CMS.signedData else { throw CMSError.notSignedData(type.description) }
        guard let wrapper = top.next(), top.next() == nil else {
            throw ASN1Error.invalidASN1Object(reason: "ContentInfo without [0] content")
        }
        var wrapped = try BERReading.children(wrapper, BERReading.tag(0), "ContentInfo content").makeIterator()
        guard let signedDataNode = wrapped.next(), wrapped.next() == nil else {
            throw ASN1Error.invalidASN1Object(reason: "empty [0] content")
        }

        var nodes = try BERReading.children(signedDataNode, .sequence, "SignedData").makeIterator()
        func next(_ what: String) throws -> ASN1Node {
            guard let node = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignedData without \(what)") }
            return node
        }
        var fields: [UInt8] = []
        let versionNode = try next("version")
        version = try Int(berEncoded: versionNode)
        guard (1...5).contains(version) else { throw ASN1Error.invalidASN1Object(reason: "SignedData version \(version)") }
        let digestSet = try next("digestAlgorithms")
        digestAlgorithms = try BERReading.children(digestSet, .set, "digestAlgorithms").map { try AlgorithmIdentifier(berEncoded: $0) }
        let encapNode = try next("encapContentInfo")
        var encap = try BERReading.children(encapNode, .sequence, "EncapsulatedContentInfo").makeIterator()
        guard let encapType = encap.next() else { throw ASN1Error.invalidASN1Object(reason: "no eContentType") }
        encapsulatedContentType = try ASN1ObjectIdentifier(berEncoded: encapType)
        if let explicit = encap.next() {
            var inner = try BERReading.children(explicit, BERReading.tag(0), "eContent").makeIterator()
            guard let octets = inner.next(), inner.next() == nil, encap.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "malformed eContent")
            }
            guard octets.identifier == .octetString else { throw ASN1Error.unexpectedFieldType(octets.identifier) }
            encapsulatedContent = try BERReading.octets(octets)
        } else {
            encapsulatedContent = nil
        }
        fields = Array(versionNode.encodedBytes) + Array(digestSet.encodedBytes) + Array(encapNode.encodedBytes)

        var certificates: [Certificate] = []
        var lists: [CertificateRevocationList] = []
        var responses: [OCSPResponse] = []
        var certificateChoices: [[UInt8]] = []
        var revocationChoices: [[UInt8]] = []
        var current = try next("signerInfos")
        if current.identifier == BERReading.tag(0) {
            // CertificateChoices: X.509 certificates (SEQUENCE); attribute and other certificates are skipped.
            for item in try BERReading.children(current, BERReading.tag(0), "certificates") {
                certificateChoices.append(Array(item.encodedBytes))
                guard item.identifier == .sequence else { continue }
                do { certificates.append(try Certificate(derEncoded: Array(item.encodedBytes))) } catch {
                    throw CMSError.malformed("embedded certificate: \(DecodingErrorText.sentence(error))")
                }
            }
            fields += Array(current.encodedBytes)
            current = try next("signerInfos")
        }
        if current.identifier == BERReading.tag(1) {
            for item in try BERReading.children(current, BERReading.tag(1), "crls") {
                revocationChoices.append(Array(item.encodedBytes))
                if item.identifier == .sequence {
                    do { lists.append(try CertificateRevocationList(bytes: Array(item.encodedBytes))) } catch {
                        throw CMSError.malformed("embedded CRL: \(DecodingErrorText.sentence(error))")
                    }
                } else if item.identifier == BERReading.tag(1) {
                    // OtherRevocationInfoFormat ::= SEQUENCE { otherRevInfoFormat OID, otherRevInfo ANY } ([1] IMPLICIT)
                    var other = try BERReading.children(item, BERReading.tag(1), "OtherRevocationInfoFormat").makeIterator()
                    guard let formatNode = other.next(), let value = other.next() else {
                        throw ASN1Error.invalidASN1Object(reason: "empty OtherRevocationInfoFormat")
                    }
                    let format = try ASN1ObjectIdentifier(berEncoded: formatNode)
                    // id-ri-ocsp-response (RFC 5940 §3) holds an OCSPResponse; some producers (EU DSS) put a
                    // BasicOCSPResponse under id-pkix-ocsp-basic instead, which is read the same way.
                    if format == .CMS.ocspRevocationInfo || format == .CMS.ocspBasic {
                        do {
                            let bytes = Array(value.encodedBytes)
                            let response = format == .CMS.ocspBasic ? try LongTermValidationValues.wrapping(basic: bytes) : bytes
                            responses.append(try OCSPResponse(derEncoded: response))
                        } catch {
                            throw CMSError.malformed("embedded OCSP response: \(DecodingErrorText.sentence(error))")
                        }
                    }
                }
            }
            fields += Array(current.encodedBytes)
            current = try next("signerInfos")
        }
        signerInfos = try BERReading.children(current, .set, "signerInfos").map(SignerInfo.init)
        guard nodes.next() == nil else { throw ASN1Error.invalidASN1Object(reason: "trailing fields in SignedData") }
        self.certificates = certificates
        self.revocationLists = lists
        self.ocspResponses = responses
        certificateChoicesEncodings = certificateChoices
        revocationInfoChoicesEncodings = revocationChoices
        fieldsBeforeSignerInfos = fields
        derEncoded = Array(root.encodedBytes)
    }

    public var isDetached: Bool { encapsulatedContent == nil }

    /// This SignedData with one SignerInfo replaced (after adding a timestamp or a countersignature to it),
    /// every other byte as received.
    public func replacingSignerInfo(at index: Int, with signerInfo: SignerInfo) throws(CMSError) -> SignedData {
        guard signerInfos.indices.contains(index) else { throw .malformed("no SignerInfo #\(index + 1)") }
        var infos = signerInfos.map(\.derEncoded)
        infos[index] = signerInfo.derEncoded
        return try SignedData.assemble(fields: fieldsBeforeSignerInfos, signerInfos: infos)
    }

    static func assemble(fields: [UInt8], signerInfos: [[UInt8]]) throws(CMSError) -> SignedData {
        let signedData = DERWriter.sequence([fields, DERWriter.tlv(0x31, signerInfos.flatMap { $0 })])
        let contentInfo = DERWriter.sequence([
            (try? DERWriter.encode(ASN1ObjectIdentifier.CMS.signedData)) ?? [], DERWriter.contextConstructed(0, signedData),
        ])
        return try SignedData(bytes: contentInfo)
    }
}

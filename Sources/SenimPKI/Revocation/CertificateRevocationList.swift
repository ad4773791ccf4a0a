import Foundation
import SenimCrypto
import SwiftASN1

/// An X.509 v1/v2 CRL (RFC 5280 §5), keeping the exact TBSCertList bytes the signature covers.
///
/// Entries are indexed by serial number after parsing, so a lookup is O(1) however long the list is.
public struct CertificateRevocationList: Sendable {
    public struct Entry: Sendable, Hashable {
        public let serialNumber: [UInt8]
        public let revocationDate: Date
        public let reason: RevocationReason?
        public let invalidityDate: Date?
    }

    public let derEncoded: [UInt8]
    public let tbsBytes: [UInt8]
    public let version: Int
    public let issuer: DistinguishedName
    public let thisUpdate: Date
    public let nextUpdate: Date?
    public let entries: [Entry]
    public let crlNumber: [UInt8]?
    /// RFC 5280 §5.2.3: the CRL number MUST be marked non-critical.
    public let crlNumberIsCritical: Bool
    /// Present on a delta CRL: the number of its base CRL (RFC 5280 §5.2.4).
    public let deltaCRLIndicator: [UInt8]?
    public let authorityKeyIdentifier: [UInt8]?
    /// True when the CRL has an issuingDistributionPoint extension (scope must then be checked).
    public let hasIssuingDistributionPoint: Bool
    public let signatureAlgorithm: AlgorithmIdentifier
    public let signature: [UInt8]
    private let index: [[UInt8]: Int]

    private enum OID {
        static let crlNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
        static let reasonCode: ASN1ObjectIdentifier = [2, 5, 29, 21]
        static let invalidityDate: ASN1ObjectIdentifier = [2, 5, 29, 24]
        static let deltaCRLIndicator: ASN1ObjectIdentifier = [2, 5, 29, 27]
        static let issuingDistributionPoint: ASN1ObjectIdentifier = [2, 5, 29, 28]
        static let certificateIssuer: ASN1ObjectIdentifier = [2, 5, 29, 29]
        static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
    }

    public init(bytes: [UInt8]) throws(PKIError) {
        let der = try DERInput.decode(bytes, pemLabels: ["X509 CRL"])
        do {
            // The outer structure and TBSCertList are walked with a DER cursor, so the (possibly huge) list of
            // revoked certificates is never turned into a node tree; the small fields use swift-asn1 as usual.
            var outer = DERCursor(der, range: 0..<der.count)
            guard let list = try outer.next(), list.tag == 0x30, outer.isAtEnd else { throw ASN1Error.invalidASN1Object(reason: "not a CertificateList SEQUENCE") }
            var parts = DERCursor(der, range: list.content)
            guard let tbs = try parts.next(), tbs.tag == 0x30, let algorithmElement = try parts.next(), let signatureElement = try parts.next(), parts.isAtEnd
            else { throw ASN1Error.invalidASN1Object(reason: "CertificateList is not { TBSCertList, signatureAlgorithm, signature }") }
            derEncoded = Array(der[list.whole])
            tbsBytes = Array(der[tbs.whole])
            signatureAlgorithm = try AlgorithmIdentifier(derEncoded: Array(der[algorithmElement.whole]))
            signature = Array(try ASN1BitString(derEncoded: Array(der[signatureElement.whole])).bytes)

            var fields = DERCursor(der, range: tbs.content)
            var version = 1
            if let first = try fields.peek(), first.tag == 0x02 {
                _ = try fields.next()
                version = try Int(derEncoded: Array(der[first.whole])) + 1
                guard version == 2 else { throw ASN1Error.invalidASN1Object(reason: "CRL version \(version)") }
            }
            guard let innerAlgorithm = try fields.next(), let issuerElement = try fields.next(), let thisUpdateElement = try fields.next() else {
                throw ASN1Error.invalidASN1Object(reason: "incomplete TBSCertList")
            }
            _ = try AlgorithmIdentifier(derEncoded: Array(der[innerAlgorithm.whole]))
            self.version = version
            issuer = try DistinguishedName(derEncoded: Array(der[issuerElement.whole]))
            thisUpdate = try ASN1Time.date(from: try DER.parse(Array(der[thisUpdateElement.whole])))
            var nextUpdate: Date?
            var entries: [Entry] = []
            var extensions: [CertificateExtension] = []
            var stage = 0  // 0: nextUpdate allowed, 1: entries allowed, 2: extensions allowed, 3: done
            while let element = try fields.next() {
                switch element.tag {
                case 0x17, 0x18 where stage == 0:
                    nextUpdate = try ASN1Time.date(from: try DER.parse(Array(der[element.whole])))
                    stage = 1
                case 0x30 where stage <= 1:
                    entries = try Self.entries(der, range: element.content)
                    stage = 2
                case 0xa0 where stage <= 2:
                    extensions = try DER.explicitlyTagged(try DER.parse(Array(der[element.whole])), tagNumber: 0, tagClass: .contextSpecific) { inner in
                        try DER.sequence(of: ASN1Node.self, identifier: .sequence, rootNode: inner).map(CertificateExtension.init)
                    }
                    stage = 3
                default:
                    throw ASN1Error.invalidASN1Object(reason: "unexpected field (tag \(element.tag)) in TBSCertList")
                }
            }
            self.nextUpdate = nextUpdate
            self.entries = entries
            let crlExtensions = try CertificateExtensions(extensions)
            crlNumber = try crlExtensions[OID.crlNumber].map { Array(try ArraySlice<UInt8>(derEncoded: $0.value)) }
            crlNumberIsCritical = crlExtensions[OID.crlNumber]?.critical ?? false
            deltaCRLIndicator = try crlExtensions[OID.deltaCRLIndicator].map { Array(try ArraySlice<UInt8>(derEncoded: $0.value)) }
            authorityKeyIdentifier = try crlExtensions.authorityKeyIdentifier?.keyIdentifier
            hasIssuingDistributionPoint = crlExtensions[OID.issuingDistributionPoint] != nil
            var index: [[UInt8]: Int] = [:]
            index.reserveCapacity(entries.count)
            for (position, entry) in entries.enumerated() { index[entry.serialNumber] = position }
            self.index = index
        } catch let error as PKIError {
            throw error
        } catch {
            throw .malformedEncoding(what: "CRL", reason: "\(error)")
        }
    }

    /// The revokedCertificates list. Plain entries (serial, time) are read straight from the bytes; an entry with
    /// extensions goes through the swift-asn1 path, which is exact and only costs where there is something to read.
    private static func entries(_ der: [UInt8], range: Range<Int>) throws -> [Entry] {
        var cursor = DERCursor(der, range: range)
        var entries: [Entry] = []
        while let entry = try cursor.next() {
            guard entry.tag == 0x30 else { throw ASN1Error.invalidASN1Object(reason: "CRL entry is not a SEQUENCE") }
            var fields = DERCursor(der, range: entry.content)
            guard let serial = try fields.next(), serial.tag == 0x02, let time = try fields.next() else {
                throw ASN1Error.invalidASN1Object(reason: "CRL entry without serial and date")
            }
            if !fields.isAtEnd {
                entries.append(try Self.entry(try DER.parse(Array(der[entry.whole]))))
                continue
            }
            entries.append(Entry(serialNumber: try unsignedInteger(der[serial.content]),
                                 revocationDate: try ASN1Time.date(from: try DER.parse(Array(der[time.whole]))),
                                 reason: nil, invalidityDate: nil))
        }
        return entries
    }

    /// DER INTEGER contents as an unsigned magnitude, as swift-asn1's unsigned ArraySlice gives it: minimal
    /// encoding required, a negative value rejected, the 0x00 sign octet dropped.
    private static func unsignedInteger(_ content: ArraySlice<UInt8>) throws -> [UInt8] {
        guard let first = content.first else { throw ASN1Error.invalidASN1Object(reason: "empty INTEGER") }
        if content.count > 1, let second = content.dropFirst().first {
            if first == 0x00 && second & 0x80 == 0 { throw ASN1Error.invalidASN1Object(reason: "non-minimal INTEGER") }
            if first == 0xff && second & 0x80 != 0 { throw ASN1Error.invalidASN1Object(reason: "non-minimal INTEGER") }
        }
        guard first & 0x80 == 0 else { throw ASN1Error.invalidASN1Object(reason: "negative serial number") }
        return first == 0x00 && content.count > 1 ? Array(content.dropFirst()) : Array(content)
    }

    /// `revokedCertificates` element: `SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL }`.
    private static func entry(_ node: ASN1Node) throws -> Entry {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let serial: ArraySlice<UInt8> = try ArraySlice(derEncoded: &nodes)
            guard let dateNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "entry without date") }
            let date = try ASN1Time.date(from: dateNode)
            var reason: RevocationReason?, invalidity: Date?
            if let extensionsNode = nodes.next() {
                // Walked directly rather than through CertificateExtensions: a CRL can hold 100,000 entries,
                // and per-entry containers dominated the parse time.
                guard case .constructed(let items) = extensionsNode.content else { throw ASN1Error.unexpectedFieldType(extensionsNode.identifier) }
                var seen: [ASN1ObjectIdentifier] = []
                for node in items {
                    let item = try CertificateExtension(derEncoded: node)
                    if seen.contains(item.oid) { throw ASN1Error.invalidASN1Object(reason: "duplicate CRL entry extension \(item.oid)") }
                    seen.append(item.oid)
                    switch item.oid {
                    case OID.reasonCode:
                        // CRLReason ::= ENUMERATED (universal tag 10)
                        let code = try Int(derEncoded: try DER.parse(item.value), withIdentifier: ASN1Identifier(tagWithNumber: 10, tagClass: .universal))
                        guard let known = RevocationReason(rawValue: code) else { throw ASN1Error.invalidASN1Object(reason: "unknown CRL reason") }
                        reason = known
                    case OID.invalidityDate:
                        invalidity = try ASN1Time.date(from: try DER.parse(item.value))
                    case OID.certificateIssuer:
                        // Indirect CRLs change which CA an entry speaks for; NCA does not issue them, so refuse
                        // rather than misattribute an entry.
                        throw ASN1Error.invalidASN1Object(reason: "indirect CRL entries are not supported")
                    default:
                        if item.critical { throw ASN1Error.invalidASN1Object(reason: "unknown critical CRL entry extension \(item.oid)") }
                    }
                }
            }
            return Entry(serialNumber: Array(serial), revocationDate: date, reason: reason, invalidityDate: invalidity)
        }
    }

    /// The entry for a certificate serial (DER INTEGER contents), in O(1).
    public func entry(forSerial serial: [UInt8]) -> Entry? { index[serial].map { entries[$0] } }

    public var isDelta: Bool { deltaCRLIndicator != nil }

    public func isSignatureValid(issuerKey: PublicKey) throws(PKIError) -> Bool {
        do {
            return try issuerKey.isValidSignature(signature, for: tbsBytes, algorithm: try SignatureAlgorithm(algorithmIdentifier: signatureAlgorithm))
        } catch {
            throw .crypto(error)
        }
    }
}

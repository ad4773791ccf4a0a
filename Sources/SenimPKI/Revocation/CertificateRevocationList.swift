import Foundation
import SenimCrypto
import SwiftASN1

/// An X.509 v1/v2 CRL (RFC 5280 §5), keeping the exact TBSCertList bytes the signature covers.
///
/// Entries are indexed by serial number after parsing, so a lookup is O(1) however long the list is.
public struct CertificateRevocationList: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The serial's magnitude (DER contents without the 0x00 sign octet), or for a negative serial the DER
        /// contents as encoded (see ``serialIsNegative``), like ``Certificate/serialNumber``.
        public let serialNumber: [UInt8]
        public let revocationDate: Date
        public let reason: RevocationReason?
        public let invalidityDate: Date?
        /// The certificateIssuer entry extension (RFC 5280 §5.3.3), carried forward to the following entries of
        /// an indirect CRL as the RFC says; nil means the CRL issuer.
        public var certificateIssuer: [GeneralName]? = nil
        /// RFC 5280 §4.1.2.2 forbids negative serial numbers, but CAs in the wild issued them; they are looked up
        /// by their exact bytes and reported as a profile warning.
        public var serialIsNegative = false
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
    /// The issuingDistributionPoint extension (RFC 5280 §5.2.5): the scope of a partitioned or indirect CRL.
    public let issuingDistributionPoint: IssuingDistributionPoint?
    public var hasIssuingDistributionPoint: Bool { issuingDistributionPoint != nil }
    /// Critical CRL extensions this toolkit does not process: RFC 5280 §5.2 forbids using such a CRL.
    public let unrecognisedCriticalExtensions: [String]
    /// A critical CRL entry extension this toolkit does not process (RFC 5280 §5.3): the CRL must not be used.
    public let unrecognisedCriticalEntryExtension: String?
    /// Some entry has a negative serial number (tolerated, reported as a profile warning).
    public let hasNegativeSerialNumbers: Bool
    public let signatureAlgorithm: AlgorithmIdentifier
    public let signature: [UInt8]
    /// Serial DER contents → first entry; `duplicates` holds the rest (an indirect CRL may list one serial
    /// for several issuers).
    private let index: [[UInt8]: Int]
    private let duplicates: [[UInt8]: [Int]]

    private enum OID {
        static let crlNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
        static let reasonCode: ASN1ObjectIdentifier = [2, 5, 29, 21]
        static let invalidityDate: ASN1ObjectIdentifier = [2, 5, 29, 24]
        static let deltaCRLIndicator: ASN1ObjectIdentifier = [2, 5, 29, 27]
        static let issuingDistributionPoint: ASN1ObjectIdentifier = [2, 5, 29, 28]
        static let certificateIssuer: ASN1ObjectIdentifier = [2, 5, 29, 29]
        static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
        static let holdInstructionCode: ASN1ObjectIdentifier = [2, 5, 29, 23]
        static let issuerAlternativeName: ASN1ObjectIdentifier = [2, 5, 29, 18]
        static let freshestCRL: ASN1ObjectIdentifier = [2, 5, 29, 46]
        static let authorityInformationAccess: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 1]
    }

    /// CRL extensions processed here (RFC 5280 §5.2); any other critical one makes the CRL unusable.
    static let recognisedExtensions: Set<ASN1ObjectIdentifier> = [
        OID.crlNumber, OID.deltaCRLIndicator, OID.issuingDistributionPoint, OID.authorityKeyIdentifier,
        OID.issuerAlternativeName, OID.freshestCRL, OID.authorityInformationAccess,
    ]

    public init(bytes: [UInt8]) throws(PKIError) {
        let der = try DERInput.decode(bytes, pemLabels: ["X509 CRL"])
        do {
            // The outer structure and TBSCertList are walked with a DER cursor, so the (possibly huge) list of
            // revoked certificates is never turned into a node tree; the small fields use swift-asn1 as usual.
            var outer = DERCursor(der, range: 0..<der.count)
            guard let list = try outer.next(), list.tag == 0x30, outer.isAtEnd else {
                throw ASN1Error.invalidASN1Object(reason: "not a CertificateList SEQUENCE")
            }
            var parts = DERCursor(der, range: list.content)
            guard let tbs = try parts.next(), tbs.tag == 0x30, let algorithmElement = try parts.next(),
                let signatureElement = try parts.next(), parts.isAtEnd
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
            guard let innerAlgorithm = try fields.next(), let issuerElement = try fields.next(), let thisUpdateElement = try fields.next()
            else {
                throw ASN1Error.invalidASN1Object(reason: "incomplete TBSCertList")
            }
            _ = try AlgorithmIdentifier(derEncoded: Array(der[innerAlgorithm.whole]))
            self.version = version
            issuer = try DistinguishedName(derEncoded: Array(der[issuerElement.whole]))
            thisUpdate = try ASN1Time.date(from: try DER.parse(Array(der[thisUpdateElement.whole])))
            var nextUpdate: Date?
            var entries: [Entry] = []
            var entryCritical: String?
            var extensions: [CertificateExtension] = []
            var stage = 0 // 0: nextUpdate allowed, 1: entries allowed, 2: extensions allowed, 3: done
            while let element = try fields.next() {
                switch element.tag {
                case 0x17,
                    0x18 where stage == 0:
                    nextUpdate = try ASN1Time.date(from: try DER.parse(Array(der[element.whole])))
                    stage = 1
                case 0x30 where stage <= 1:
                    (entries, entryCritical) = try Self.entries(der, range: element.content)
                    stage = 2
                case 0xa0 where stage <= 2:
                    extensions = try DER.explicitlyTagged(
                        try DER.parse(Array(der[element.whole])), tagNumber: 0, tagClass: .contextSpecific
                    ) { inner in
                        try DERSequenceElements.of(inner).map(CertificateExtension.init)
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
            issuingDistributionPoint = try crlExtensions[OID.issuingDistributionPoint]
                .map { try IssuingDistributionPoint(derEncoded: $0.value) }
            unrecognisedCriticalExtensions = crlExtensions.all
                .filter { $0.critical && !Self.recognisedExtensions.contains($0.oid) }.map(\.oid.description)
            unrecognisedCriticalEntryExtension = entryCritical
            hasNegativeSerialNumbers = entries.contains { $0.serialIsNegative }
            var index: [[UInt8]: Int] = [:]
            var duplicates: [[UInt8]: [Int]] = [:]
            index.reserveCapacity(entries.count)
            for (position, entry) in entries.enumerated() {
                let key = Self.contentKey(entry.serialNumber, negative: entry.serialIsNegative)
                if index[key] == nil { index[key] = position } else { duplicates[key, default: []].append(position) }
            }
            self.index = index
            self.duplicates = duplicates
        } catch let error as PKIError {
            throw error
        } catch {
            throw .malformedEncoding(what: "CRL", reason: "\(DecodingErrorText.sentence(error))")
        }
    }

    /// The revokedCertificates list. Plain entries (serial, time) are read straight from the bytes; an entry with
    /// extensions goes through the swift-asn1 path, which is exact and only costs where there is something to read.
    /// Also returns the first unrecognised critical entry extension.
    private static func entries(_ der: [UInt8], range: Range<Int>) throws -> ([Entry], String?) {
        var cursor = DERCursor(der, range: range)
        var entries: [Entry] = []
        var unrecognised: String?
        var issuer: [GeneralName]? // §5.3.3: carried from entry to entry
        while let entry = try cursor.next() {
            guard entry.tag == 0x30 else { throw ASN1Error.invalidASN1Object(reason: "CRL entry is not a SEQUENCE") }
            var fields = DERCursor(der, range: entry.content)
            guard let serial = try fields.next(), serial.tag == 0x02, let time = try fields.next() else {
                throw ASN1Error.invalidASN1Object(reason: "CRL entry without serial and date")
            }
            let (magnitude, negative) = try serialNumber(der[serial.content])
            var parsed: Entry
            if !fields.isAtEnd {
                parsed = try Self.entry(try DER.parse(Array(der[entry.whole])), unrecognised: &unrecognised)
            } else {
                parsed = Entry(
                    serialNumber: [], revocationDate: try ASN1Time.date(from: try DER.parse(Array(der[time.whole]))),
                    reason: nil, invalidityDate: nil)
            }
            if let named = parsed.certificateIssuer { issuer = named }
            entries.append(
                Entry(
                    serialNumber: magnitude, revocationDate: parsed.revocationDate, reason: parsed.reason,
                    invalidityDate: parsed.invalidityDate, certificateIssuer: issuer, serialIsNegative: negative))
        }
        return (entries, unrecognised)
    }

    /// DER INTEGER contents → (magnitude without the 0x00 sign octet, or the exact contents when negative; negative).
    /// Minimal encoding is required (X.690 §8.3.2).
    static func serialNumber(_ content: ArraySlice<UInt8>) throws -> ([UInt8], Bool) {
        guard let first = content.first else { throw ASN1Error.invalidASN1Object(reason: "empty INTEGER") }
        if content.count > 1, let second = content.dropFirst().first {
            if first == 0x00 && second & 0x80 == 0 { throw ASN1Error.invalidASN1Object(reason: "non-minimal INTEGER") }
            if first == 0xff && second & 0x80 != 0 { throw ASN1Error.invalidASN1Object(reason: "non-minimal INTEGER") }
        }
        if first & 0x80 != 0 { return (Array(content), true) }
        return (first == 0x00 ? Array(content.dropFirst()) : Array(content), false)
    }

    /// The DER contents of a serial held as ``Entry/serialNumber`` holds it.
    static func contentKey(_ serial: [UInt8], negative: Bool) -> [UInt8] {
        if negative { return serial }
        guard let first = serial.first else { return [0] }
        return first & 0x80 != 0 ? [0] + serial : serial
    }

    /// `revokedCertificates` element: `SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL }`.
    private static func entry(_ node: ASN1Node, unrecognised: inout String?) throws -> Entry {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard nodes.next() != nil, let dateNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "entry without date") }
            let date = try ASN1Time.date(from: dateNode)
            var reason: RevocationReason?
            var invalidity: Date?
            var issuer: [GeneralName]?
            if let extensionsNode = nodes.next() {
                // Walked directly rather than through CertificateExtensions: a CRL can hold 100,000 entries,
                // and per-entry containers dominated the parse time.
                guard case .constructed(let items) = extensionsNode.content else {
                    throw ASN1Error.unexpectedFieldType(extensionsNode.identifier)
                }
                var seen: [ASN1ObjectIdentifier] = []
                for node in items {
                    let item = try CertificateExtension(derEncoded: node)
                    if seen.contains(item.oid) { throw ASN1Error.invalidASN1Object(reason: "duplicate CRL entry extension \(item.oid)") }
                    seen.append(item.oid)
                    switch item.oid {
                    case OID.reasonCode:
                        // CRLReason ::= ENUMERATED (universal tag 10)
                        let code = try Int(
                            derEncoded: try DER.parse(item.value), withIdentifier: ASN1Identifier(tagWithNumber: 10, tagClass: .universal))
                        guard let known = RevocationReason(rawValue: code) else {
                            throw ASN1Error.invalidASN1Object(reason: "unknown CRL reason \(code)")
                        }
                        reason = known
                    case OID.invalidityDate:
                        invalidity = try ASN1Time.date(from: try DER.parse(item.value))
                    case OID.certificateIssuer:
                        issuer = try GeneralName.sequence(try DER.parse(item.value))
                    case OID.holdInstructionCode:
                        break
                    default:
                        if item.critical && unrecognised == nil { unrecognised = item.oid.description }
                    }
                }
            }
            return Entry(serialNumber: [], revocationDate: date, reason: reason, invalidityDate: invalidity, certificateIssuer: issuer)
        }
    }

    /// The entry for a (positive) certificate serial magnitude, in O(1).
    public func entry(forSerial serial: [UInt8]) -> Entry? { index[Self.contentKey(serial, negative: false)].map { entries[$0] } }

    /// Every entry listing the certificate's serial number (compared as DER bytes, so negative serials work),
    /// whatever issuer it names; ``RevocationChecker`` picks the entry for the certificate's issuer.
    public func entries(for certificate: Certificate) -> [Entry] {
        let key = Self.contentKey(certificate.serialNumber, negative: certificate.hasNegativeSerialNumber)
        guard let first = index[key] else { return [] }
        return [entries[first]] + (duplicates[key] ?? []).map { entries[$0] }
    }

    /// The CRL number (or base CRL number) as an unsigned magnitude compared by value.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let x = Array(a.drop { $0 == 0 })
        let y = Array(b.drop { $0 == 0 })
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    public var isDelta: Bool { deltaCRLIndicator != nil }

    public func isSignatureValid(issuerKey: PublicKey) throws(PKIError) -> Bool {
        do {
            return try issuerKey.isValidSignature(
                signature, for: tbsBytes, algorithm: try SignatureAlgorithm(algorithmIdentifier: signatureAlgorithm))
        } catch {
            throw .crypto(error)
        }
    }
}

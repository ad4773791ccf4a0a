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
        let der = try CertificateEncoding.der(from: bytes, label: "X509 CRL")
        do {
            let root = try DER.parse(der)
            var outer: (ASN1Node, AlgorithmIdentifier, ASN1BitString)?
            try DER.sequence(root, identifier: .sequence) { nodes in
                guard let tbs = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no TBSCertList") }
                outer = (tbs, try AlgorithmIdentifier(derEncoded: &nodes), try ASN1BitString(derEncoded: &nodes))
            }
            guard let (tbs, algorithm, signatureBits) = outer else { throw ASN1Error.invalidASN1Object(reason: "empty CRL") }
            derEncoded = Array(root.encodedBytes)
            tbsBytes = Array(tbs.encodedBytes)
            signatureAlgorithm = algorithm
            signature = Array(signatureBits.bytes)

            var parsed: (Int, DistinguishedName, Date, Date?, [Entry], [CertificateExtension])?
            try DER.sequence(tbs, identifier: .sequence) { nodes in
                var node = nodes.next()
                var version = 1
                if let first = node, first.identifier == .integer {
                    version = try Int(derEncoded: first) + 1
                    guard version == 2 else { throw ASN1Error.invalidASN1Object(reason: "CRL version \(version)") }
                    node = nodes.next()
                }
                _ = try AlgorithmIdentifier(derEncoded: node ?? tbs)
                guard let issuerNode = nodes.next(), let thisUpdateNode = nodes.next() else {
                    throw ASN1Error.invalidASN1Object(reason: "incomplete TBSCertList")
                }
                let issuer = try DistinguishedName(derEncoded: issuerNode)
                let thisUpdate = try ASN1Time.date(from: thisUpdateNode)
                var nextUpdate: Date?
                var entries: [Entry] = []
                var extensions: [CertificateExtension] = []
                while let next = nodes.next() {
                    switch next.identifier {
                    case .utcTime, .generalizedTime where nextUpdate == nil && entries.isEmpty:
                        nextUpdate = try ASN1Time.date(from: next)
                    case .sequence where entries.isEmpty:
                        entries = try DER.sequence(of: ASN1Node.self, identifier: .sequence, rootNode: next).map(Self.entry)
                    case ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific):
                        extensions = try DER.explicitlyTagged(next, tagNumber: 0, tagClass: .contextSpecific) { inner in
                            try DER.sequence(of: ASN1Node.self, identifier: .sequence, rootNode: inner).map(CertificateExtension.init)
                        }
                    default:
                        throw ASN1Error.unexpectedFieldType(next.identifier)
                    }
                }
                parsed = (version, issuer, thisUpdate, nextUpdate, entries, extensions)
            }
            guard let parsed else { throw ASN1Error.invalidASN1Object(reason: "empty TBSCertList") }
            (version, issuer, thisUpdate, nextUpdate, entries) = (parsed.0, parsed.1, parsed.2, parsed.3, parsed.4)
            let extensions = try CertificateExtensions(parsed.5)
            crlNumber = try extensions[OID.crlNumber].map { Array(try ArraySlice<UInt8>(derEncoded: $0.value)) }
            crlNumberIsCritical = extensions[OID.crlNumber]?.critical ?? false
            deltaCRLIndicator = try extensions[OID.deltaCRLIndicator].map { Array(try ArraySlice<UInt8>(derEncoded: $0.value)) }
            authorityKeyIdentifier = try extensions.authorityKeyIdentifier?.keyIdentifier
            hasIssuingDistributionPoint = extensions[OID.issuingDistributionPoint] != nil
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

import SenimCrypto
import SwiftASN1

/// The extensions of a certificate, with typed decoders. Decoding is on access, so a malformed extension
/// is reported by whoever needs it (path validation fails on a malformed critical or used extension).
public struct CertificateExtensions: Sendable, Hashable, Sequence {
    public let all: [CertificateExtension]

    init(_ list: [CertificateExtension]) throws {
        // RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular extension."
        var seen = Set<ASN1ObjectIdentifier>()
        for item in list where !seen.insert(item.oid).inserted {
            throw ASN1Error.invalidASN1Object(reason: "duplicate extension \(item.oid)")
        }
        all = list
    }

    /// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`, as it appears in certificates, CRLs and OCSP.
    init(sequence node: ASN1Node) throws {
        try self.init(try DERSequenceElements.of(node).map(CertificateExtension.init))
    }

    public func makeIterator() -> IndexingIterator<[CertificateExtension]> { all.makeIterator() }

    public subscript(oid: ASN1ObjectIdentifier) -> CertificateExtension? { all.first { $0.oid == oid } }

    private func decode<T>(_ oid: ASN1ObjectIdentifier, _ parse: (ASN1Node) throws -> T) throws(PKIError) -> T? {
        guard let item = self[oid] else { return nil }
        do { return try parse(try DER.parse(item.value)) } catch {
            throw .malformedExtension(oid: oid.description, reason: "\(DecodingErrorText.sentence(error))")
        }
    }

    typealias ID = ASN1ObjectIdentifier.CertificateExtensionID

    public var basicConstraints: BasicConstraints? { get throws(PKIError) { try decode(ID.basicConstraints, BasicConstraints.init) } }
    public var keyUsage: KeyUsage? { get throws(PKIError) { try decode(ID.keyUsage, KeyUsage.init) } }
    public var extendedKeyUsage: [ASN1ObjectIdentifier]? {
        get throws(PKIError) {
            try decode(ID.extendedKeyUsage) { try DER.sequence(of: ASN1ObjectIdentifier.self, identifier: .sequence, rootNode: $0) }
        }
    }
    public var certificatePolicies: [PolicyInformation]? {
        get throws(PKIError) { try decode(ID.certificatePolicies, PolicyInformation.sequence) }
    }
    public var policyMappings: [PolicyMapping]? { get throws(PKIError) { try decode(ID.policyMappings, PolicyMapping.sequence) } }
    public var policyConstraints: PolicyConstraints? { get throws(PKIError) { try decode(ID.policyConstraints, PolicyConstraints.init) } }
    public var inhibitAnyPolicy: Int? { get throws(PKIError) { try decode(ID.inhibitAnyPolicy) { try Int(derEncoded: $0) } } }
    public var nameConstraints: NameConstraints? { get throws(PKIError) { try decode(ID.nameConstraints, NameConstraints.init) } }
    public var subjectAlternativeNames: [GeneralName]? {
        get throws(PKIError) { try decode(ID.subjectAlternativeName, GeneralName.sequence) }
    }
    public var issuerAlternativeNames: [GeneralName]? {
        get throws(PKIError) { try decode(ID.issuerAlternativeName, GeneralName.sequence) }
    }
    public var subjectKeyIdentifier: [UInt8]? {
        get throws(PKIError) { try decode(ID.subjectKeyIdentifier) { Array(try ASN1OctetString(derEncoded: $0).bytes) } }
    }
    public var authorityKeyIdentifier: AuthorityKeyIdentifier? {
        get throws(PKIError) { try decode(ID.authorityKeyIdentifier, AuthorityKeyIdentifier.init) }
    }
    public var authorityInformationAccess: [AccessDescription]? {
        get throws(PKIError) { try decode(ID.authorityInformationAccess, AccessDescription.sequence) }
    }
    public var crlDistributionPoints: [DistributionPoint]? {
        get throws(PKIError) { try decode(ID.crlDistributionPoints, DistributionPoint.sequence) }
    }
    public var freshestCRL: [DistributionPoint]? { get throws(PKIError) { try decode(ID.freshestCRL, DistributionPoint.sequence) } }
    public var hasOCSPNoCheck: Bool { self[ID.ocspNoCheck] != nil }
}

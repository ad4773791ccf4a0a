import SwiftASN1

/// A signature algorithm: the key type, the digest, and for GOST the byte layout.
///
/// Built from a certificate/CMS `AlgorithmIdentifier` or from an XML-DSig `SignatureMethod` URI; an
/// identifier this toolkit does not implement is an error (fail closed), never a pass.
public enum SignatureAlgorithm: Hashable, Sendable, CustomStringConvertible {
    case rsaPKCS1v15(DigestAlgorithm)
    case rsaPSS(RSAPSSParameters)
    case ecdsa(DigestAlgorithm)
    case ed25519
    case dsa(DigestAlgorithm)
    case gost(GOSTSignatureScheme)

    public var digestAlgorithm: DigestAlgorithm? {
        switch self {
        case .rsaPKCS1v15(let digest), .ecdsa(let digest), .dsa(let digest): return digest
        case .rsaPSS(let parameters): return parameters.digest
        case .ed25519: return nil
        case .gost(let scheme): return scheme.digest
        }
    }

    public var description: String {
        switch self {
        case .rsaPKCS1v15(let digest): return "RSA PKCS#1 v1.5 with \(digest.rawValue)"
        case .rsaPSS(let p): return "RSA-PSS with \(p.digest.rawValue), MGF1-\(p.maskGenerationDigest.rawValue), salt \(p.saltLength)"
        case .ecdsa(let digest): return "ECDSA with \(digest.rawValue)"
        case .ed25519: return "Ed25519"
        case .dsa(let digest): return "DSA with \(digest.rawValue)"
        case .gost(let scheme): return scheme.description
        }
    }

    /// From a signature `AlgorithmIdentifier` (certificate, CRL, OCSP, CMS SignerInfo).
    public init(algorithmIdentifier identifier: AlgorithmIdentifier) throws(SenimCryptoError) {
        if identifier.algorithm == ASN1ObjectIdentifier.PublicKeyAlgorithm.rsassaPSS {
            self = .rsaPSS(try RSAPSSParameters(parameters: identifier.parameters))
        } else if let match = Self.identifierTable.first(where: { $0.0 == identifier.algorithm }) {
            self = match.1
        } else if let scheme = GOSTSignatureScheme.allCases.first(where: { $0.objectIdentifier == identifier.algorithm }) {
            self = .gost(scheme)
        } else {
            throw .unsupportedAlgorithm("signature \(identifier.algorithm)")
        }
    }

    /// OIDs of the algorithms whose identifier carries no parameters that matter (RFC 4055, RFC 5758, RFC 8410).
    private static let identifierTable: [(ASN1ObjectIdentifier, SignatureAlgorithm)] = {
        typealias OID = ASN1ObjectIdentifier.SignatureAlgorithm
        return [
            (OID.sha1WithRSAEncryption, .rsaPKCS1v15(.sha1)), (OID.sha224WithRSAEncryption, .rsaPKCS1v15(.sha224)),
            (OID.sha256WithRSAEncryption, .rsaPKCS1v15(.sha256)), (OID.sha384WithRSAEncryption, .rsaPKCS1v15(.sha384)),
            (OID.sha512WithRSAEncryption, .rsaPKCS1v15(.sha512)),
            (OID.ecdsaWithSHA1, .ecdsa(.sha1)), (OID.ecdsaWithSHA224, .ecdsa(.sha224)), (OID.ecdsaWithSHA256, .ecdsa(.sha256)),
            (OID.ecdsaWithSHA384, .ecdsa(.sha384)), (OID.ecdsaWithSHA512, .ecdsa(.sha512)),
            (ASN1ObjectIdentifier.PublicKeyAlgorithm.ed25519, .ed25519),
            (OID.dsaWithSHA1, .dsa(.sha1)), (OID.dsaWithSHA224, .dsa(.sha224)), (OID.dsaWithSHA256, .dsa(.sha256)),
        ]
    }()

    /// From a CMS SignerInfo where `signatureAlgorithm` names only the key type (rsaEncryption, as OpenSSL
    /// writes it; ecPublicKey; a GOST key OID) and the digest comes from `digestAlgorithm` (RFC 5652 §5.3).
    public init(signerInfoSignatureAlgorithm identifier: AlgorithmIdentifier, digestAlgorithm: DigestAlgorithm) throws(SenimCryptoError) {
        switch identifier.algorithm {
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.rsaEncryption: self = .rsaPKCS1v15(digestAlgorithm)
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.ecPublicKey: self = .ecdsa(digestAlgorithm)
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.dsa: self = .dsa(digestAlgorithm)
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.kzGOST34310: self = .gost(.gost34310_2004)
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.kzGOST2015_512: self = .gost(.gost34102015_512)
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.gostR3410_2001: self = .gost(.gostR3410_2001)
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.gostR3410_2012_256: self = .gost(.gostR3410_2012_256)
        case ASN1ObjectIdentifier.PublicKeyAlgorithm.gostR3410_2012_512: self = .gost(.gostR3410_2012_512)
        default: try self.init(algorithmIdentifier: identifier)
        }
        if let implied = self.digestAlgorithm, implied != digestAlgorithm {
            throw .invalidParameters(
                "signature algorithm \(self) implies \(implied.rawValue) but digestAlgorithm is \(digestAlgorithm.rawValue)")
        }
    }

    /// The identifier to write into a certificate or SignerInfo for this algorithm.
    public var algorithmIdentifier: AlgorithmIdentifier {
        let null = try? ASN1Any(erasing: ASN1Null())
        switch self {
        case .rsaPSS(let parameters):
            return AlgorithmIdentifier(
                algorithm: ASN1ObjectIdentifier.PublicKeyAlgorithm.rsassaPSS,
                parameters: try? parameters.encodedParameters())
        case .gost(let scheme):
            // KZ identifiers carry an explicit NULL (as in NCA certificates); RFC 9215 ones carry none.
            return AlgorithmIdentifier(algorithm: scheme.objectIdentifier, parameters: scheme.layout == .kazakh ? null : nil)
        case .rsaPKCS1v15, .ecdsa, .ed25519, .dsa:
            // Every such case is in the table; RSA identifiers carry NULL parameters (RFC 4055 §5), the others none.
            let oid =
                Self.identifierTable.first(where: { $0.1 == self })?.0 ?? ASN1ObjectIdentifier.SignatureAlgorithm.sha256WithRSAEncryption
            if case .rsaPKCS1v15 = self { return AlgorithmIdentifier(algorithm: oid, parameters: null) }
            return AlgorithmIdentifier(algorithm: oid)
        }
    }
}

// MARK: - XML-DSig identifiers

extension SignatureAlgorithm {
    /// The `SignatureMethod` URIs (W3C XML-DSig 1.1, RFC 6931, pkigovkz, CryptoPro).
    private static let xmlURIs: [(String, SignatureAlgorithm)] = [
        ("http://www.w3.org/2000/09/xmldsig#rsa-sha1", .rsaPKCS1v15(.sha1)),
        ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha1", .rsaPKCS1v15(.sha1)),
        ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha224", .rsaPKCS1v15(.sha224)),
        ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", .rsaPKCS1v15(.sha256)),
        ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", .rsaPKCS1v15(.sha384)),
        ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", .rsaPKCS1v15(.sha512)),
        ("http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1", .rsaPSS(RSAPSSParameters(digest: .sha224))),
        ("http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", .rsaPSS(RSAPSSParameters(digest: .sha256))),
        ("http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1", .rsaPSS(RSAPSSParameters(digest: .sha384))),
        ("http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1", .rsaPSS(RSAPSSParameters(digest: .sha512))),
        ("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1", .ecdsa(.sha1)),
        ("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224", .ecdsa(.sha224)),
        ("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", .ecdsa(.sha256)),
        ("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", .ecdsa(.sha384)),
        ("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", .ecdsa(.sha512)),
        ("http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519", .ed25519),
        ("http://www.w3.org/2000/09/xmldsig#dsa-sha1", .dsa(.sha1)),
        ("http://www.w3.org/2009/xmldsig11#dsa-sha256", .dsa(.sha256)),
        ("http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311", .gost(.gost34310_2004)),
        ("urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512", .gost(.gost34102015_512)),
        ("http://www.w3.org/2001/04/xmldsig-more#gostr34102001-gostr3411", .gost(.gostR3410_2001)),
        ("urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256", .gost(.gostR3410_2012_256)),
        ("urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-512", .gost(.gostR3410_2012_512)),
    ]

    public init(xmlSignatureMethodURI uri: String) throws(SenimCryptoError) {
        guard let match = Self.xmlURIs.first(where: { $0.0 == uri }) else {
            throw .unsupportedAlgorithm("XML SignatureMethod \(uri)")
        }
        self = match.1
    }

    /// The preferred URI for this algorithm, if XML-DSig defines one.
    public var xmlSignatureMethodURI: String? {
        Self.xmlURIs.first(where: { $0.1 == self })?.0
    }
}

extension RSAPSSParameters {
    /// DER of RSASSA-PSS-params with every field explicit (as OpenSSL writes them).
    func encodedParameters() throws -> ASN1Any {
        var serializer = DER.Serializer()
        let null = try ASN1Any(erasing: ASN1Null())
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                try coder.serialize(AlgorithmIdentifier(algorithm: digest.objectIdentifier, parameters: null))
            }
            try coder.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { coder in
                var inner = DER.Serializer()
                try inner.serialize(AlgorithmIdentifier(algorithm: maskGenerationDigest.objectIdentifier, parameters: null))
                try coder.serialize(
                    AlgorithmIdentifier(algorithm: .RSAPSS.mgf1, parameters: try ASN1Any(derEncoded: inner.serializedBytes)))
            }
            try coder.serialize(explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific) { coder in
                try coder.serialize(saltLength)
            }
        }
        return try ASN1Any(derEncoded: serializer.serializedBytes)
    }
}

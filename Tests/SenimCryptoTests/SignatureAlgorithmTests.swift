import SwiftASN1
import Testing

@testable import SenimCrypto

@Suite("Signature algorithm identifiers")
struct SignatureAlgorithmTests {
    static let all: [SignatureAlgorithm] =
        [
            .rsaPKCS1v15(.sha1), .rsaPKCS1v15(.sha224), .rsaPKCS1v15(.sha256), .rsaPKCS1v15(.sha384), .rsaPKCS1v15(.sha512),
            .rsaPSS(RSAPSSParameters(digest: .sha256)),
            .rsaPSS(RSAPSSParameters(digest: .sha512, maskGenerationDigest: .sha256, saltLength: 0)),
            .ecdsa(.sha1), .ecdsa(.sha224), .ecdsa(.sha256), .ecdsa(.sha384), .ecdsa(.sha512),
            .ed25519, .dsa(.sha1), .dsa(.sha224), .dsa(.sha256),
        ] + GOSTSignatureScheme.allCases.map { .gost($0) }

    @Test func signatureAlgorithmIdentifiersRoundTrip() throws {
        for algorithm in Self.all {
            #expect(try SignatureAlgorithm(algorithmIdentifier: algorithm.algorithmIdentifier) == algorithm, "\(algorithm)")
        }
        // KZ GOST and RSA identifiers carry NULL parameters, as NCA certificates do.
        #expect(SignatureAlgorithm.gost(.gost34102015_512).algorithmIdentifier.hasNoParameters)
        #expect(SignatureAlgorithm.rsaPKCS1v15(.sha256).algorithmIdentifier.parameters != nil)
        #expect(throws: SenimCryptoError.self) { try SignatureAlgorithm(algorithmIdentifier: AlgorithmIdentifier(algorithm: [1, 2, 3])) }
    }

    @Test func xmlURIsRoundTrip() throws {
        for algorithm in Self.all {
            guard let uri = algorithm.xmlSignatureMethodURI else { continue }
            #expect(try SignatureAlgorithm(xmlSignatureMethodURI: uri) == algorithm)
        }
        #expect(
            try SignatureAlgorithm(
                xmlSignatureMethodURI: "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512")
                == .gost(.gost34102015_512))
        #expect(
            try SignatureAlgorithm(xmlSignatureMethodURI: "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311")
                == .gost(.gost34310_2004))
        #expect(throws: SenimCryptoError.self) {
            try SignatureAlgorithm(xmlSignatureMethodURI: "http://www.w3.org/2000/09/xmldsig#hmac-sha1")
        }
    }

    /// OpenSSL writes rsaEncryption as the SignerInfo signatureAlgorithm; Kalkan writes the GOST key OID or the
    /// full signature OID. The digest must agree with what the signature algorithm implies.
    @Test func signerInfoAlgorithmMustAgreeWithItsDigest() throws {
        let rsa = AlgorithmIdentifier(algorithm: .PublicKeyAlgorithm.rsaEncryption)
        #expect(try SignatureAlgorithm(signerInfoSignatureAlgorithm: rsa, digestAlgorithm: .sha384) == .rsaPKCS1v15(.sha384))
        let gostKey = AlgorithmIdentifier(algorithm: .PublicKeyAlgorithm.kzGOST2015_512)
        #expect(try SignatureAlgorithm(signerInfoSignatureAlgorithm: gostKey, digestAlgorithm: .streebog512) == .gost(.gost34102015_512))
        let gostSignature = SignatureAlgorithm.gost(.gost34310_2004).algorithmIdentifier
        #expect(try SignatureAlgorithm(signerInfoSignatureAlgorithm: gostSignature, digestAlgorithm: .gost34311) == .gost(.gost34310_2004))
        #expect(throws: SenimCryptoError.self) {
            try SignatureAlgorithm(signerInfoSignatureAlgorithm: gostSignature, digestAlgorithm: .sha256)
        }
    }

    /// PSS parameters decoded from DER honour the RFC 8017 defaults for absent fields.
    @Test func absentPSSParametersTakeTheRFC8017Defaults() throws {
        let empty = try ASN1Any(derEncoded: [0x30, 0x00])
        let defaults = try RSAPSSParameters(parameters: empty)
        #expect(defaults.digest == .sha1 && defaults.maskGenerationDigest == .sha1 && defaults.saltLength == 20)
        #expect(throws: SenimCryptoError.self) { try RSAPSSParameters(parameters: nil) }
    }
}

import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// Produces CMS SignedData (RFC 5652) in the shape NCALayer writes: signed attributes contentType, signingTime,
/// messageDigest and signingCertificateV2, the signer certificate (and chain) embedded, attached or detached
/// content, one or several signers with different algorithms.
public struct CMSSigner: Sendable {
    public var identity: SigningIdentity
    /// nil leaves out the signingTime attribute.
    public var signingTime: Date?
    public var includeSigningCertificateV2 = true
    /// Identify the signer by subjectKeyIdentifier (SignerInfo v3) instead of issuer and serial.
    public var useSubjectKeyIdentifier = false
    /// More signed attributes (a content timestamp, a commitment type…).
    public var additionalSignedAttributes: [CMSAttribute] = []

    public init(identity: SigningIdentity, signingTime: Date? = Date()) {
        self.identity = identity
        self.signingTime = signingTime
    }

    public var digestAlgorithm: DigestAlgorithm { identity.algorithm.digestAlgorithm ?? .sha512 }

    /// A SignerInfo over content with the given digest (or, for a countersignature, over a signature value).
    /// - Parameter contentType: nil for a countersignature, which RFC 5652 §11.1 forbids to carry one.
    public func signerInfo(contentDigest: [UInt8], contentType: ASN1ObjectIdentifier?) throws(CMSError) -> SignerInfo {
        guard contentDigest.count == digestAlgorithm.digestByteCount else {
            throw .signingFailed("content digest of \(contentDigest.count) bytes for \(digestAlgorithm.rawValue)")
        }
        do {
            var attributes: [CMSAttribute] = []
            if let contentType { attributes.append(try CMSAttribute(type: .CMS.contentType, values: [try DERWriter.encode(contentType)])) }
            if let signingTime {
                // RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise.
                let year = ASN1Time.components(of: signingTime).0
                let value =
                    (1950..<2050).contains(year)
                    ? try DERWriter.encode(try ASN1Time.utcTime(signingTime))
                    : try DERWriter.encode(try ASN1Time.generalizedTime(signingTime))
                attributes.append(try CMSAttribute(type: .CMS.signingTime, values: [value]))
            }
            attributes.append(try CMSAttribute(type: .CMS.messageDigest, values: [DERWriter.octetString(contentDigest)]))
            if includeSigningCertificateV2 {
                attributes.append(
                    try CMSAttribute(
                        type: .CMS.signingCertificateV2,
                        values: [SigningCertificateReference.signingCertificateV2Value(for: identity.certificate)]))
            }
            attributes += additionalSignedAttributes
            let signedSet = DERWriter.setOf(attributes.map(\.encoded))
            let signature = try identity.privateKey.signature(for: signedSet, algorithm: identity.algorithm)
            let sid = SignerIdentifier(certificate: identity.certificate, useSubjectKeyIdentifier: useSubjectKeyIdentifier)
            var implicitSet = signedSet
            implicitSet[0] = 0xA0
            let bytes = DERWriter.sequence([
                DERWriter.integer(sid.signerInfoVersion),
                sid.derEncoded,
                try DERWriter.encode(Self.digestIdentifier(digestAlgorithm)),
                implicitSet,
                try DERWriter.encode(identity.algorithm.algorithmIdentifier),
                DERWriter.octetString(signature),
            ])
            return try SignerInfo(derEncoded: bytes)
        } catch let error as CMSError {
            throw error
        } catch {
            throw .signingFailed("\(DecodingErrorText.sentence(error))")
        }
    }

    /// KZ digest identifiers carry an explicit NULL, as NCA tools write them; SHA-2 ones none (RFC 5754 §2).
    static func digestIdentifier(_ digest: DigestAlgorithm) throws -> AlgorithmIdentifier {
        switch digest {
        case .gost34311, .streebog256, .streebog512, .gostR341194CryptoPro:
            return AlgorithmIdentifier(algorithm: digest.objectIdentifier, parameters: try ASN1Any(erasing: ASN1Null()))
        default:
            return AlgorithmIdentifier(algorithm: digest.objectIdentifier)
        }
    }
}

/// Assembles SignedData from signers and content.
public enum CMSBuilder {
    /// Signs `content` with every signer. Detached leaves eContent out (NCALayer `encapsulate: false`, eGov
    /// `CMS_SIGN_ONLY`); the verifier then needs the content.
    public static func sign(
        _ content: [UInt8], detached: Bool = false, contentType: ASN1ObjectIdentifier = .CMS.data,
        signers: [CMSSigner], certificates: [Certificate] = [], revocationLists: [CertificateRevocationList] = [],
        ocspResponses: [OCSPResponse] = []
    ) throws(CMSError) -> SignedData {
        let digests = DigestSet.digests(of: content, algorithms: signers.map(\.digestAlgorithm))
        return try sign(
            contentDigests: digests, content: detached ? nil : content, contentType: contentType, signers: signers,
            certificates: certificates, revocationLists: revocationLists, ocspResponses: ocspResponses)
    }

    /// Signs content known only by its digests (a large file hashed while streaming); the result is detached
    /// unless `content` is given.
    public static func sign(
        contentDigests: [DigestAlgorithm: [UInt8]], content: [UInt8]? = nil, contentType: ASN1ObjectIdentifier = .CMS.data,
        signers: [CMSSigner], certificates: [Certificate] = [], revocationLists: [CertificateRevocationList] = [],
        ocspResponses: [OCSPResponse] = []
    ) throws(CMSError) -> SignedData {
        guard !signers.isEmpty else { throw .signingFailed("no signer") }
        let infos = try signers.map { signer throws(CMSError) -> SignerInfo in
            guard let digest = contentDigests[signer.digestAlgorithm] else {
                throw .signingFailed("no \(signer.digestAlgorithm.rawValue) digest of the content")
            }
            return try signer.signerInfo(contentDigest: digest, contentType: contentType)
        }
        var embedded: [Certificate] = []
        for certificate in signers.flatMap({ [$0.identity.certificate] + $0.identity.chain }) + certificates
        where !embedded.contains(certificate) {
            embedded.append(certificate)
        }
        return try assemble(
            contentType: contentType, content: content, digestAlgorithms: signers.map(\.digestAlgorithm), certificates: embedded,
            revocationLists: revocationLists, ocspResponses: ocspResponses, signerInfos: infos)
    }

    /// Adds a signer to an existing SignedData (NCANode `/cms/sign/add`, NCALayer co-signing): the received
    /// SignerInfos stay byte-identical. Detached signatures need the content's digest for the new signer.
    public static func addSigner(_ signer: CMSSigner, to signedData: SignedData, detachedContentDigest: [UInt8]? = nil) throws(CMSError)
        -> SignedData
    {
        let digest: [UInt8]
        if let content = signedData.encapsulatedContent {
            digest = signer.digestAlgorithm.hash(content)
        } else if let detachedContentDigest {
            digest = detachedContentDigest
        } else {
            throw .contentUnavailable("a detached signature needs the content digest to add a signer")
        }
        let info = try signer.signerInfo(contentDigest: digest, contentType: signedData.encapsulatedContentType)
        var digests: [DigestAlgorithm] = []
        for identifier in signedData.digestAlgorithms {
            if let algorithm = try? DigestAlgorithm(objectIdentifier: identifier.algorithm) { digests.append(algorithm) }
        }
        digests.append(signer.digestAlgorithm)
        var certificates = signedData.certificates
        for certificate in [signer.identity.certificate] + signer.identity.chain where !certificates.contains(certificate) {
            certificates.append(certificate)
        }
        return try assemble(
            contentType: signedData.encapsulatedContentType, content: signedData.encapsulatedContent, digestAlgorithms: digests,
            certificates: certificates, revocationLists: signedData.revocationLists, ocspResponses: signedData.ocspResponses,
            signerInfos: signedData.signerInfos + [info])
    }

    static func assemble(
        contentType: ASN1ObjectIdentifier, content: [UInt8]?, digestAlgorithms: [DigestAlgorithm], certificates: [Certificate],
        revocationLists: [CertificateRevocationList], ocspResponses: [OCSPResponse], signerInfos: [SignerInfo]
    ) throws(CMSError) -> SignedData {
        do {
            // RFC 5652 §5.1: version 3 when any SignerInfo is v3 or the content is not id-data, else 1.
            let version = contentType != .CMS.data || signerInfos.contains { $0.version == 3 } ? 3 : 1
            var unique: [DigestAlgorithm] = []
            for digest in digestAlgorithms where !unique.contains(digest) { unique.append(digest) }
            var encap = [try DERWriter.encode(contentType)]
            if let content { encap.append(DERWriter.contextConstructed(0, DERWriter.octetString(content))) }
            var fields = DERWriter.integer(version)
            fields += DERWriter.setOf(try unique.map { try DERWriter.encode(try CMSSigner.digestIdentifier($0)) })
            fields += DERWriter.sequence(encap)
            if !certificates.isEmpty { fields += DERWriter.tlv(0xA0, certificates.flatMap(\.derEncoded)) }
            if !revocationLists.isEmpty || !ocspResponses.isEmpty {
                let other = try ocspResponses.map { response in
                    DERWriter.tlv(0xA1, try DERWriter.encode(ASN1ObjectIdentifier.CMS.ocspRevocationInfo) + response.derEncoded)
                }
                fields += DERWriter.tlv(0xA1, revocationLists.flatMap(\.derEncoded) + other.flatMap { $0 })
            }
            return try SignedData.assemble(fields: fields, signerInfos: signerInfos.map(\.derEncoded))
        } catch let error as CMSError {
            throw error
        } catch {
            throw .signingFailed("\(DecodingErrorText.sentence(error))")
        }
    }
}

import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// The checks of one SignerInfo that need no trust decision, in the order of the ETSI EN 319 102-1 building
/// blocks: format checking (FC), identification of the signing certificate (ISC) and cryptographic
/// verification (CV). Path validation and timestamps build on what this finds.
struct SignerInfoCheck {
    var report: SignatureReport
    var certificate: Certificate?
    var algorithm: SignatureAlgorithm?
    /// Two signing-certificate(-v2) attributes: validated, but reported as plain CMS.
    var hasDuplicateSigningCertificate = false

    /// - Parameters:
    ///   - contentType: the eContentType the contentType attribute must equal; nil for a countersignature,
    ///     which must not carry one (RFC 5652 §11.1).
    ///   - contentDigests: digests of the signed content (or of the countersigned signature value); nil when
    ///     the content is not available.
    ///   - candidates: certificates to find the signer among (embedded first, then given, then the trust store).
    init(
        _ info: SignerInfo, id: String, format: SignatureFormat, contentType: ASN1ObjectIdentifier?,
        contentDigests: [DigestAlgorithm: [UInt8]]?,
        candidates: [Certificate], validationTime: Date
    ) {
        report = SignatureReport(id: id, format: format, bestSignatureTime: validationTime)
        checkAlgorithms(info)
        let messageDigest = checkSignedAttributes(info, contentType: contentType)
        identifySigningCertificate(info, candidates: candidates)
        checkIntegrity(info, messageDigest: messageDigest, contentDigests: contentDigests)
        checkSignatureValue(info, contentDigests: contentDigests)
    }

    // MARK: FC

    private mutating func checkAlgorithms(_ info: SignerInfo) {
        do {
            let digest = try info.digest
            report.digestAlgorithm = digest.rawValue
            let algorithm = try info.algorithm
            self.algorithm = algorithm
            report.signatureAlgorithm = algorithm.description
        } catch {
            report.fail(error.subIndication, "signature algorithm: \(DecodingErrorText.sentence(error))")
        }
    }

    /// The messageDigest value, when the signed attributes are well formed.
    private mutating func checkSignedAttributes(_ info: SignerInfo, contentType: ASN1ObjectIdentifier?) -> [UInt8]? {
        guard let attributes = info.signedAttributes else {
            if contentType != nil && contentType != .CMS.data {
                // RFC 5652 §5.3: signed attributes MUST be present when the content type is not id-data.
                report.fail(.formatFailure, "no signed attributes although the content type is \(contentType.map { "\($0)" } ?? "")")
            }
            report.messages.append(
                "no signed attributes: the signature covers the content itself, with no signing time or certificate reference")
            return nil
        }
        for duplicated in attributes.duplicatedTypes {
            if duplicated == .CMS.signingCertificate || duplicated == .CMS.signingCertificateV2 {
                // RFC 5652 §11 leaves ESS attributes alone; EN 319 122-1 §5.2.2 wants exactly one: plain CMS, still validated.
                report.messages.append(
                    "signed attribute \(duplicated) occurs more than once: "
                        + "the signature is plain CMS, not a CAdES baseline signature")
                hasDuplicateSigningCertificate = true
            } else {
                // RFC 5652 §11.1–§11.3: content-type, message-digest and signing-time are single-instance attributes.
                report.fail(.formatFailure, "signed attribute \(duplicated) occurs more than once (RFC 5652 §11)")
            }
        }
        if let bytes = info.signedAttributesBytes, !Self.isDERSorted(bytes) {
            report.messages.append("signed attributes are not in DER SET order; the signature was checked over the bytes as received")
        }
        // contentType: present and equal to eContentType (OpenSSL does not compare them, openssl#9009).
        let contentTypeAttribute = attributes[.CMS.contentType]
        if let contentType {
            if let attribute = contentTypeAttribute {
                do {
                    let value = try ASN1ObjectIdentifier(derEncoded: try attribute.singleValue())
                    if value != contentType {
                        report.fail(.formatFailure, "the contentType attribute (\(value)) differs from eContentType (\(contentType))")
                    }
                } catch {
                    report.fail(.formatFailure, "malformed contentType attribute: \(DecodingErrorText.sentence(error))")
                }
            } else {
                report.fail(.formatFailure, "the contentType signed attribute is missing (RFC 5652 §11.1)")
            }
        } else if contentTypeAttribute != nil {
            report.fail(.formatFailure, "a countersignature must not carry a contentType attribute (RFC 5652 §11.4)")
        }
        do { report.claimedSigningTime = try info.claimedSigningTime } catch {
            report.fail(.formatFailure, error.description)
        }
        guard let attribute = attributes[.CMS.messageDigest] else {
            report.fail(.formatFailure, "the messageDigest signed attribute is missing (RFC 5652 §11.2)")
            return nil
        }
        do {
            let node = try BER.parse(try attribute.singleValue())
            guard node.identifier == .octetString else { throw ASN1Error.unexpectedFieldType(node.identifier) }
            return try BERReading.octets(node)
        } catch {
            report.fail(.formatFailure, "malformed messageDigest attribute: \(DecodingErrorText.sentence(error))")
            return nil
        }
    }

    /// DER requires SET OF elements in ascending order of their encodings (X.690 §11.6).
    static func isDERSorted(_ implicitSet: [UInt8]) -> Bool {
        guard let node = try? BER.parse(implicitSet), case .constructed(let children) = node.content else { return false }
        let encodings = children.map { Array($0.encodedBytes) }
        return zip(encodings, encodings.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) }
    }

    // MARK: ISC

    private mutating func identifySigningCertificate(_ info: SignerInfo, candidates: [Certificate]) {
        let matching = candidates.filter { info.signerIdentifier.matches($0) }
        var references: [SigningCertificateReference] = []
        if let attributes = info.signedAttributes {
            for (type, version) in [(ASN1ObjectIdentifier.CMS.signingCertificateV2, 2), (.CMS.signingCertificate, 1)] {
                guard let attribute = attributes[type] else { continue }
                do {
                    references.append(try SigningCertificateReference(value: try attribute.singleValue(), version: version))
                } catch {
                    report.fail(
                        .formatFailure,
                        "malformed \(version == 2 ? "signingCertificateV2" : "signingCertificate") attribute: "
                            + DecodingErrorText.sentence(error)
                    )
                }
            }
        }
        // With an ESS reference, the certificate it names wins among SID matches (same key, other certificate).
        let chosen = matching.first { candidate in references.allSatisfy { $0.matches(candidate).hash } }
        guard let certificate = chosen else {
            if let named = matching.first, let reference = references.first(where: { !$0.matches(named).hash }) {
                // EN 319 102-1 §5.2.3: the signed reference names the signing certificate; when no certificate at hand
                // is that one, the signing certificate is not found (the signature value is not tried against another).
                let name = reference.version == 2 ? "signingCertificateV2" : "signingCertificate"
                report.fail(
                    .noSigningCertificateFound,
                    "the \(name) attribute's \(reference.hashAlgorithm.rawValue) hash matches none of the certificates "
                        + "carried or given "
                        + "(the certificate with the signer's identifier \(info.signerIdentifier) is another one)")
                return
            }
            report.fail(
                .noSigningCertificateFound,
                "the signing certificate (\(info.signerIdentifier)) is neither in the CMS nor among the given or trusted certificates")
            return
        }
        self.certificate = certificate
        report.signer = Signer(certificate: certificate)
        report.signingCertificate = CertificateSummary(certificate: certificate)
        for reference in references {
            let result = reference.matches(certificate)
            let name = reference.version == 2 ? "signingCertificateV2" : "signingCertificate"
            if !result.hash {
                report.fail(
                    .noSigningCertificateFound,
                    "the \(name) attribute's \(reference.hashAlgorithm.rawValue) hash does not match the signing certificate")
            } else if result.issuerSerial == false {
                report.fail(.noSigningCertificateFound, "the \(name) attribute's issuer and serial do not match the signing certificate")
            }
        }
        // EN 319 122-1 §5.2.2: SHA-1 references belong in signing-certificate (v1), other hashes in v2.
        let sha1InV2 = references.contains { $0.version == 2 && $0.hashAlgorithm == .sha1 }
        if sha1InV2 {
            report.messages.append(
                "the signingCertificateV2 attribute uses SHA-1, which EN 319 122-1 §5.2.2 reserves for signingCertificate "
                    + "(v1): the signature is plain CMS, not a CAdES baseline signature")
        }
        if !references.isEmpty && report.format == .cms && !sha1InV2 && !hasDuplicateSigningCertificate {
            report.format = .cadesBaselineB
        }
    }

    // MARK: CV

    private mutating func checkIntegrity(_ info: SignerInfo, messageDigest: [UInt8]?, contentDigests: [DigestAlgorithm: [UInt8]]?) {
        guard let digest = try? info.digest else { return }
        guard let contentDigests else {
            report.fail(.signedDataNotFound, "the signature is detached and the signed content was not supplied")
            return
        }
        guard let actual = contentDigests[digest] else {
            report.fail(.signedDataNotFound, "no \(digest.rawValue) digest of the content was supplied")
            return
        }
        guard info.signedAttributes != nil else {
            // Without signed attributes the signature value itself binds the content; integrity is decided there.
            return
        }
        guard let messageDigest else { return }
        if messageDigest == actual {
            report.intact = true
        } else {
            report.fail(
                .hashFailure,
                "the content's \(digest.rawValue) digest \(Hex.encode(actual)) differs from the signed messageDigest "
                    + Hex.encode(messageDigest)
            )
        }
    }

    private mutating func checkSignatureValue(_ info: SignerInfo, contentDigests: [DigestAlgorithm: [UInt8]]?) {
        guard let certificate, let algorithm else { return }
        do {
            let key = try certificate.publicKey
            let valid: Bool
            if let signed = info.signedAttributesForSignature {
                valid = try key.isValidSignature(info.signature, for: signed, algorithm: algorithm)
            } else if let digest = algorithm.digestAlgorithm, let contentDigest = contentDigests?[digest] {
                valid = try key.isValidSignature(info.signature, digest: contentDigest, algorithm: algorithm)
                report.intact = valid
            } else {
                return // content missing: already reported as SIGNED_DATA_NOT_FOUND
            }
            report.cryptographicallyValid = valid
            if !valid {
                report.fail(.sigCryptoFailure, "the signature value does not verify with the signing certificate's key")
            }
        } catch {
            report.fail(
                .sigCryptoFailure,
                "the signature cannot be verified with the signing certificate's key: \(DecodingErrorText.sentence(error))")
        }
    }
}

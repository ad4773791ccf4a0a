import SenimCrypto
import SenimPKI
import SwiftASN1

/// The validation data a SignerInfo carries in unsigned attributes (ETSI EN 319 122-1 §A.1: certificate-values
/// and revocation-values, as CAdES-XL/-A signatures and the archive timestamps of TS 101 733 keep them), used as
/// path certificates and offline revocation evidence like `SignedData.certificates` and `crls` are.
///
/// ```
/// CertificateValues ::= SEQUENCE OF Certificate
/// RevocationValues ::= SEQUENCE {
///     crlVals       [0] SEQUENCE OF CertificateList OPTIONAL,
///     ocspVals      [1] SEQUENCE OF BasicOCSPResponse OPTIONAL,
///     otherRevVals  [2] OtherRevVals OPTIONAL }
/// ```
public struct LongTermValidationValues: Sendable {
    public private(set) var certificates: [Certificate] = []
    public private(set) var revocationLists: [CertificateRevocationList] = []
    public private(set) var ocspResponses: [OCSPResponse] = []
    /// Values that could not be read, said in a sentence each (reported, never fatal: they are only candidates).
    public private(set) var problems: [String] = []

    public init() {}

    public init(of signer: SignerInfo) {
        for value in signer.unsignedAttributes.all(.CMS.certificateValues).flatMap(\.values) {
            do {
                for node in try BERReading.children(try BER.parse(value), .sequence, "CertificateValues") {
                    certificates.append(try Certificate(derEncoded: Array(node.encodedBytes)))
                }
            } catch {
                problems.append("a certificate-values attribute cannot be read: \(DecodingErrorText.sentence(error))")
            }
        }
        for value in signer.unsignedAttributes.all(.CMS.revocationValues).flatMap(\.values) {
            do {
                for part in try BERReading.children(try BER.parse(value), .sequence, "RevocationValues") {
                    if part.identifier == BERReading.tag(0) {
                        for node in try BERReading.children(try Self.inner(part), .sequence, "crlVals") {
                            revocationLists.append(try CertificateRevocationList(bytes: Array(node.encodedBytes)))
                        }
                    } else if part.identifier == BERReading.tag(1) {
                        for node in try BERReading.children(try Self.inner(part), .sequence, "ocspVals") {
                            ocspResponses.append(try OCSPResponse(derEncoded: try Self.wrapping(basic: Array(node.encodedBytes))))
                        }
                    }
                }
            } catch {
                problems.append("a revocation-values attribute cannot be read: \(DecodingErrorText.sentence(error))")
            }
        }
    }

    /// Both sets together.
    public func merged(with other: LongTermValidationValues) -> LongTermValidationValues {
        var merged = self
        merged.certificates += other.certificates
        merged.revocationLists += other.revocationLists
        merged.ocspResponses += other.ocspResponses
        merged.problems += other.problems
        return merged
    }

    public var revocationSource: OfflineRevocationSource {
        OfflineRevocationSource(revocationLists: revocationLists, ocspResponses: ocspResponses)
    }

    /// The single element inside an EXPLICIT context tag.
    private static func inner(_ node: ASN1Node) throws -> ASN1Node {
        guard case .constructed(let children) = node.content, let first = children.first(where: { _ in true }) else {
            throw ASN1Error.invalidASN1Object(reason: "empty tagged field")
        }
        return first
    }

    /// A BasicOCSPResponse as the OCSPResponse (RFC 6960 §4.2.1: successful, id-pkix-ocsp-basic) that the OCSP
    /// checker reads.
    static func wrapping(basic: [UInt8]) throws -> [UInt8] {
        let responseBytes = DERWriter.sequence([try DERWriter.encode(ASN1ObjectIdentifier.CMS.ocspBasic), DERWriter.octetString(basic)])
        return DERWriter.sequence([[0x0A, 0x01, 0x00], DERWriter.contextConstructed(0, responseBytes)])
    }
}

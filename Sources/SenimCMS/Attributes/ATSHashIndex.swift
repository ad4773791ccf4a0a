import SenimCrypto
import SenimPKI
import SwiftASN1

/// The ats-hash-index of an archive-time-stamp-v3 (ETSI EN 319 122-1 §5.5.2): the hashes of the certificates,
/// revocation data and unsigned attributes the archive timestamp covers, so that validation data added after
/// it does not break it.
///
/// ```
/// ATSHashIndexV3 ::= SEQUENCE {
///     hashIndAlgorithm             AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///     certificatesHashIndex        SEQUENCE OF OCTET STRING,
///     crlsHashIndex                SEQUENCE OF OCTET STRING,
///     unsignedAttrValuesHashIndex  SEQUENCE OF OCTET STRING }
/// ```
/// The three versions differ in what one unsigned-attribute entry hashes: in ats-hash-index (TS 101 733
/// v2.2.1) and -v2 (EN 319 122-1 v1.0.0) the whole `Attribute`; in -v3 the attribute's type followed by one of
/// its values, one entry per value.
public struct ATSHashIndex: Sendable, Hashable {
    public enum Version: String, Sendable, Hashable {
        case v1 = "ats-hash-index"
        case v2 = "ats-hash-index-v2"
        case v3 = "ats-hash-index-v3"

        init?(_ type: ASN1ObjectIdentifier) {
            switch type {
            case .CMS.atsHashIndex: self = .v1
            case .CMS.atsHashIndexV2: self = .v2
            case .CMS.atsHashIndexV3: self = .v3
            default: return nil
            }
        }
    }

    public let version: Version
    public let algorithm: DigestAlgorithm
    public let certificates: [[UInt8]]
    public let revocationData: [[UInt8]]
    public let unsignedAttributes: [[UInt8]]
    /// The attribute value as received: the last part of the archive timestamp's imprint input (§5.5.3 item 4).
    public let encodedValue: [UInt8]

    /// The index carried in an archive timestamp token's SignerInfo, nil when it has none.
    public init?(in token: TimeStampToken) throws(CMSError) {
        let attributes = token.signedData.signerInfos[0].unsignedAttributes.attributes
        guard let attribute = attributes.first(where: { Version($0.type) != nil }), let version = Version(attribute.type) else {
            return nil
        }
        try self.init(value: try attribute.singleValue(), version: version)
    }

    init(value: [UInt8], version: Version) throws(CMSError) {
        self.version = version
        encodedValue = value
        do {
            let root = try DER.parse(value)
            var parts = Array(try BERReading.children(root, .sequence, "ATSHashIndex"))
            var algorithm = DigestAlgorithm.sha256
            if parts.count == 4 {
                algorithm = try DigestAlgorithm(objectIdentifier: try AlgorithmIdentifier(berEncoded: parts.removeFirst()).algorithm)
            }
            guard parts.count == 3 else { throw ASN1Error.invalidASN1Object(reason: "ATSHashIndex needs three hash lists") }
            let lists = try parts.map { list in
                try BERReading.children(list, .sequence, "hash index").map { entry -> [UInt8] in
                    guard entry.identifier == .octetString else { throw ASN1Error.unexpectedFieldType(entry.identifier) }
                    return try BERReading.octets(entry)
                }
            }
            self.algorithm = algorithm
            certificates = lists[0]
            revocationData = lists[1]
            unsignedAttributes = lists[2]
        } catch let error as SenimCryptoError {
            throw .unsupportedAlgorithm(error.description)
        } catch {
            throw .malformed("\(version.rawValue): \(DecodingErrorText.sentence(error))")
        }
    }

    /// The entries that hash nothing the signature holds (EN 319 122-1 §5.5.2: such an index is invalid), by
    /// list name. Validation data added after the timestamp is not in the index, which is allowed.
    public func unmatchedEntries(in signedData: SignedData, signer: SignerInfo) -> [String] {
        let hash = { (bytes: [UInt8]) in algorithm.hash(bytes) }
        var attributeInputs: [[UInt8]] = []
        for attribute in signer.unsignedAttributes.attributes {
            switch version {
            case .v1, .v2:
                attributeInputs.append(attribute.encoded)
            case .v3:
                let type = (try? DERWriter.encode(attribute.type)) ?? []
                attributeInputs += attribute.values.map { type + $0 }
            }
        }
        var problems: [String] = []
        for (name, entries, present) in [
            ("certificatesHashIndex", certificates, signedData.certificateChoicesEncodings),
            ("crlsHashIndex", revocationData, signedData.revocationInfoChoicesEncodings),
            ("unsignedAttrValuesHashIndex", unsignedAttributes, attributeInputs),
        ] {
            let known = Set(present.map(hash))
            let missing = entries.filter { !known.contains($0) }.count
            if missing > 0 { problems.append("\(missing) of the \(entries.count) entries of \(name)") }
        }
        return problems
    }
}

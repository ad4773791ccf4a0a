import SenimCrypto
import SwiftASN1

/// What an archive-time-stamp-v3 stamps (ETSI EN 319 122-1 §5.5.3): the concatenation, in this order, of
/// 1. the DER of `encapContentInfo.eContentType`,
/// 2. the hash of the signed data (the eContent, or the detached content) with the timestamp's imprint algorithm,
/// 3. the SignerInfo's fields `version`, `sid`, `digestAlgorithm`, `signedAttrs`, `signatureAlgorithm` and
///    `signature`, as received,
/// 4. the ats-hash-index value, as carried in the token.
///
/// Because the index (not the unsigned attributes themselves) is stamped, validation data and later archive
/// timestamps can be added without breaking the earlier ones.
public enum ArchiveTimeStampImprint {
    public static func input(
        signedData: SignedData, signer: SignerInfo, signedDataDigest: [UInt8], hashIndex: ATSHashIndex
    ) throws(CMSError) -> [UInt8] {
        let contentType: [UInt8]
        do { contentType = try DERWriter.encode(signedData.encapsulatedContentType) } catch {
            throw .malformed("eContentType: \(DecodingErrorText.sentence(error))")
        }
        return contentType + signedDataDigest + signer.fieldsBeforeUnsignedAttributes + hashIndex.encodedValue
    }
}

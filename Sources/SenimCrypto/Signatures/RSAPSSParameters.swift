import SwiftASN1

/// `RSASSA-PSS-params` (RFC 8017 A.2.3), the parameters of id-RSASSA-PSS.
///
/// Defaults are SHA-1 / MGF1-SHA-1 / salt 20 / trailer 1, as the RFC says, even though nobody signs
/// with those any more: an absent field must be read as its default, not as "same as the hash".
public struct RSAPSSParameters: Hashable, Sendable {
    public var digest: DigestAlgorithm
    public var maskGenerationDigest: DigestAlgorithm
    public var saltLength: Int
    public var trailerField: Int

    public init(digest: DigestAlgorithm, maskGenerationDigest: DigestAlgorithm? = nil, saltLength: Int? = nil) {
        self.digest = digest
        self.maskGenerationDigest = maskGenerationDigest ?? digest
        self.saltLength = saltLength ?? digest.digestByteCount
        self.trailerField = 1
    }

    /// Decodes the parameters of an id-RSASSA-PSS AlgorithmIdentifier.
    public init(parameters: ASN1Any?) throws(SenimCryptoError) {
        guard let parameters else {
            throw .invalidParameters("id-RSASSA-PSS signature without parameters")
        }
        do {
            let node = try DER.parse(parameters.derBytes)
            self = try DER.sequence(node, identifier: .sequence) { nodes in
                var result = RSAPSSParameters(digest: .sha1, maskGenerationDigest: .sha1, saltLength: 20)
                while let child = nodes.next() {
                    guard child.identifier.tagClass == .contextSpecific else {
                        throw SenimCryptoError.malformedEncoding("unexpected element in RSASSA-PSS-params")
                    }
                    let inner: ASN1Node = try DER.explicitlyTagged(child, tagNumber: child.identifier.tagNumber, tagClass: .contextSpecific)
                    { $0 }
                    switch child.identifier.tagNumber {
                    case 0:
                        let hash = try AlgorithmIdentifier(derEncoded: inner)
                        result.digest = try DigestAlgorithm(objectIdentifier: hash.algorithm)
                    case 1:
                        let mgf = try AlgorithmIdentifier(derEncoded: inner)
                        guard mgf.algorithm == .RSAPSS.mgf1, let mgfParameters = mgf.parameters else {
                            throw SenimCryptoError.unsupportedAlgorithm("PSS mask generation function \(mgf.algorithm)")
                        }
                        let mgfHash = try AlgorithmIdentifier(derEncoded: try DER.parse(mgfParameters.derBytes))
                        result.maskGenerationDigest = try DigestAlgorithm(objectIdentifier: mgfHash.algorithm)
                    case 2:
                        let salt = try Int(derEncoded: inner)
                        guard (0...1024).contains(salt) else {
                            throw SenimCryptoError.invalidParameters("PSS salt length \(salt)")
                        }
                        result.saltLength = salt
                    case 3:
                        result.trailerField = try Int(derEncoded: inner)
                    default:
                        throw SenimCryptoError.malformedEncoding("unknown tag [\(child.identifier.tagNumber)] in RSASSA-PSS-params")
                    }
                }
                return result
            }
        } catch let error as SenimCryptoError {
            throw error
        } catch {
            throw .malformedEncoding("RSASSA-PSS-params: \(DecodingErrorText.sentence(error))")
        }
        guard trailerField == 1 else {
            throw .invalidParameters("PSS trailer field \(trailerField) (only 1 is defined)")
        }
    }
}

import SenimCrypto

extension SignedData {
    /// Every digest algorithm detached content must be hashed with to check this CMS: each signer's, and the
    /// imprint algorithm of each content and archive timestamp (which may differ from its signer's). A caller hashing a large
    /// document once for several checks asks for these, then passes ``SignedContent/hashed(digests:length:)``.
    public var contentDigestAlgorithms: Set<DigestAlgorithm> {
        var algorithms = Set<DigestAlgorithm>()
        for info in signerInfos {
            if let digest = try? info.digest { algorithms.insert(digest) }
            // Content timestamps, and archive timestamps (whose imprint input holds the content's hash, EN 319 122-1 §5.5.3).
            let stamps =
                (info.signedAttributes?.all(.CMS.contentTimeStamp) ?? []) + info.unsignedAttributes.all(.CMS.archiveTimeStampV3)
            for value in stamps.flatMap(\.values) {
                if let token = try? TimeStampToken(bytes: value) { algorithms.insert(token.info.imprintAlgorithm) }
            }
        }
        return algorithms
    }
}

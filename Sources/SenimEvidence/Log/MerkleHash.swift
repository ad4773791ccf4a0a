import SenimCrypto

/// RFC 6962 §2.1 (RFC 9162 §2.1.1) tree hashing with SHA-256: leaves and interior nodes are domain-separated
/// so a leaf can never be passed off as a node.
public enum MerkleHash {
    public static let size = 32

    /// MTH({}) = SHA-256() for the empty tree.
    public static var empty: [UInt8] { DigestAlgorithm.sha256.hash([UInt8]()) }

    /// SHA-256(0x00 ‖ leaf).
    public static func leaf(_ data: [UInt8]) -> [UInt8] {
        var hasher = DigestAlgorithm.sha256.makeHasher()
        hasher.update(bytes: [0x00])
        hasher.update(bytes: data)
        return hasher.finalize()
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = DigestAlgorithm.sha256.makeHasher()
        hasher.update(bytes: [0x01])
        hasher.update(bytes: left)
        hasher.update(bytes: right)
        return hasher.finalize()
    }
}

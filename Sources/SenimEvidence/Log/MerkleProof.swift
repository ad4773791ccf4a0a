/// Why a Merkle proof does not prove what it claims.
public enum MerkleProofError: Error, Sendable, Equatable, CustomStringConvertible {
    case indexOutOfRange(index: UInt64, size: UInt64)
    case wrongProofLength(expected: Int, found: Int)
    case malformedHash
    case rootMismatch
    case sizesOutOfOrder(UInt64, UInt64)
    /// A consistency proof from the empty tree proves nothing (every tree extends it), so it is refused.
    case emptyTree

    public var description: String {
        switch self {
        case .indexOutOfRange(let index, let size): return "leaf index \(index) is outside a tree of size \(size)"
        case .wrongProofLength(let expected, let found): return "the proof has \(found) hashes; \(expected) are needed"
        case .malformedHash: return "a hash in the proof is not 32 bytes"
        case .rootMismatch: return "the proof does not lead to the given root"
        case .sizesOutOfOrder(let first, let second): return "tree size \(first) is larger than \(second)"
        case .emptyTree: return "a consistency proof from the empty tree proves nothing"
        }
    }
}

/// Verification of RFC 9162 §2.1.3.2 inclusion proofs and §2.1.4.2 consistency proofs, offline, from hashes alone.
public enum MerkleProof {
    /// The number of hashes an inclusion proof for `index` in a tree of `size` has.
    static func inclusionLength(index: UInt64, size: UInt64) -> Int {
        // The path length is the number of levels below the point where index and size − 1 diverge, plus
        // the levels of the right border above it that have a left sibling.
        let inner = 64 - (index ^ (size - 1)).leadingZeroBitCount
        let border = (index >> UInt64(inner)).nonzeroBitCount
        return inner + border
    }

    public static func verifyInclusion(leafHash: [UInt8], index: UInt64, treeSize: UInt64, proof: [[UInt8]], root: [UInt8])
        throws(MerkleProofError)
    {
        guard index < treeSize else { throw .indexOutOfRange(index: index, size: treeSize) }
        guard leafHash.count == MerkleHash.size, root.count == MerkleHash.size, proof.allSatisfy({ $0.count == MerkleHash.size }) else {
            throw .malformedHash
        }
        let expected = inclusionLength(index: index, size: treeSize)
        guard proof.count == expected else { throw .wrongProofLength(expected: expected, found: proof.count) }
        var fn = index
        var sn = treeSize - 1
        var hash = leafHash
        for sibling in proof {
            if fn & 1 == 1 || fn == sn {
                hash = MerkleHash.node(sibling, hash)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                hash = MerkleHash.node(hash, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0, hash == root else { throw .rootMismatch }
    }

    public static func verifyConsistency(size1: UInt64, size2: UInt64, root1: [UInt8], root2: [UInt8], proof: [[UInt8]])
        throws(MerkleProofError)
    {
        guard size1 <= size2 else { throw .sizesOutOfOrder(size1, size2) }
        // Roots are only compared (a root of the wrong length simply does not match); proof hashes are combined.
        guard proof.allSatisfy({ $0.count == MerkleHash.size }) else { throw .malformedHash }
        guard size1 > 0 else { throw .emptyTree }
        if size1 == size2 {
            guard proof.isEmpty else { throw .wrongProofLength(expected: 0, found: proof.count) }
            guard root1 == root2 else { throw .rootMismatch }
            return
        }
        guard !proof.isEmpty else { throw .wrongProofLength(expected: 1, found: 0) }
        // The hashes: root1 itself when size1 is a power of two (it is a complete subtree of the larger tree).
        let path = size1 & (size1 - 1) == 0 ? [root1] + proof : proof
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for hash in path.dropFirst() {
            guard sn != 0 else { throw .wrongProofLength(expected: path.count - 1, found: proof.count) }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(hash, fr)
                sr = MerkleHash.node(hash, sr)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                sr = MerkleHash.node(sr, hash)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength(expected: path.count, found: proof.count) }
        guard fr == root1, sr == root2 else { throw .rootMismatch }
    }
}

/// Proofs about subtrees `[start, end)` of a log (the Merkle Tree Certificates shape transparency-dev also
/// tests): a subtree is valid when `start` is a multiple of the smallest power of two ≥ `end − start`, i.e. it
/// is a node of the tree of size `end`.
extension MerkleProof {
    static func isValidSubtree(start: UInt64, end: UInt64) -> Bool {
        guard end > start else { return false }
        let width = end - start
        guard width > 1 else { return true }
        let bits = 64 - (width - 1).leadingZeroBitCount
        // A width above 2^63 aligns only at 0 (and 1 << 64 would be 0: no division by it).
        guard bits < 64 else { return start == 0 }
        return start % (UInt64(1) << UInt64(bits)) == 0
    }

    /// A leaf in subtree `[start, end)` whose hash is `root`: an ordinary inclusion proof inside the subtree.
    public static func verifySubtreeInclusion(leafHash: [UInt8], index: UInt64, start: UInt64, end: UInt64, proof: [[UInt8]], root: [UInt8])
        throws(MerkleProofError)
    {
        guard isValidSubtree(start: start, end: end) else { throw .indexOutOfRange(index: start, size: end) }
        guard index >= start, index < end else { throw .indexOutOfRange(index: index, size: end) }
        try verifyInclusion(leafHash: leafHash, index: index - start, treeSize: end - start, proof: proof, root: root)
    }

    /// Subtree `[start, end)` with hash `subtreeRoot` is part of the tree of `size` leaves with hash `treeRoot`.
    /// RFC 9162 §2.1.4.2 generalised: left siblings inside the subtree fold into both hashes, those before
    /// `start` into the tree's only.
    public static func verifySubtreeConsistency(
        start: UInt64, end: UInt64, size: UInt64, subtreeRoot: [UInt8], treeRoot: [UInt8], proof: [[UInt8]]
    ) throws(MerkleProofError) {
        guard proof.allSatisfy({ $0.count == MerkleHash.size }) else { throw .malformedHash }
        guard end <= size, start <= end else { throw .sizesOutOfOrder(end, size) }
        if start == end {
            // The empty subtree: its hash is MTH({}), and it needs no proof.
            guard proof.isEmpty else { throw .wrongProofLength(expected: 0, found: proof.count) }
            guard subtreeRoot == MerkleHash.empty else { throw .rootMismatch }
            return
        }
        guard isValidSubtree(start: start, end: end) else { throw .indexOutOfRange(index: start, size: end) }
        if start == 0 && end == size {
            guard proof.isEmpty else { throw .wrongProofLength(expected: 0, found: proof.count) }
            guard subtreeRoot == treeRoot else { throw .rootMismatch }
            return
        }
        let width = end - start
        let path = width & (width - 1) == 0 ? [subtreeRoot] + proof : proof
        guard !path.isEmpty else { throw .wrongProofLength(expected: 1, found: 0) }
        var fn = end - 1
        var sn = size - 1
        var level: UInt64 = 0
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
            level += 1
        }
        var fr = path[0]
        var sr = path[0]
        for hash in path.dropFirst() {
            guard sn != 0 else { throw .wrongProofLength(expected: path.count - 1, found: proof.count) }
            if fn & 1 == 1 || fn == sn {
                if fn & 1 == 1 {
                    // The left sibling covers leaves [(fn − 1)·2^level, fn·2^level).
                    if (fn - 1) << level >= start { fr = MerkleHash.node(hash, fr) }
                    sr = MerkleHash.node(hash, sr)
                } else {
                    fr = MerkleHash.node(hash, fr)
                    sr = MerkleHash.node(hash, sr)
                }
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                        level += 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                sr = MerkleHash.node(sr, hash)
            }
            fn >>= 1
            sn >>= 1
            level += 1
        }
        guard sn == 0 else { throw .wrongProofLength(expected: path.count, found: proof.count) }
        guard fr == subtreeRoot, sr == treeRoot else { throw .rootMismatch }
    }
}

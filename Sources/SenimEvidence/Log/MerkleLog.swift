/// An append-only RFC 6962 Merkle log in memory: the leaf hashes and every complete subtree above them, so a
/// root, an inclusion proof or a consistency proof costs O(log n) hashes of the right border only.
///
/// `levels[h]` holds the hashes of the complete subtrees of 2^h leaves, left to right, 32 bytes each, in one
/// contiguous array (a million leaves take 64 MB, not a million small arrays).
public struct MerkleLog: Sendable {
    private var levels: [[UInt8]] = [[]]
    public private(set) var size: UInt64 = 0

    public init() {}

    /// Appends a leaf's data (its hash is SHA-256(0x00 ‖ data)) and returns its index.
    @discardableResult
    public mutating func append(leafData: [UInt8]) -> UInt64 { append(leafHash: MerkleHash.leaf(leafData)) }

    @discardableResult
    public mutating func append(leafHash: [UInt8]) -> UInt64 {
        let index = size
        levels[0] += leafHash
        size += 1
        // Every time a level gets an even count, its last two hashes form a complete subtree one level up.
        var level = 0
        var count = size
        while count & 1 == 0 {
            let hashes = levels[level]
            let pair = hashes.count - 2 * MerkleHash.size
            let parent = MerkleHash.node(Array(hashes[pair..<(pair + MerkleHash.size)]), Array(hashes[(pair + MerkleHash.size)...]))
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1] += parent
            level += 1
            count >>= 1
        }
        return index
    }

    public func leafHash(at index: UInt64) -> [UInt8]? { index < size ? stored(level: 0, index: index) : nil }

    /// MTH(D[0:size]).
    public var root: [UInt8] { root(ofSize: size) }

    /// The root the log had when it held `treeSize` leaves.
    public func root(ofSize treeSize: UInt64) -> [UInt8] {
        treeSize == 0 ? MerkleHash.empty : hash(start: 0, count: treeSize)
    }

    /// PATH(index, D[0:treeSize]) (RFC 9162 §2.1.3.1).
    public func inclusionProof(index: UInt64, treeSize: UInt64? = nil) throws(MerkleProofError) -> [[UInt8]] {
        let n = treeSize ?? size
        guard n <= size else { throw .indexOutOfRange(index: n, size: size) }
        guard index < n else { throw .indexOutOfRange(index: index, size: n) }
        var proof: [[UInt8]] = []
        path(index: index, start: 0, count: n, into: &proof)
        return proof
    }

    /// PROOF(size1, D[0:size2]) (RFC 9162 §2.1.4.1).
    public func consistencyProof(from size1: UInt64, to size2: UInt64? = nil) throws(MerkleProofError) -> [[UInt8]] {
        let n = size2 ?? size
        guard n <= size else { throw .indexOutOfRange(index: n, size: size) }
        guard size1 <= n else { throw .sizesOutOfOrder(size1, n) }
        guard size1 > 0, size1 < n else { return [] }
        var proof: [[UInt8]] = []
        subproof(m: size1, start: 0, count: n, complete: true, into: &proof)
        return proof
    }

    // MARK: Subtrees

    private func stored(level: Int, index: UInt64) -> [UInt8] {
        let offset = Int(index) * MerkleHash.size
        return Array(levels[level][offset..<(offset + MerkleHash.size)])
    }

    /// MTH(D[start:start+count]): stored when it is a complete, aligned subtree, else split at the largest
    /// power of two below count.
    private func hash(start: UInt64, count: UInt64) -> [UInt8] {
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            if level < levels.count, start % count == 0, (start / count + 1) * count <= size {
                return stored(level: level, index: start / count)
            }
        }
        let k = Self.largestPowerOfTwo(below: count)
        return MerkleHash.node(hash(start: start, count: k), hash(start: start + k, count: count - k))
    }

    private func path(index: UInt64, start: UInt64, count: UInt64, into proof: inout [[UInt8]]) {
        guard count > 1 else { return }
        let k = Self.largestPowerOfTwo(below: count)
        if index < k {
            path(index: index, start: start, count: k, into: &proof)
            proof.append(hash(start: start + k, count: count - k))
        } else {
            path(index: index - k, start: start + k, count: count - k, into: &proof)
            proof.append(hash(start: start, count: k))
        }
    }

    private func subproof(m: UInt64, start: UInt64, count: UInt64, complete: Bool, into proof: inout [[UInt8]]) {
        if m == count {
            if !complete { proof.append(hash(start: start, count: count)) }
            return
        }
        let k = Self.largestPowerOfTwo(below: count)
        if m <= k {
            subproof(m: m, start: start, count: k, complete: complete, into: &proof)
            proof.append(hash(start: start + k, count: count - k))
        } else {
            subproof(m: m - k, start: start + k, count: count - k, complete: false, into: &proof)
            proof.append(hash(start: start, count: k))
        }
    }

    /// The largest power of two strictly below n (n ≥ 2).
    static func largestPowerOfTwo(below n: UInt64) -> UInt64 {
        UInt64(1) << UInt64(63 - (n - 1).leadingZeroBitCount)
    }
}

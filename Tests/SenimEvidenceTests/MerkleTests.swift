import Foundation
import SenimCrypto
import SenimTestSupport
import Testing

@testable import SenimEvidence

@Suite("RFC 6962 Merkle log")
struct MerkleTests {
    struct InclusionVector: Decodable {
        let leafIdx: UInt64, treeSize: UInt64, root: String, leafHash: String, proof: [String]?, desc: String, wantErr: Bool
    }
    struct SubtreeInclusionVector: Decodable {
        let leafIdx: UInt64, start: UInt64, end: UInt64, root: String, leafHash: String, proof: [String]?, desc: String, wantErr: Bool
    }
    struct SubtreeConsistencyVector: Decodable {
        let start: UInt64, end: UInt64, size: UInt64, root1: String, root2: String, proof: [String]?, desc: String, wantErr: Bool
    }
    struct ConsistencyVector: Decodable {
        let size1: UInt64, size2: UInt64, root1: String, root2: String, proof: [String]?, desc: String, wantErr: Bool
    }

    static func files(_ folder: String) throws -> [URL] {
        let root = TestVectors.url("suites/merkle/testdata/\(folder)")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }

    static func bytes(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64) ?? Data()) }

    /// Runs every vector of a folder: those with wantErr must fail, the others verify. Returns (positive, negative).
    static func run<Vector: Decodable>(
        _ folder: String, as type: Vector.Type, wantErr: (Vector) -> Bool, describe: (Vector) -> String,
        verify: (Vector) throws -> Void
    ) throws -> (Int, Int) {
        var positive = 0
        var negative = 0
        for file in try files(folder) {
            let vector = try JSONDecoder().decode(Vector.self, from: Data(contentsOf: file))
            let failure: (any Error)? = {
                do {
                    try verify(vector)
                    return nil
                } catch { return error }
            }()
            if wantErr(vector) {
                negative += 1
                if failure == nil { Issue.record("\(file.path): \(describe(vector)) verified but must fail") }
            } else {
                positive += 1
                if let failure { Issue.record("\(file.path): \(describe(vector)): \(failure)") }
            }
        }
        return (positive, negative)
    }

    /// All transparency-dev inclusion vectors (positive and negative): the valid proofs verify, the others fail.
    @Test func transparencyDevInclusionProofsVerifyOrFailAsTheyShould() throws {
        let (positive, negative) = try Self.run("inclusion", as: InclusionVector.self, wantErr: \.wantErr, describe: \.desc) { vector in
            try MerkleProof.verifyInclusion(
                leafHash: Self.bytes(vector.leafHash), index: vector.leafIdx, treeSize: vector.treeSize,
                proof: (vector.proof ?? []).map(Self.bytes), root: Self.bytes(vector.root))
        }
        print("merkle inclusion vectors: \(positive) positive, \(negative) negative")
        #expect(positive == 6 && negative == 92) // 98 files in testdata/inclusion
    }

    /// All transparency-dev consistency vectors (positive and negative).
    @Test func transparencyDevConsistencyProofsVerifyOrFailAsTheyShould() throws {
        let (positive, negative) = try Self.run("consistency", as: ConsistencyVector.self, wantErr: \.wantErr, describe: \.desc) { vector in
            try MerkleProof.verifyConsistency(
                size1: vector.size1, size2: vector.size2, root1: Self.bytes(vector.root1), root2: Self.bytes(vector.root2),
                proof: (vector.proof ?? []).map(Self.bytes))
        }
        print("merkle consistency vectors: \(positive) positive, \(negative) negative")
        #expect(positive == 6 && negative == 92) // 98 files in testdata/consistency
    }

    /// The subtree vectors (Merkle Tree Certificates subtrees): 204 inclusion and 118 consistency cases.
    @Test func transparencyDevSubtreeProofsVerifyOrFailAsTheyShould() throws {
        let inclusion = try Self.run("subtreeinclusion", as: SubtreeInclusionVector.self, wantErr: \.wantErr, describe: \.desc) { vector in
            try MerkleProof.verifySubtreeInclusion(
                leafHash: Self.bytes(vector.leafHash), index: vector.leafIdx, start: vector.start, end: vector.end,
                proof: (vector.proof ?? []).map(Self.bytes), root: Self.bytes(vector.root))
        }
        let consistency = try Self.run("subtreeconsistency", as: SubtreeConsistencyVector.self, wantErr: \.wantErr, describe: \.desc) {
            vector in
            try MerkleProof.verifySubtreeConsistency(
                start: vector.start, end: vector.end, size: vector.size, subtreeRoot: Self.bytes(vector.root1),
                treeRoot: Self.bytes(vector.root2), proof: (vector.proof ?? []).map(Self.bytes))
        }
        print("merkle subtree vectors: inclusion \(inclusion.0)+\(inclusion.1), consistency \(consistency.0)+\(consistency.1)")
        #expect(inclusion.0 == 12 && inclusion.1 == 192)
        #expect(consistency.0 == 12 && consistency.1 == 106)
    }

    /// MTH by the RFC's recursive definition, to check the log's stored-subtree arithmetic against.
    static func referenceRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.isEmpty { return MerkleHash.empty }
        if leaves.count == 1 { return MerkleHash.leaf(leaves.first!) }
        let k = Int(MerkleLog.largestPowerOfTwo(below: UInt64(leaves.count)))
        return MerkleHash.node(referenceRoot(leaves.prefix(k)), referenceRoot(leaves.dropFirst(k)))
    }

    /// Every root, inclusion proof and consistency proof of logs up to 70 leaves verifies, and fails tampered.
    @Test func generatedProofsUpToSeventyLeavesVerifyAndFailTampered() throws {
        var log = MerkleLog()
        let leaves = (0..<70).map { Array("leaf \($0)".utf8) }
        for (index, leaf) in leaves.enumerated() {
            log.append(leafData: leaf)
            #expect(log.root == Self.referenceRoot(leaves[...index]))
        }
        for size in UInt64(1)...70 {
            let root = log.root(ofSize: size)
            for index in 0..<size {
                let proof = try log.inclusionProof(index: index, treeSize: size)
                try MerkleProof.verifyInclusion(
                    leafHash: MerkleHash.leaf(leaves[Int(index)]), index: index, treeSize: size, proof: proof, root: root)
                #expect(throws: MerkleProofError.self) {
                    try MerkleProof.verifyInclusion(
                        leafHash: MerkleHash.leaf(Array("other".utf8)), index: index, treeSize: size, proof: proof, root: root)
                }
            }
            for older in 1...size {
                let proof = try log.consistencyProof(from: older, to: size)
                try MerkleProof.verifyConsistency(size1: older, size2: size, root1: log.root(ofSize: older), root2: root, proof: proof)
                if older > 0 && older < size {
                    #expect(throws: MerkleProofError.self) {
                        try MerkleProof.verifyConsistency(size1: older, size2: size, root1: MerkleHash.leaf([1]), root2: root, proof: proof)
                    }
                }
            }
        }
    }
}

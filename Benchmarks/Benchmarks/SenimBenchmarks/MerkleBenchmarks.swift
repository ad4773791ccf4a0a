import Benchmark
import Foundation
import SenimCrypto
import SenimEvidence

/// The platform log: appends per second (target ≥ 100,000/s) and an inclusion proof in a 1,000,000-leaf log
/// (target ≤ 50 µs), with a bare SHA-256 of the same leaf as the floor beside the append.
func registerMerkleBenchmarks() {
    let leaves = (0..<100_000).map { Array("chain head \($0) of document d-\($0 % 977)".utf8) }
    Benchmark("Merkle log: append 100,000 leaves: Senimkey MerkleLog",
              configuration: .init(metrics: [.wallClock, .throughput], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            var log = MerkleLog()
            for leaf in leaves { log.append(leafData: leaf) }
            blackHole(log.root)
        }
    }
    Benchmark("Merkle log: 100,000 leaf hashes alone: baseline SHA-256",
              configuration: .init(metrics: [.wallClock], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            for leaf in leaves { blackHole(MerkleHash.leaf(leaf)) }
        }
    }
    var big = MerkleLog()
    for index in 0..<1_000_000 { big.append(leafHash: DigestAlgorithm.sha256.hash(Array("leaf \(index)".utf8))) }
    let million = big
    let root = million.root
    Benchmark("Merkle log: inclusion proof in a 1,000,000-leaf log (generate + verify): Senimkey",
              configuration: .init(metrics: [.wallClock], timeUnits: .microseconds, maxDuration: .seconds(4), maxIterations: 100_000)) { benchmark in
        var index: UInt64 = 12_345
        for _ in benchmark.scaledIterations {
            index = (index &* 6_364_136_223_846_793_005 &+ 1) % 1_000_000
            let proof = try million.inclusionProof(index: index)
            try MerkleProof.verifyInclusion(leafHash: million.leafHash(at: index) ?? [], index: index, treeSize: million.size, proof: proof, root: root)
            blackHole(proof)
        }
    }
}

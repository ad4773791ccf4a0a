import Foundation
import SenimCrypto
import SenimEvidence
import SenimWorkflow

/// The platform log as this node last saw it: the Merkle tree, brought up to date by reading only the leaves
/// added since, and the signed checkpoint of its current size. An evidence export then costs the new leaves
/// and one proof, not a reload of the whole log (and not one checkpoint signature per export).
actor PlatformLogMirror {
    private var log = MerkleLog()
    private var checkpoint: (size: UInt64, note: String)?

    /// The inclusion of `leafIndex` in the log as it is in the store now, with the checkpoint of that size.
    func inclusion(of leafIndex: UInt64, engine: WorkflowEngine, sign: @Sendable (_ size: UInt64, _ root: [UInt8]) throws -> String)
        async throws -> (treeSize: UInt64, proof: [[UInt8]], checkpoint: String)
    {
        for hash in try await engine.logLeafHashes(from: log.size) { log.append(leafHash: hash) }
        if checkpoint?.size != log.size { checkpoint = (log.size, try sign(log.size, log.root)) }
        return (log.size, try log.inclusionProof(index: leafIndex), checkpoint?.note ?? "")
    }
}

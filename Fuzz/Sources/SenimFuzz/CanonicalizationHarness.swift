import SenimCrypto

@testable import SenimXMLDSig

/// The canonicaliser (`Canonicalizer`, libxml2's xmlC14NExecute behind the project's node-set shim) over the whole
/// document, for every method XML-DSig allows.
///
/// Invariants: the streamed digest equals the digest of the canonical octets (same length too); canonical XML of
/// canonical XML is the same octets (C14N is idempotent on a whole document).
enum CanonicalizationHarness {
    static let harness = Harness(name: "c14n", summary: "XML canonicalisation: C14N 1.0/1.1, exclusive, with comments") { bytes in
        guard let document = try? XMLDocument(bytes: bytes) else { return }
        for method in CanonicalizationMethod.allCases {
            let selection = NodeSelection(root: nil, excludeComments: !method.withComments)
            guard let canonical = try? Canonicalizer.canonicalize(document, selection, method: method) else { continue }
            do {
                let streamed = try Canonicalizer.digest(document, selection, method: method, algorithm: .sha256)
                Invariant.check(
                    streamed.digest == DigestAlgorithm.sha256.hash(canonical) && streamed.length == canonical.count,
                    "\(method): the streamed digest differs from the digest of the canonical octets")
            } catch {
                Invariant.check(false, "\(method): canonicalisation succeeded but the streamed digest failed: \(error)")
            }
            guard method == .inclusive10 || method == .exclusive10, !canonical.isEmpty,
                let again = try? XMLDocument(bytes: canonical),
                let twice = try? Canonicalizer.canonicalize(again, selection, method: method)
            else { continue }
            Invariant.check(twice == canonical, "\(method): canonicalising the canonical form changed it")
        }
    }
}

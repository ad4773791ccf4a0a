import SwiftASN1

/// The valid_policy_tree of RFC 5280 §6.1.2 (a), grown and pruned by §6.1.3 (d)–(e), mapped by §6.1.4 (b),
/// and intersected with the user-initial-policy-set by §6.1.5 (g).
struct PolicyTree {
    private struct Node {
        let policy: ASN1ObjectIdentifier
        var expected: Set<ASN1ObjectIdentifier>
        let parent: Int?
        let depth: Int
        var alive = true
    }

    private static let anyPolicy = PolicyInformation.anyPolicy
    private var nodes: [Node] = [Node(policy: anyPolicy, expected: [anyPolicy], parent: nil, depth: 0)]
    /// NULL in the RFC's terms.
    private(set) var isNull = false

    private func alive(at depth: Int) -> [Int] { nodes.indices.filter { nodes[$0].alive && nodes[$0].depth == depth } }
    private func children(of index: Int) -> [Int] { nodes.indices.filter { nodes[$0].alive && nodes[$0].parent == index } }

    /// §6.1.3 (d): process certificate `depth` (1-based) with its policies; `anyPolicyAllowed` is
    /// (inhibit_anyPolicy > 0) or (it is a self-issued intermediate).
    mutating func process(policies: [PolicyInformation], depth: Int, anyPolicyAllowed: Bool) {
        guard !isNull else { return }
        let parents = alive(at: depth - 1)
        for policy in policies where policy.identifier != Self.anyPolicy {
            let matching = parents.filter { nodes[$0].expected.contains(policy.identifier) }
            if !matching.isEmpty {
                for parent in matching {
                    nodes.append(Node(policy: policy.identifier, expected: [policy.identifier], parent: parent, depth: depth))
                }
            } else {
                for parent in parents where nodes[parent].policy == Self.anyPolicy {
                    nodes.append(Node(policy: policy.identifier, expected: [policy.identifier], parent: parent, depth: depth))
                }
            }
        }
        if anyPolicyAllowed, policies.contains(where: { $0.identifier == Self.anyPolicy }) {
            for parent in parents {
                let existing = Set(children(of: parent).map { nodes[$0].policy })
                for value in nodes[parent].expected where !existing.contains(value) {
                    nodes.append(Node(policy: value, expected: [value], parent: parent, depth: depth))
                }
            }
        }
        prune(below: depth)
    }

    /// §6.1.3 (e): a certificate without a certificatePolicies extension empties the tree.
    mutating func clear() { isNull = true }

    /// §6.1.4 (b): apply policy mappings at `depth` (the current certificate's depth).
    mutating func applyMappings(_ mappings: [PolicyMapping], depth: Int, mappingAllowed: Bool, anyPolicyQualifiersPresent: Bool) {
        guard !isNull else { return }
        let issuerPolicies = Set(mappings.map(\.issuerDomainPolicy))
        for policy in issuerPolicies {
            let subjectPolicies = Set(mappings.filter { $0.issuerDomainPolicy == policy }.map(\.subjectDomainPolicy))
            let atDepth = alive(at: depth).filter { nodes[$0].policy == policy }
            if mappingAllowed {
                if !atDepth.isEmpty {
                    for index in atDepth { nodes[index].expected = subjectPolicies }
                } else if let anyNode = alive(at: depth).first(where: { nodes[$0].policy == Self.anyPolicy }),
                    let parent = nodes[anyNode].parent
                {
                    nodes.append(Node(policy: policy, expected: subjectPolicies, parent: parent, depth: depth))
                }
            } else {
                for index in atDepth { nodes[index].alive = false }
                prune(below: depth)
            }
        }
    }

    /// Deletes every node above `depth` that has no children, bottom-up.
    private mutating func prune(below depth: Int) {
        for level in stride(from: depth - 1, through: 0, by: -1) {
            for index in alive(at: level) where children(of: index).isEmpty { nodes[index].alive = false }
        }
        if alive(at: 0).isEmpty { isNull = true }
    }

    /// §6.1.5 (g): the intersection with the user-initial-policy-set; returns the authorities-constrained
    /// policies that survive (empty when the tree is NULL).
    mutating func intersect(with userPolicies: Set<ASN1ObjectIdentifier>, depth n: Int) -> Set<ASN1ObjectIdentifier> {
        guard !isNull else { return [] }
        if userPolicies.contains(Self.anyPolicy) {
            return Set(alive(at: n).map { nodes[$0].policy })
        }
        // (ii) the valid_policy_node_set: nodes whose parent is anyPolicy; drop those not in the user set.
        let nodeSet = nodes.indices.filter { index in
            guard nodes[index].alive, let parent = nodes[index].parent else { return false }
            return nodes[parent].policy == Self.anyPolicy
        }
        for index in nodeSet where nodes[index].policy != Self.anyPolicy && !userPolicies.contains(nodes[index].policy) {
            nodes[index].alive = false
            for child in descendants(of: index) { nodes[child].alive = false }
        }
        // (iii) a leaf anyPolicy stands for every user policy not already present.
        if let anyLeaf = alive(at: n).first(where: { nodes[$0].policy == Self.anyPolicy }), let parent = nodes[anyLeaf].parent {
            let present = Set(nodeSet.filter { nodes[$0].alive }.map { nodes[$0].policy })
            for policy in userPolicies where !present.contains(policy) {
                nodes.append(Node(policy: policy, expected: [policy], parent: parent, depth: n))
            }
            nodes[anyLeaf].alive = false
        }
        prune(below: n)
        return isNull ? [] : Set(alive(at: n).map { nodes[$0].policy })
    }

    private func descendants(of index: Int) -> [Int] {
        var result: [Int] = []
        var frontier = [index]
        while let next = frontier.popLast() {
            let kids = nodes.indices.filter { nodes[$0].parent == next }
            result += kids
            frontier += kids
        }
        return result
    }
}

import SenimEvidence

/// `CanonicalJSON.parse` (the RFC 8785 subset evidence uses) and `CanonicalJSON.serialize`.
///
/// Invariants: parse → serialise → parse gives an equal value; the serialisation of that value is a fixed point.
enum CanonicalJSONHarness {
    static let harness = Harness(name: "json", summary: "canonical JSON: parse, serialise, parse again") { bytes in
        guard let value = try? CanonicalJSON.parse(bytes) else { return }
        let serialized = CanonicalJSON.serialize(value)
        let again: JSONValue
        do { again = try CanonicalJSON.parse(serialized) } catch {
            Invariant.check(false, "the serialisation of a parsed value does not parse: \(error)")
            return
        }
        Invariant.check(again == value, "parse → serialise → parse changed the value")
        Invariant.check(CanonicalJSON.serialize(again) == serialized, "serialisation is not a fixed point")
    }
}

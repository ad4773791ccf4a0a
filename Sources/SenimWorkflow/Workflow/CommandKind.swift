/// The workflow commands by kind: what an illegal transition names.
public enum CommandKind: String, Sendable, Hashable, Codable, CaseIterable {
    case upload, create, addSigner, send, view, sign, reject, cancel, expire
}

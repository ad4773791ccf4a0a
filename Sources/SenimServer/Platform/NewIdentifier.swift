import Foundation

/// Ids the platform gives new things (documents, signers, partners, packages, users): a prefix and 96 random bits.
func newIdentifier(_ prefix: String) -> String {
    prefix + "-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(24)
}

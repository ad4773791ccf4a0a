import SenimCrypto

/// The id of a new document, signer, partner, package or user: a prefix and ``RandomToken/identifier`` (96
/// random bits in hex), so ids cannot be guessed or enumerated.
public func newIdentifier(_ prefix: String) throws -> String {
    prefix + "-" + (try RandomToken.identifier.make())
}

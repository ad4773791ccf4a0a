import SenimCrypto

/// The id of a new document, signer, partner, package or user: a prefix and 96 random bits in hex, so ids
/// cannot be guessed or enumerated. The one generator of the platform.
public func newIdentifier(_ prefix: String) throws -> String {
    prefix + "-" + Hex.encode(try MessageAuthentication.randomBytes(12))
}

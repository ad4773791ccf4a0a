import SwiftASN1

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }`.
///
/// The received DER is kept: OpenSSL re-reads it for RSA/EC/Ed25519/DSA, and its SHA-1 is the key identifier.
public struct SubjectPublicKeyInfo: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public var algorithm: AlgorithmIdentifier
    public var subjectPublicKey: ASN1BitString
    /// The exact bytes this value was decoded from (or serialises to).
    public private(set) var derEncoded: [UInt8]

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        let (algorithm, key) = try DER.sequence(rootNode, identifier: identifier) { nodes in
            (try AlgorithmIdentifier(derEncoded: &nodes), try ASN1BitString(derEncoded: &nodes))
        }
        self.algorithm = algorithm
        self.subjectPublicKey = key
        self.derEncoded = Array(rootNode.encodedBytes)
    }

    public init(algorithm: AlgorithmIdentifier, subjectPublicKey: ASN1BitString) throws {
        self.algorithm = algorithm
        self.subjectPublicKey = subjectPublicKey
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(algorithm)
            try coder.serialize(subjectPublicKey)
        }
        self.derEncoded = serializer.serializedBytes
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            try coder.serialize(subjectPublicKey)
        }
    }

    /// The key bits; BIT STRINGs of keys never have unused bits.
    public var keyBytes: [UInt8] { Array(subjectPublicKey.bytes) }
}

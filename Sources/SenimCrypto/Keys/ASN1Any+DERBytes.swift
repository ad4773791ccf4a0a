import SwiftASN1

extension ASN1Any {
    /// The DER of the erased element, for re-parsing algorithm parameters with a concrete type.
    var derBytes: [UInt8] {
        var serializer = DER.Serializer()
        // Serialising an already-parsed node only copies its bytes and cannot fail.
        try? serializer.serialize(self)
        return serializer.serializedBytes
    }
}

import SwiftASN1

@testable import SenimPKI

/// The DER and BER readers every other parser stands on: swift-asn1's `DER.parse` and `BER.parse`, the strict
/// `DERCursor` the CRL reader walks long lists with, and `DERInput` (DER, PEM or base64 as users hand it over).
///
/// Invariants: a DER parse keeps the input byte for byte (`encodedBytes`) and serialises back to it; whatever DER
/// accepts BER accepts with the same bytes; the cursor reads a DER input as exactly one element with the root's tag
/// and length.
enum DERHarness {
    static let harness = Harness(name: "der", summary: "DER/BER reader: DER.parse, BER.parse, DERCursor, DERInput") { bytes in
        _ = try? DERInput.decode(bytes, pemLabels: ["CERTIFICATE", "X509 CRL", "CMS", "PKCS7"])
        let ber = try? BER.parse(bytes)
        if let ber { walk(ber, depth: 0) }
        guard let root = try? DER.parse(bytes) else { return }
        Invariant.check(Array(root.encodedBytes) == bytes, "DER.parse did not keep the input's bytes")
        var serializer = DER.Serializer()
        serializer.serialize(root)
        Invariant.check(serializer.serializedBytes == bytes, "DER parse → serialise changed the bytes")
        Invariant.check(ber.map { Array($0.encodedBytes) == bytes } ?? false, "DER accepted what BER refused, or BER read other bytes")
        walk(root, depth: 0)
        if bytes.first.map({ $0 & 0x1f != 0x1f }) == true {
            var cursor = DERCursor(bytes, range: 0..<bytes.count)
            let element = try? cursor.next()
            Invariant.check(
                element?.whole == 0..<bytes.count && cursor.isAtEnd && element?.tag == bytes[0],
                "DERCursor disagrees with DER.parse on the top-level element")
        }
    }

    /// Visits every node (and its content) the way the typed decoders do.
    private static func walk(_ node: ASN1Node, depth: Int) {
        switch node.content {
        case .constructed(let children):
            for child in children { walk(child, depth: depth + 1) }
        case .primitive(let content):
            _ = content.count
        }
    }
}

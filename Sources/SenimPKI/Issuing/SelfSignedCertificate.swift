import Foundation
import SenimCrypto
import SwiftASN1

/// A self-signed X.509 v3 certificate (RFC 5280 §4.1) for a deployment's own seal key when none was given:
/// `senimkey serve` on a fresh machine seals its evidence with it, and an expert trusts it explicitly
/// (`--trust seal.cert.pem`). Key usage is digitalSignature + nonRepudiation, as a signing certificate needs.
public enum SelfSignedCertificate {
    /// - Parameter serialNumber: the serial's bytes (big-endian, positive); random 127 bits when nil.
    public static func make(
        commonName: String, organisation: String, key: PrivateKey, algorithm: SignatureAlgorithm,
        validFrom: Date, validUntil: Date, serialNumber: [UInt8]? = nil
    ) throws -> Certificate {
        let name = DERWriter.sequence([
            DERWriter.setOf([
                DERWriter.sequence([try DERWriter.encode(ASN1ObjectIdentifier.NameAttribute.organization), utf8(organisation)])
            ]),
            DERWriter.setOf([DERWriter.sequence([try DERWriter.encode(ASN1ObjectIdentifier.NameAttribute.commonName), utf8(commonName)])]),
        ])
        let publicKey = try key.publicKey.subjectPublicKeyInfo
        let spki = publicKey.derEncoded
        // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits.
        let keyIdentifier = DigestAlgorithm.sha1.hash(publicKey.keyBytes)
        let signatureAlgorithm = try DERWriter.encode(algorithm.algorithmIdentifier)
        let extensions = DERWriter.sequence([
            // basicConstraints: not a CA (critical).
            DERWriter.sequence([
                try DERWriter.encode(ASN1ObjectIdentifier.CertificateExtensionID.basicConstraints), [0x01, 0x01, 0xFF],
                DERWriter.octetString(DERWriter.sequence([])),
            ]),
            // keyUsage: digitalSignature (bit 0) + nonRepudiation (bit 1), critical.
            DERWriter.sequence([
                try DERWriter.encode(ASN1ObjectIdentifier.CertificateExtensionID.keyUsage), [0x01, 0x01, 0xFF],
                DERWriter.octetString([0x03, 0x02, 0x06, 0xC0]),
            ]),
            DERWriter.sequence([
                try DERWriter.encode(ASN1ObjectIdentifier.CertificateExtensionID.subjectKeyIdentifier),
                DERWriter.octetString(DERWriter.octetString(keyIdentifier)),
            ]),
        ])
        var serial = try serialNumber ?? MessageAuthentication.randomBytes(16)
        if serialNumber == nil { serial[0] &= 0x7F }
        let tbs = DERWriter.sequence([
            DERWriter.contextConstructed(0, DERWriter.integer(2)),
            DERWriter.unsignedInteger(serial),
            signatureAlgorithm,
            name,
            DERWriter.sequence([try time(validFrom), try time(validUntil)]),
            name,
            spki,
            DERWriter.contextConstructed(3, extensions),
        ])
        let signature = try key.signature(for: tbs, algorithm: algorithm)
        let certificate = DERWriter.sequence([tbs, signatureAlgorithm, DERWriter.tlv(0x03, [0x00] + signature)])
        return try Certificate(derEncoded: certificate)
    }

    private static func utf8(_ text: String) -> [UInt8] { DERWriter.tlv(0x0C, Array(text.utf8)) }

    /// UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
    private static func time(_ date: Date) throws -> [UInt8] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date).year ?? 2000
        formatter.dateFormat = year < 2050 ? "yyMMddHHmmss'Z'" : "yyyyMMddHHmmss'Z'"
        return DERWriter.tlv(year < 2050 ? 0x17 : 0x18, Array(formatter.string(from: date).utf8))
    }
}

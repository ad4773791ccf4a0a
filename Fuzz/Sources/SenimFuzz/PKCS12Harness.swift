import SenimCrypto
import SenimPKI

/// `PKCS12(derEncoded:password:)` with the fixed password of the generated vectors and of the seeds made by
/// seeds/make.sh: the MAC, PBES1/PBES2 decryption, the bags, then the key and certificates found.
///
/// Invariant: every certificate bag the file yields is a certificate the certificate reader accepts or refuses
/// with a typed error (the harness only requires no fault), and the first key's certificate is one of them.
enum PKCS12Harness {
    static let password = "senimkey"

    static let harness = Harness(name: "pkcs12", summary: "PKCS#12 with a fixed password: MAC, PBES1/PBES2, bags") { bytes in
        guard let file = try? PKCS12(derEncoded: bytes, password: password) else { return }
        for entry in file.certificates {
            if let certificate = try? Certificate(derEncoded: entry.derEncoded) { CertificateHarness.exercise(certificate) }
        }
        if let first = file.certificateOfFirstKey {
            Invariant.check(
                file.certificates.contains { $0.derEncoded == first.derEncoded }, "the first key's certificate is not in the file")
        }
        for key in file.keys { _ = key.privateKey }
    }
}

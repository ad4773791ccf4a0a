import SenimPKI

/// `CertificateRevocationList(bytes:)`: the DER cursor over the revoked list, entry extensions, the serial index.
///
/// Invariants: parse → `derEncoded` → parse gives the same list; every positive serial the list holds is found by
/// the index.
enum CRLHarness {
    static let harness = Harness(name: "crl", summary: "X.509 CRL: CertificateRevocationList(bytes:), entry index") { bytes in
        guard let crl = try? CertificateRevocationList(bytes: bytes) else { return }
        for entry in crl.entries where !entry.serialIsNegative {
            Invariant.check(
                crl.entry(forSerial: entry.serialNumber)?.serialNumber == entry.serialNumber, "an entry's serial is not indexed")
        }
        _ = crl.isDelta
        _ = crl.issuer.description
        let again: CertificateRevocationList
        do { again = try CertificateRevocationList(bytes: crl.derEncoded) } catch {
            Invariant.check(false, "a parsed CRL's own DER does not parse again: \(error)")
            return
        }
        Invariant.check(again.tbsBytes == crl.tbsBytes && again.signature == crl.signature, "signed bytes changed on re-parse")
        Invariant.check(again.entries == crl.entries, "entries changed on re-parse")
        Invariant.check(
            again.issuer == crl.issuer && again.thisUpdate == crl.thisUpdate && again.nextUpdate == crl.nextUpdate
                && again.crlNumber == crl.crlNumber && again.issuingDistributionPoint == crl.issuingDistributionPoint
                && again.unrecognisedCriticalExtensions == crl.unrecognisedCriticalExtensions,
            "CRL fields changed on re-parse")
    }
}

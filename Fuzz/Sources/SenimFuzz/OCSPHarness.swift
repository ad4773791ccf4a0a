import SenimPKI

/// `OCSPResponse(bytes:)`: the response envelope, BasicOCSPResponse, single responses, embedded certificates.
///
/// Invariant: parse → `derEncoded` → parse gives the same response.
enum OCSPHarness {
    static let harness = Harness(name: "ocsp", summary: "OCSP response: OCSPResponse(bytes:)") { bytes in
        guard let response = try? OCSPResponse(bytes: bytes) else { return }
        for certificate in response.certificates { CertificateHarness.exercise(certificate) }
        if let key = try? response.certificates.first?.publicKey { _ = try? response.isSignatureValid(responderKey: key) }
        let again: OCSPResponse
        do { again = try OCSPResponse(derEncoded: response.derEncoded) } catch {
            Invariant.check(false, "a parsed OCSP response's own DER does not parse again: \(error)")
            return
        }
        Invariant.check(
            again.status == response.status && again.responseDataBytes == response.responseDataBytes
                && again.responderID == response.responderID && again.producedAt == response.producedAt
                && again.responses == response.responses && again.nonce == response.nonce && again.signature == response.signature
                && again.certificates == response.certificates,
            "OCSP response fields changed on re-parse")
    }
}

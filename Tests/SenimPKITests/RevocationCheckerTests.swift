import Foundation
import SenimCrypto
import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimPKI

@Suite("Revocation checking")
struct RevocationCheckerTests {
    static func certificate(_ path: String) throws -> Certificate { try Certificate(bytes: try TestVectors.bytes(path)) }
    static func ocsp(_ path: String) throws -> OCSPResponse { try OCSPResponse(derEncoded: try TestVectors.bytes(path)) }
    static func crl(_ path: String) throws -> CertificateRevocationList {
        try CertificateRevocationList(bytes: try TestVectors.bytes(path))
    }
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    @Test func ocspRevokedBeforeAndAfterTheTime() throws {
        let leaf = try Self.certificate("kz/keys/ceo_revoked_2015.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        let checker = RevocationChecker(ocspResponses: [try Self.ocsp("kz/ocsp/ocsp_response_ceo_2015_revoked.bin")])
        let after = checker.check(leaf, issuer: issuer, at: Self.date("2022-08-01T00:00:00Z"))
        #expect(after.status == .revoked(at: Self.date("2022-07-27T10:25:30Z"), reason: .certificateHold))
        #expect(after.source == .ocsp)
        #expect(after.subIndication == .revokedNoPOE)
        // At a time before the revocation, a later response proves the certificate was still good then.
        let before = checker.check(leaf, issuer: issuer, at: Self.date("2022-07-01T00:00:00Z"))
        #expect(before.status == .good(revokedLater: Self.date("2022-07-27T10:25:30Z")))
        #expect(before.subIndication == nil)
    }

    @Test func ocspGoodAtItsTimeIsStaleLater() throws {
        let leaf = try Self.certificate("kz/keys/individual_valid_sign_2004.cer")
        let issuer = try Self.certificate("kz/ca/nca_rsa_test.der")
        let checker = RevocationChecker(ocspResponses: [try Self.ocsp("kz/ocsp/ocsp_response_individual_sign_2004.bin")])
        #expect(checker.check(leaf, issuer: issuer, at: Self.date("2022-09-01T00:00:00Z")).status == .good())
        // Validated "now" (2026), a 2022 response without nextUpdate is stale: TRY_LATER, never "good".
        #expect(checker.check(leaf, issuer: issuer, at: Self.date("2026-11-24T00:00:00Z")).subIndication == .tryLater)
    }

    @Test func ocspOfAnotherIssuerIsNoEvidence() throws {
        let leaf = try Self.certificate("kz/keys/ceo_sign_revoked_2004.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost_test.der")
        let right = RevocationChecker(ocspResponses: [try Self.ocsp("kz/ocsp/ocsp_response_ceo_sign_2004_revoked.bin")])
        #expect(
            right.check(leaf, issuer: issuer, at: Self.date("2022-08-01T00:00:00Z")).status
                == .revoked(at: Self.date("2022-01-18T06:30:55Z"), reason: .superseded))
        let wrong = RevocationChecker(ocspResponses: [try Self.ocsp("kz/ocsp/ocsp_response_ceo_2015_revoked.bin")])
        #expect(wrong.check(leaf, issuer: issuer, at: Self.date("2022-08-01T00:00:00Z")).source == .none)
    }

    /// MANIFEST §5: the test responder's "revoked 1970, certificateHold" means "not issued / unknown", and a
    /// nonce mismatch must not yield a status.
    @Test func notIssuedConventionIsUnknownAndANonceMismatchGivesNoStatus() throws {
        let leaf = try Self.certificate("kz/keys/individual_valid_2015.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        let response = try Self.ocsp("kz/ocsp/ocsp_response_individual_2015.bin")
        let time = Self.date("2022-08-01T00:00:00Z")
        let plain = RevocationChecker(ocspResponses: [response]).check(leaf, issuer: issuer, at: time)
        guard case .unknown(let subIndication, let reason) = plain.status else {
            Issue.record("non-issued read as \(plain.status)")
            return
        }
        #expect(subIndication == .revocationOutOfBoundsNoPOE)
        #expect(reason.contains("does not know"))
        let wrongNonce = RevocationChecker(ocspResponses: [response], expectedNonce: try Hex.decode("ff02fd04fb06f908")).check(
            leaf, issuer: issuer, at: time)
        guard case .unknown(_, let nonceReason) = wrongNonce.status else {
            Issue.record("nonce mismatch gave a status")
            return
        }
        #expect(nonceReason.contains("nonce"))
    }

    /// A response signed (validly) by an NCA certificate without id-kp-OCSPSigning must be refused.
    @Test func unauthorisedResponderIsRefused() throws {
        let leaf = try Self.certificate("kz/keys/ceo_revoked_2015.cer")
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        let file = try PKCS12(derEncoded: try TestVectors.bytes("kz/keys/sdk-2026/legal/valid/head.p12"), password: "Qwerty12")
        let responderCertificate = try Certificate(derEncoded: try #require(file.certificateOfFirstKey).derEncoded)
        let forged = try OCSPResponseBuilder.good(
            for: leaf, issuer: issuer, responder: responderCertificate,
            key: try #require(file.keys.first).privateKey, producedAt: Self.date("2026-06-01T00:00:00Z"))
        let response = try OCSPResponse(derEncoded: forged)
        #expect(try response.isSignatureValid(responderKey: responderCertificate.publicKey)) // the signature itself is fine
        let check = RevocationChecker(ocspResponses: [response]).check(leaf, issuer: issuer, at: Self.date("2026-06-01T00:00:00Z"))
        guard case .unknown(_, let reason) = check.status else {
            Issue.record("unauthorised responder accepted: \(check.status)")
            return
        }
        #expect(reason.contains("neither the issuer nor delegated"))
    }

    @Test func crlGivesRevokedGoodStaleOrNoEvidence() throws {
        let issuer = try Self.certificate("kz/ca/nca_gost2015_test.cer")
        let old = try Self.crl("kz/crl/nca_gost2022_test.crl")
        let ceo = try Self.certificate("kz/keys/ceo_revoked_2015.cer")
        let individual = try Self.certificate("kz/keys/individual_valid_2015.cer")
        let checker = RevocationChecker(revocationLists: [old])
        #expect(
            checker.check(ceo, issuer: issuer, at: Self.date("2022-08-01T00:00:00Z")).status
                == .revoked(at: Self.date("2022-07-27T10:25:30Z"), reason: .certificateHold))
        #expect(checker.check(individual, issuer: issuer, at: Self.date("2022-08-01T00:00:00Z")).status == .good())
        // Stale at "now": INDETERMINATE / TRY_LATER, never "good".
        #expect(checker.check(individual, issuer: issuer, at: Self.date("2026-11-24T00:00:00Z")).subIndication == .tryLater)
        // The 2026 CRL no longer lists the expired CEO certificate: absence after expiry proves nothing.
        let newer = RevocationChecker(revocationLists: [try Self.crl("kz/crl/nca_gost2022_test.2026-08-11.crl")])
        #expect(newer.check(ceo, issuer: issuer, at: Self.date("2022-08-01T00:00:00Z")).subIndication == .revocationOutOfBoundsNoPOE)
        // A CRL from another CA says nothing about this certificate.
        let foreign = RevocationChecker(revocationLists: [try Self.crl("kz/crl/nca_rsa_test.crl")])
        #expect(foreign.check(individual, issuer: issuer, at: Self.date("2022-08-01T00:00:00Z")).source == .none)
    }
}

/// Builds a minimal, correctly signed BasicOCSPResponse (RFC 6960 §4.2.1) for negative tests.
enum OCSPResponseBuilder {
    static func good(for certificate: Certificate, issuer: Certificate, responder: Certificate, key: PrivateKey, producedAt: Date) throws
        -> [UInt8]
    {
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: producedAt)
        let time = try GeneralizedTime(
            year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!, fractionalSeconds: 0)
        var data = DER.Serializer()
        try data.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)) { coder in
                coder.serializeRawBytes(responder.subject.derEncoded)
            }
            try coder.serialize(time)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(AlgorithmIdentifier(algorithm: .Digest.sha256))
                        try coder.serialize(ASN1OctetString(contentBytes: DigestAlgorithm.sha256.hash(issuer.subject.derEncoded)[...]))
                        try coder.serialize(
                            ASN1OctetString(contentBytes: DigestAlgorithm.sha256.hash(issuer.subjectPublicKeyInfo.keyBytes)[...]))
                        try coder.serialize(ArraySlice(certificate.serialNumber))
                    }
                    coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { _ in }
                    try coder.serialize(time)
                }
            }
        }
        let tbs = data.serializedBytes
        let algorithm = SignatureAlgorithm.gost(.gost34102015_512)
        let signature = try key.signature(for: tbs, algorithm: algorithm)
        var basic = DER.Serializer()
        try basic.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(tbs)
            try coder.serialize(algorithm.algorithmIdentifier)
            try coder.serialize(ASN1BitString(bytes: signature[...]))
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in coder.serializeRawBytes(responder.derEncoded) }
            }
        }
        var outer = DER.Serializer()
        try outer.appendConstructedNode(identifier: .sequence) { coder in
            coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 10, tagClass: .universal)) { $0.append(0) }
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(OCSPResponse.basicResponseType)
                    try coder.serialize(ASN1OctetString(contentBytes: basic.serializedBytes[...]))
                }
            }
        }
        return outer.serializedBytes
    }
}

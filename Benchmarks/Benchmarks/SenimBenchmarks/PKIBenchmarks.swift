import Benchmark
import CBaselineOpenSSL
import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// Chain validation next to OpenSSL's X509_verify_cert on the same bytes, the GOST-2015 chain split into
/// parsing and validation, and a 5 MB CRL.
func registerPKIBenchmarks() {
    let vectors = KZKeyFixture.vectors
    func bytes(_ path: String) -> [UInt8] { Array((try? Data(contentsOf: vectors.appendingPathComponent(path))) ?? Data()) }
    let time = ISO8601DateFormatter().date(from: "2022-06-01T00:00:00Z")!

    // RSA: root_rsa_test (4096) → nca_rsa_test (4096) → individual_valid_sign_2004_rsa (2048), with the 126-entry CRL.
    let rsaLeaf = bytes("kz/certs/individual_valid_sign_2004_rsa.der"), rsaIntermediate = bytes("kz/ca/nca_rsa_test.der")
    let rsaRoot = bytes("kz/ca/root_rsa_test.der"), rsaCRL = bytes("kz/crl/nca_rsa_test.crl")

    Benchmark("RSA 3-cert chain + CRL, parse and validate: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            let leaf = try Certificate(derEncoded: rsaLeaf), intermediate = try Certificate(derEncoded: rsaIntermediate)
            let root = try Certificate(derEncoded: rsaRoot), crl = try CertificateRevocationList(bytes: rsaCRL)
            let result = CertificatePathValidator(inputs: PathValidationInputs(validationTime: time, trustAnchors: [root]))
                .validate(leaf: leaf, intermediates: [intermediate], revocationLists: [crl])
            guard case .success = result else { fatalError("benchmark chain must validate: \(result)") }
            blackHole(result)
        }
    }
    Benchmark("RSA 3-cert chain + CRL, parse and validate: baseline OpenSSL X509_verify_cert") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(OpenSSLChain.verify(leaf: rsaLeaf, intermediate: rsaIntermediate, root: rsaRoot, crl: rsaCRL, at: time))
        }
    }
    Benchmark("RSA 3-cert chain + CRL, parsing only: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Certificate(derEncoded: rsaLeaf)); blackHole(try Certificate(derEncoded: rsaIntermediate))
            blackHole(try Certificate(derEncoded: rsaRoot)); blackHole(try CertificateRevocationList(bytes: rsaCRL))
        }
    }
    let rsaParsed = [rsaLeaf, rsaIntermediate, rsaRoot].compactMap { try? Certificate(derEncoded: $0) }
    let rsaParsedCRL = try! CertificateRevocationList(bytes: rsaCRL)
    Benchmark("RSA 3-cert chain + CRL, validation only (pre-parsed): Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CertificatePathValidator(inputs: PathValidationInputs(validationTime: time, trustAnchors: [rsaParsed[2]]))
                .validate(leaf: rsaParsed[0], intermediates: [rsaParsed[1]], revocationLists: [rsaParsedCRL]))
        }
    }
    Benchmark("RSA 3-cert chain + CRL, the three signature checks only: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try rsaParsed[0].isSignatureValid(issuerKey: rsaParsed[1].publicKey))
            blackHole(try rsaParsed[1].isSignatureValid(issuerKey: rsaParsed[2].publicKey))
            blackHole(try rsaParsedCRL.isSignatureValid(issuerKey: rsaParsed[1].publicKey))
        }
    }
    precondition(OpenSSLChain.verify(leaf: rsaLeaf, intermediate: rsaIntermediate, root: rsaRoot, crl: rsaCRL, at: time), "baseline chain must verify")

    // GOST-2015: root_test_gost_2022 → nca_gost2015_test → individual_valid_2015 (no baseline exists).
    let gostLeaf = bytes("kz/keys/individual_valid_2015.cer"), gostIntermediate = bytes("kz/ca/nca_gost2015_test.cer")
    let gostRoot = bytes("kz/ca/root_test_gost_2022.cer")
    let gostTime = ISO8601DateFormatter().date(from: "2022-08-01T00:00:00Z")!
    Benchmark("GOST-2015 3-cert chain, parse and validate: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            let leaf = try Certificate(derEncoded: gostLeaf), intermediate = try Certificate(derEncoded: gostIntermediate)
            let root = try Certificate(derEncoded: gostRoot)
            blackHole(CertificatePathValidator(inputs: PathValidationInputs(validationTime: gostTime, trustAnchors: [root]))
                .validate(leaf: leaf, intermediates: [intermediate]))
        }
    }
    Benchmark("GOST-2015 3-cert chain, parsing only: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Certificate(derEncoded: gostLeaf))
            blackHole(try Certificate(derEncoded: gostIntermediate))
            blackHole(try Certificate(derEncoded: gostRoot))
        }
    }
    let gostChain = [gostLeaf, gostIntermediate, gostRoot].compactMap { try? Certificate(derEncoded: $0) }
    Benchmark("GOST-2015 3-cert chain, the two signature checks only: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try gostChain[0].isSignatureValid(issuerKey: gostChain[1].publicKey))
            blackHole(try gostChain[1].isSignatureValid(issuerKey: gostChain[2].publicKey))
        }
    }

    // A 5 MB CRL: 100,000 entries, signed with the generated RSA-2048 key.
    let bigCRL = try! LargeCRL.make(entries: 150_000)
    let probe = LargeCRL.serial(77_777)
    Benchmark("CRL 150,000 entries (\(bigCRL.count / 1024) KiB): parse", configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxIterations: 30)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try CertificateRevocationList(bytes: bigCRL)) }
    }
    let parsedBig = try! CertificateRevocationList(bytes: bigCRL)
    precondition(parsedBig.entries.count == 150_000 && parsedBig.entry(forSerial: probe) != nil)
    Benchmark("CRL 150,000 entries: lookup by serial") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(parsedBig.entry(forSerial: probe)) }
    }
}

/// OpenSSL's own chain validation with CRL checking at a fixed time, from DER, as an application would call it.
enum OpenSSLChain {
    static func verify(leaf: [UInt8], intermediate: [UInt8], root: [UInt8], crl: [UInt8], at time: Date) -> Bool {
        func certificate(_ der: [UInt8]) -> OpaquePointer? {
            der.withUnsafeBufferPointer { buffer in var cursor = buffer.baseAddress; return d2i_X509(nil, &cursor, buffer.count) }
        }
        guard let leafX509 = certificate(leaf), let intermediateX509 = certificate(intermediate), let rootX509 = certificate(root),
              let crlX509 = crl.withUnsafeBufferPointer({ buffer -> OpaquePointer? in var cursor = buffer.baseAddress; return d2i_X509_CRL(nil, &cursor, buffer.count) })
        else { return false }
        defer { X509_free(leafX509); X509_free(intermediateX509); X509_free(rootX509); X509_CRL_free(crlX509) }
        let store = X509_STORE_new()!
        defer { X509_STORE_free(store) }
        X509_STORE_add_cert(store, rootX509)
        X509_STORE_add_crl(store, crlX509)
        let untrusted = OPENSSL_sk_new_null()!
        defer { OPENSSL_sk_free(untrusted) }
        OPENSSL_sk_push(untrusted, UnsafeRawPointer(intermediateX509))
        let context = X509_STORE_CTX_new()!
        defer { X509_STORE_CTX_free(context) }
        X509_STORE_CTX_init(context, store, leafX509, untrusted)
        let parameters = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970))
        // CRL checking for the leaf only (the root publishes no CRL in the vectors), as Senimkey does here.
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_CRL_CHECK))
        return X509_verify_cert(context) == 1
    }
}

/// Builds a large, correctly signed CRL in memory.
enum LargeCRL {
    static func serial(_ index: Int) -> [UInt8] {
        var value = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 | 1
        return [0x40] + (0..<15).map { _ in defer { value = value &* 6_364_136_223_846_793_005 &+ 1 }; return UInt8(truncatingIfNeeded: value >> 33) }
    }

    static func make(entries: Int) throws -> [UInt8] {
        let keyPEM = try String(contentsOf: KZKeyFixture.vectors.appendingPathComponent("generated/rsa2048.key.pem"), encoding: .utf8)
        let key = try PrivateKey(pemEncoded: keyPEM)
        let certificate = try Certificate(bytes: Array(try Data(contentsOf: KZKeyFixture.vectors.appendingPathComponent("generated/rsa2048.cert.pem"))))
        let time = try UTCTime(year: 2026, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0)
        let algorithm = SignatureAlgorithm.rsaPKCS1v15(.sha256)
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try coder.serialize(algorithm.algorithmIdentifier)
            coder.serializeRawBytes(certificate.subject.derEncoded)
            try coder.serialize(time)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for index in 0..<entries {
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(ArraySlice(serial(index)))
                        try coder.serialize(time)
                    }
                }
            }
        }
        let signature = try key.signature(for: tbs.serializedBytes, algorithm: algorithm)
        var crl = DER.Serializer()
        try crl.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(tbs.serializedBytes)
            try coder.serialize(algorithm.algorithmIdentifier)
            try coder.serialize(ASN1BitString(bytes: signature[...]))
        }
        return crl.serializedBytes
    }
}

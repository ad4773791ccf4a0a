import Benchmark
import CBaselineOpenSSL
import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI

/// CMS verification next to OpenSSL's CMS_verify on the same bytes: a detached RSA-2048 CMS over 1 KB and over
/// 100 MB (streamed from a file by both), each validated to the test root with its CRL at the same time; and a
/// KZ GOST-2015 CMS with its chain and an embedded OCSP response, split into where the time goes.
func registerCMSBenchmarks() {
    let vectors = KZKeyFixture.vectors
    func bytes(_ path: String) -> [UInt8] { Array((try? Data(contentsOf: vectors.appendingPathComponent(path))) ?? Data()) }
    let time = ISO8601DateFormatter().date(from: "2024-01-01T00:00:00Z")!
    let rootPEM = bytes("generated/test-pki/root.cert.pem"), rootCRL = bytes("generated/test-pki/root.crl")
    let root = try! Certificate(bytes: rootPEM)
    let store = TrustStore(roots: [root])
    let crl = try! CertificateRevocationList(bytes: rootCRL)
    let validator = CMSSignatureValidator(trustStore: store, revocationSources: [OfflineRevocationSource(revocationLists: [crl])])
    let identity = try! SigningIdentity(privateKey: try! PrivateKey(pemEncoded: String(decoding: bytes("generated/test-pki/signer_rsa.key.pem"), as: UTF8.self)),
                                        certificate: try! Certificate(bytes: bytes("generated/test-pki/signer_rsa.cert.pem")))
    let signer = CMSSigner(identity: identity, signingTime: time)

    let oneKB = (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let smallCMS = try! CMSBuilder.sign(oneKB, detached: true, signers: [signer]).derEncoded

    // 100 MB on disk: both sides stream it from the file.
    let bigPath = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-bench-100MB.bin").path
    if !FileManager.default.fileExists(atPath: bigPath) {
        var chunk = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 11) }
        FileManager.default.createFile(atPath: bigPath, contents: nil)
        let handle = FileHandle(forWritingAtPath: bigPath)!
        for index in 0..<100 { chunk[0] = UInt8(index); handle.write(Data(chunk)) }
        try! handle.close()
    }
    var set = DigestSet(algorithms: [DigestAlgorithm.sha256])
    try! set.update(contentsOfFile: bigPath)
    let bigCMS = try! CMSBuilder.sign(contentDigests: set.finalize(), signers: [signer]).derEncoded

    precondition(OpenSSLCMS.verify(cms: smallCMS, content: .memory(oneKB), root: rootPEM, crl: rootCRL, at: time), "baseline must verify")

    Benchmark("CMS detached RSA-2048, 1 KB: Senimkey CMSSignatureValidator") { benchmark in
        for _ in benchmark.scaledIterations {
            let report = await validator.validate(cms: smallCMS, content: .bytes(oneKB), at: time)
            guard report.indication == .totalPassed else { fatalError("benchmark CMS must validate: \(report.messages)") }
            blackHole(report)
        }
    }
    Benchmark("CMS detached RSA-2048, 1 KB: baseline OpenSSL CMS_verify") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(OpenSSLCMS.verify(cms: smallCMS, content: .memory(oneKB), root: rootPEM, crl: rootCRL, at: time)) }
    }
    let large = Benchmark.Configuration(metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 10)
    Benchmark("CMS detached RSA-2048, 100 MB file: Senimkey CMSSignatureValidator", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations {
            let report = await validator.validate(cms: bigCMS, content: .file(path: bigPath), at: time)
            guard report.indication == .totalPassed else { fatalError("benchmark CMS must validate: \(report.messages)") }
            blackHole(report)
        }
    }
    Benchmark("CMS detached RSA-2048, 100 MB file: baseline OpenSSL CMS_verify", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(OpenSSLCMS.verify(cms: bigCMS, content: .file(bigPath), root: rootPEM, crl: rootCRL, at: time)) }
    }

    // KZ GOST-2015: the NCA test CEO key, its chain embedded, and the NCA OCSP response for it embedded (RFC 5940).
    let gostTime = ISO8601DateFormatter().date(from: "2022-07-27T10:00:00Z")!
    let gostIdentity = try! SigningIdentity(pkcs12: bytes("kz/keys/ceo_revoked_2015.p12"), password: "Aa123456")
    let intermediate = try! Certificate(bytes: bytes("kz/ca/nca_gost2015_test.cer"))
    let ocsp = try! OCSPResponse(derEncoded: bytes("kz/ocsp/ocsp_response_ceo_2015_revoked.bin"))
    let gostCMS = try! CMSBuilder.sign(Array("Шарт".utf8), signers: [CMSSigner(identity: gostIdentity, signingTime: gostTime)],
                                       certificates: [intermediate], ocspResponses: [ocsp])
    let gostStore = TrustStore(roots: [try! Certificate(bytes: bytes("kz/ca/root_test_gost_2022.cer"))])
    var gostPolicy = ValidationPolicy.kazakhstanDefault
    gostPolicy.revocationRequired = false  // no CRL of the test root for the intermediate exists
    let gostValidator = CMSSignatureValidator(trustStore: gostStore, policy: gostPolicy)
    let gostParsed = try! SignedData(bytes: gostCMS.derEncoded)
    Benchmark("KZ GOST-2015 CMS + chain + embedded OCSP, full validation: Senimkey") { benchmark in
        for _ in benchmark.scaledIterations {
            let report = await gostValidator.validate(cms: gostCMS.derEncoded, at: gostTime)
            guard report.signatures.first?.cryptographicallyValid == true else { fatalError("GOST CMS must verify: \(report.messages)") }
            blackHole(report)
        }
    }
    Benchmark("KZ GOST-2015 CMS: parsing only (ContentInfo, 2 certificates, OCSP)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SignedData(bytes: gostCMS.derEncoded)) }
    }
    let signerInfo = gostParsed.signerInfos[0], signerKey = try! gostIdentity.certificate.publicKey
    Benchmark("KZ GOST-2015 CMS: signer signature only (Streebog-512 of signed attributes + tc26-512 verify)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try signerKey.isValidSignature(signerInfo.signature, for: signerInfo.signedAttributesForSignature!, algorithm: .gost(.gost34102015_512)))
        }
    }
    let certificateValidator = SigningCertificateValidator(trustStore: gostStore, revocation: RevocationChecker(ocspResponses: [ocsp]), policy: gostPolicy)
    Benchmark("KZ GOST-2015 CMS: path + OCSP only (2 certificate signatures + 1 OCSP signature)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(certificateValidator.validate(gostIdentity.certificate, at: gostTime, extraIntermediates: [intermediate], signatureAlgorithm: .gost(.gost34102015_512)))
        }
    }
}

/// OpenSSL's own CMS verification: d2i_CMS_bio, an X509_STORE with the root and the CRL (CRL_CHECK), the
/// verification time pinned, detached content from memory or a file BIO.
enum OpenSSLCMS {
    enum Content { case memory([UInt8]), file(String) }

    static func verify(cms: [UInt8], content: Content, root: [UInt8], crl: [UInt8], at time: Date) -> Bool {
        let cmsBIO = BIO_new(BIO_s_mem())!
        defer { BIO_free(cmsBIO) }
        _ = cms.withUnsafeBytes { BIO_write(cmsBIO, $0.baseAddress, Int32($0.count)) }
        guard let contentInfo = d2i_CMS_bio(cmsBIO, nil) else { return false }
        defer { CMS_ContentInfo_free(contentInfo) }
        let store = X509_STORE_new()!
        defer { X509_STORE_free(store) }
        let rootBIO = BIO_new(BIO_s_mem())!
        defer { BIO_free(rootBIO) }
        _ = root.withUnsafeBytes { BIO_write(rootBIO, $0.baseAddress, Int32($0.count)) }
        let rootX509 = PEM_read_bio_X509(rootBIO, nil, nil, nil)
        X509_STORE_add_cert(store, rootX509)
        X509_free(rootX509)
        let crlX509 = crl.withUnsafeBufferPointer { buffer -> OpaquePointer? in var cursor = buffer.baseAddress; return d2i_X509_CRL(nil, &cursor, buffer.count) }
        X509_STORE_add_crl(store, crlX509)
        X509_CRL_free(crlX509)
        let parameters = X509_STORE_get0_param(store)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970))
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_CRL_CHECK))
        let data: OpaquePointer
        switch content {
        case .memory(let bytes):
            data = BIO_new(BIO_s_mem())!
            _ = bytes.withUnsafeBytes { BIO_write(data, $0.baseAddress, Int32($0.count)) }
        case .file(let path):
            data = BIO_new_file(path, "rb")!
        }
        defer { BIO_free(data) }
        return CMS_verify(contentInfo, nil, store, data, nil, UInt32(CMS_BINARY)) == 1
    }
}

import Benchmark
import Foundation
import SenimCrypto
import SenimPKI
import SenimXMLDSig

/// RSA-SHA256 enveloped XML signatures over 1 KB, 1 MB and 20 MB documents: `senimkey verify` against
/// `xmlsec1 --verify` process against process (both binaries started by the benchmark on the same files,
/// both validating the certificate to the same trust anchor), and the library call on its own.
/// The process pair needs a release `senimkey`: `swift build -c release --product senimkey` in the root.
func registerXMLBenchmarks() {
    let vectors = KZKeyFixture.vectors
    let rootPath = vectors.appendingPathComponent("generated/test-pki/root.cert.pem").path
    let root = try! Certificate(bytes: Array(try! Data(contentsOf: URL(fileURLWithPath: rootPath))))
    let identity = try! SigningIdentity(privateKey: try! PrivateKey(pemEncoded: try! String(contentsOf: vectors.appendingPathComponent("generated/test-pki/signer_rsa.key.pem"), encoding: .utf8)),
                                        certificate: try! Certificate(bytes: Array(try! Data(contentsOf: vectors.appendingPathComponent("generated/test-pki/signer_rsa.cert.pem")))))
    var policy = ValidationPolicy.kazakhstanDefault
    policy.revocationRequired = false  // xmlsec1 checks no revocation without a CRL either
    let validator = XMLSignatureValidator(trustStore: TrustStore(roots: [root]), policy: policy)
    let senimkey = vectors.deletingLastPathComponent().appendingPathComponent(".build/release/senimkey").path
    let policyPath = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-bench-policy.json").path
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    FileManager.default.createFile(atPath: policyPath, contents: try! encoder.encode(policy))

    for (label, size) in [("1 KB", 1 << 10), ("1 MB", 1 << 20), ("20 MB", 20 << 20)] {
        // Records of plain text, the shape of a contract or a registry extract.
        var body = "<document xmlns=\"urn:senimkey:bench\">"
        var index = 0
        while body.utf8.count < size - 64 { body += "<item n=\"\(index)\">Шарт талаптары, пункт \(index)</item>\n"; index += 1 }
        body += "</document>"
        let signed = try! XMLSigner(identity: identity).signEnveloped(Array(body.utf8))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-bench-\(size).xml").path
        FileManager.default.createFile(atPath: path, contents: Data(signed))
        let configuration = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident], timeUnits: size > 1 << 20 ? .milliseconds : .microseconds,
                                                    maxDuration: .seconds(size > 1 << 20 ? 20 : 5), maxIterations: size > 1 << 20 ? 10 : 200)

        Benchmark("XML RSA-SHA256 enveloped \(label): Senimkey library XMLSignatureValidator", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                let result = await validator.validate(xml: signed)
                guard result.report.indication == .totalPassed else { fatalError("benchmark XML must validate: \(result.report.signatures.map(\.messages))") }
                blackHole(result)
            }
        }
        if FileManager.default.isExecutableFile(atPath: senimkey) {
            Benchmark("XML RSA-SHA256 enveloped \(label): senimkey verify (process)", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(Processes.run(senimkey, ["verify", path, "--trust", rootPath, "--policy", policyPath], expect: 0))
                }
            }
        }
        Benchmark("XML RSA-SHA256 enveloped \(label): baseline xmlsec1 --verify (process)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(Processes.run("/usr/bin/xmlsec1", ["--verify", "--trusted-pem", rootPath, "--enabled-key-data", "x509", path], expect: 0))
            }
        }
    }
}

enum Processes {
    /// Runs a command to completion, output discarded; a wrong exit status stops the benchmark.
    static func run(_ executable: String, _ arguments: [String], expect status: Int32) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { fatalError("cannot start \(executable): \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == status else { fatalError("\(executable) exited \(process.terminationStatus)") }
        return process.terminationStatus
    }
}

import Foundation
import Testing

@Suite("senimkey cert show")
struct CertificateCommandTests {
    @Test func textNamesTheKazakhIdentity() throws {
        let result = try CLIProcess.run(["cert", "show", "testvectors/kz/keys/ceo_revoked_2015.cer"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("IIN           123456789011"))
        #expect(result.standardOutput.contains("BIN           123456789021"))
        #expect(result.standardOutput.contains("Roles         emailProtection, legalEntity, firstHead"))
        #expect(result.standardOutput.contains("GOST tc26-512-paramSetA"))
        #expect(result.standardOutput.contains("e8b7838c99b5355df320c3ce224149619cbec15afc6f6fc80139140f6368979b"))
    }

    @Test func jsonIsOneObjectWithTheFacts() throws {
        let result = try CLIProcess.run(["cert", "show", "--format", "json", "testvectors/kz/ca/nca_rsa_test.crt"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["serialNumber"] as? String == "452a6437611c183fbf1ec5a1ba4920dd72148a9b")
        #expect(object?["isCertificateAuthority"] as? Bool == true)
        #expect((object?["publicKeyAlgorithm"] as? String)?.hasPrefix("RSA 4096") == true)
        #expect(object?["notAfter"] as? String == "2024-03-13T03:42:17Z")
    }

    @Test func notACertificateExits65() throws {
        let result = try CLIProcess.run(["cert", "show", "README.md"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("malformed certificate"))
        #expect(try CLIProcess.run(["cert", "show", "--format", "xml", "README.md"]).status == 64)
    }
}

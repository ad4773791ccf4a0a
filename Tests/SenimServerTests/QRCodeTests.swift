import Foundation
import SenimTestSupport
import Testing

@testable import SenimEvidence
@testable import SenimServer

/// The QR encoder checked by an independent decoder: zbar (`zbarimg`, Debian's zbar-tools) reads back every
/// payload, at every mask of versions 1 and 5 and at versions up to 10 with the mask the penalty picks.
/// (Two other encoders, segno and python-qrcode, disagree with each other module for module on the same input,
/// mask and level, so a decoder is the referee, not another encoder.)
@Suite struct QRCodeTests {
    static let zbar = "/usr/bin/zbarimg"

    /// The code as a PGM image (10 pixels a module, 4 modules of quiet zone) that zbar decodes.
    static func decode(_ code: QRCode) throws -> String {
        let scale = 10
        let side = (code.size + 8) * scale
        var pixels = "P2 \(side) \(side) 1\n"
        for row in -4..<(code.size + 4) {
            let line = (-4..<(code.size + 4)).map { column in
                (0..<code.size).contains(row) && (0..<code.size).contains(column) && code.modules[row][column] ? "0" : "1"
            }.flatMap { Array(repeating: $0, count: scale) }.joined(separator: " ")
            for _ in 0..<scale { pixels += line + "\n" }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-qr-\(UUID().uuidString).pgm").path
        try pixels.write(toFile: path, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ExternalTool.run(zbar, ["-q", "--raw", path])
        return result.output.split(separator: "\n").first { !$0.hasPrefix("Connection") }.map(String.init) ?? ""
    }

    @Test func zbarReadsEveryVersionAndMask() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.zbar), "zbar-tools is installed by .ci/run")
        let payloads = ["A", "mobileSign:http://127.0.0.1/api/v1/mgovSign/AbCdEf0123456789_-xyzQ"]
        for payload in payloads {
            for mask in 0..<8 {
                let code = try QRCode(text: payload, mask: mask)
                #expect(try Self.decode(code) == payload, "version \(code.version) mask \(mask)")
            }
        }
        for length in [50, 60, 100, 130, 150, 180, 213] {
            let payload = "mobileSign:https://senimkey.kz/api/v1/mgovSign/" + String(repeating: "Z9", count: (length - 47) / 2)
            let code = try QRCode(text: payload)
            #expect(try Self.decode(code) == payload, "version \(code.version) mask \(code.mask)")
        }
        #expect(try QRCode(text: String(repeating: "y", count: 213)).version == 10)
    }

    @Test func encodesWithOneOfTheEightMasksAndDrawsALabelledSVG() throws {
        let code = try QRCode(text: "mobileSign:https://senimkey.kz/api/v1/mgovSign/AbCdEf0123456789")
        #expect((0..<8).contains(code.mask) && code.size == 17 + 4 * code.version)
        let svg = code.svg(title: "eGov mobile")
        #expect(
            svg.hasPrefix("<svg") && svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\"")
                && svg.contains("aria-label=\"eGov mobile\""))
        #expect(throws: QRCode.QRCodeError.self) { try QRCode(bytes: [UInt8](repeating: 0x41, count: 300)) }
    }
}

/// A QR code (ISO/IEC 18004) in byte mode at error-correction level M, versions 1–10 (up to 213 bytes: any
/// `mobileSign:` payload fits), drawn as SVG for the signer's page and for the arbitration report's first page (the
/// `/verify` link). Written here because eGov mobile reads the QR from the screen and no package on the machines draws
/// one; it lives in SenimEvidence so that the report, a layer below the server, can draw it too.
public struct QRCode: Sendable {
    public let version: Int
    public let mask: Int
    public let size: Int
    /// `modules[row][column]`, true for dark.
    public let modules: [[Bool]]

    public enum QRCodeError: Error, Sendable { case tooLong(Int) }

    /// Blocks of level M per version: (count, data codewords) groups and the EC codewords per block.
    private static let layout: [(groups: [(count: Int, data: Int)], ec: Int)] = [
        ([(1, 16)], 10), ([(1, 28)], 16), ([(1, 44)], 26), ([(2, 32)], 18), ([(2, 43)], 24),
        ([(4, 27)], 16), ([(4, 31)], 18), ([(2, 38), (2, 39)], 22), ([(3, 36), (2, 37)], 22), ([(4, 43), (1, 44)], 26),
    ]
    private static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    /// Encodes `bytes`, in the smallest version that holds them; `mask` nil picks the mask with the lowest penalty.
    public init(bytes: [UInt8], mask: Int? = nil) throws(QRCodeError) {
        guard let version = (1...10).first(where: { Self.capacity($0) >= bytes.count }) else { throw .tooLong(bytes.count) }
        let codewords = Self.interleave(Self.dataCodewords(bytes, version: version), version: version)
        let base = Matrix(version: version)
        var best: (penalty: Int, matrix: Matrix, mask: Int)?
        for candidate in mask.map({ [$0] }) ?? Array(0..<8) {
            var matrix = base
            matrix.place(codewords)
            matrix.apply(mask: candidate)
            matrix.drawFormat(mask: candidate)
            let penalty = mask == nil ? matrix.penalty() : 0
            if best == nil || penalty < best!.penalty { best = (penalty, matrix, candidate) }
        }
        let chosen = best!
        self.version = version
        self.mask = chosen.mask
        size = chosen.matrix.size
        modules = chosen.matrix.dark
    }

    public init(text: String, mask: Int? = nil) throws(QRCodeError) { try self.init(bytes: Array(text.utf8), mask: mask) }

    /// The code as a standalone SVG with the 4-module quiet zone, `pixels` wide.
    public func svg(pixels: Int = 264, title: String = "QR") -> String {
        let side = size + 8
        var path = ""
        for row in 0..<size {
            for column in 0..<size where modules[row][column] { path += "M\(column + 4),\(row + 4)h1v1h-1z" }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(title)\" width=\"\(pixels)\" height=\"\(pixels)\" "
            + "viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    // MARK: Codewords

    static func capacity(_ version: Int) -> Int {
        let data = layout[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
        return data - (version < 10 ? 2 : 3) // mode (4 bits) + count (8 or 16 bits) + terminator, rounded to bytes
    }

    /// Mode 0100, the count, the bytes, the terminator and the 0xEC 0x11 padding (§7.4).
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let total = layout[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
        append(0, min(4, total * 8 - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < total {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits into blocks, adds each block's Reed–Solomon codewords, and interleaves (§7.6).
    static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
        let (groups, ecCount) = layout[version - 1]
        var blocks: [[UInt8]] = []
        var offset = 0
        for group in groups {
            for _ in 0..<group.count {
                blocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let divisor = ReedSolomon.divisor(degree: ecCount)
        let corrections = blocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var out: [UInt8] = []
        for index in 0..<(blocks.map(\.count).max() ?? 0) { for block in blocks where index < block.count { out.append(block[index]) } }
        for index in 0..<ecCount { for correction in corrections { out.append(correction[index]) } }
        return out
    }

    // MARK: The matrix

    struct Matrix {
        let size: Int
        let version: Int
        var dark: [[Bool]]
        var function: [[Bool]]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: Array(repeating: false, count: size), count: size)
            function = dark
            for index in 0..<size {
                set(column: 6, row: index, index % 2 == 0)
                set(column: index, row: 6, index % 2 == 0)
            }
            for (column, row) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 where (0..<size).contains(column + dx) && (0..<size).contains(row + dy) {
                        let distance = max(abs(dx), abs(dy))
                        set(column: column + dx, row: row + dy, distance != 2 && distance != 4)
                    }
                }
            }
            let positions = QRCode.alignment[version - 1]
            for (i, row) in positions.enumerated() {
                for (j, column) in positions.enumerated() {
                    let last = positions.count - 1
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 { for dx in -2...2 { set(column: column + dx, row: row + dy, max(abs(dx), abs(dy)) != 1) } }
                }
            }
            drawFormat(mask: 0) // reserves the format areas; redrawn with the real mask
            if version >= 7 {
                var remainder = version
                for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
                let bits = version << 12 | remainder
                for index in 0..<18 {
                    let bit = (bits >> index) & 1 == 1
                    let a = size - 11 + index % 3
                    let b = index / 3
                    set(column: a, row: b, bit)
                    set(column: b, row: a, bit)
                }
            }
        }

        mutating func set(column: Int, row: Int, _ value: Bool) {
            dark[row][column] = value
            function[row][column] = true
        }

        /// Format information: level M (00) and the mask, BCH(15,5), XOR 0x5412 (§7.9).
        mutating func drawFormat(mask: Int) {
            let data = 0b00 << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0...5 { set(column: 8, row: index, bit(index)) }
            set(column: 8, row: 7, bit(6))
            set(column: 8, row: 8, bit(7))
            set(column: 7, row: 8, bit(8))
            for index in 9..<15 { set(column: 14 - index, row: 8, bit(index)) }
            for index in 0..<8 { set(column: size - 1 - index, row: 8, bit(index)) }
            for index in 8..<15 { set(column: 8, row: size - 15 + index, bit(index)) }
            set(column: 8, row: size - 8, true)
        }

        /// The zigzag of §7.7.3: two columns at a time from the right, up then down, skipping the timing column.
        mutating func place(_ codewords: [UInt8]) {
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let column = right - offset
                        let upward = (right + 1) & 2 == 0
                        let row = upward ? size - 1 - vertical : vertical
                        if !function[row][column] && index < codewords.count * 8 {
                            dark[row][column] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                            index += 1
                        }
                    }
                }
                right -= 2
            }
        }

        mutating func apply(mask: Int) {
            for row in 0..<size {
                for column in 0..<size where !function[row][column] {
                    let (x, y) = (column, row)
                    let flip: Bool
                    switch mask {
                    case 0: flip = (x + y) % 2 == 0
                    case 1: flip = y % 2 == 0
                    case 2: flip = x % 3 == 0
                    case 3: flip = (x + y) % 3 == 0
                    case 4: flip = (x / 3 + y / 2) % 2 == 0
                    case 5: flip = x * y % 2 + x * y % 3 == 0
                    case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
                    default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if flip { dark[row][column].toggle() }
                }
            }
        }

        /// The §7.8.3 penalty: runs of five or more, 2×2 blocks, finder-like 1:1:3:1:1 patterns, dark balance.
        func penalty() -> Int {
            var total = 0
            let lines = dark + (0..<size).map { column in dark.map { $0[column] } }
            let finder: [Bool] = [true, false, true, true, true, false, true]
            for line in lines {
                var run = 1
                for index in 1..<size {
                    if line[index] == line[index - 1] {
                        run += 1
                    } else {
                        if run >= 5 { total += run - 2 }
                        run = 1
                    }
                }
                if run >= 5 { total += run - 2 }
                // 1011101 with four light modules on either side (outside the symbol counts as light).
                for start in 0...(size - 7) where Array(line[start..<start + 7]) == finder {
                    let before = (start - 4..<start).allSatisfy { $0 < 0 || !line[$0] }
                    let after = (start + 7..<start + 11).allSatisfy { $0 >= size || !line[$0] }
                    if before || after { total += 40 }
                }
            }
            for row in 0..<(size - 1) {
                for column in 0..<(size - 1) {
                    let value = dark[row][column]
                    if dark[row][column + 1] == value && dark[row + 1][column] == value && dark[row + 1][column + 1] == value { total += 3 }
                }
            }
            let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
            total += (abs(darkCount * 20 - size * size * 10) + size * size - 1) / (size * size) * 10
            return total
        }
    }
}

/// Reed–Solomon over GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D).
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> shift) & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial ∏(x − αⁱ), i < degree, without its leading 1, highest power first.
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}

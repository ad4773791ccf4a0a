/// A strict DER TLV reader over a byte array, for lists too long to materialise as an ASN.1 node tree
/// (a CRL with 100,000 entries). Single-byte tags only; definite, minimally encoded lengths; every length is
/// checked against the bytes that remain, so a forged length cannot reach past the buffer or allocate.
struct DERCursor {
    struct Element {
        let tag: UInt8
        /// Tag, length and content.
        let whole: Range<Int>
        let content: Range<Int>
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    /// The next element without moving past it.
    func peek() throws -> Element? {
        var copy = self
        return try copy.next()
    }

    mutating func next() throws -> Element? {
        guard position < end else { return nil }
        let start = position
        let tag = bytes[position]
        guard tag & 0x1f != 0x1f else { throw Malformed(description: "multi-byte tags are not used here") }
        position += 1
        guard position < end else { throw Malformed(description: "truncated length") }
        let first = bytes[position]
        position += 1
        var length: Int
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7f)
            guard count > 0 else { throw Malformed(description: "indefinite length in DER") }
            guard count <= 4, end - position >= count else { throw Malformed(description: "length field too long or truncated") }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[position])
                position += 1
            }
            // Minimal encoding: long form only for lengths ≥ 128, and no leading zero octet.
            guard length >= 0x80, bytes[position - count] != 0 else { throw Malformed(description: "non-minimal length encoding") }
        }
        guard length <= end - position else { throw Malformed(description: "length \(length) runs past the data") }
        let content = position..<(position + length)
        position += length
        return Element(tag: tag, whole: start..<position, content: content)
    }
}

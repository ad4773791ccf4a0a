import CZlib

/// Decodes the stream filters signature validation needs: FlateDecode (RFC 1950 zlib, ISO 32000-2 §7.4.4) with
/// the PNG and TIFF-2-free predictors of §7.4.4.4 used by cross-reference streams. Output is capped so a
/// compression bomb is a typed error.
enum StreamDecoder {
    static func decode(_ data: [UInt8], dictionary: PDFDictionary, limit: Int) throws(PDFError) -> [UInt8] {
        let filters: [String]
        switch dictionary["Filter"] {
        case nil, .null?: filters = []
        case .name(let name)?: filters = [name]
        case .array(let items)?: filters = items.compactMap(\.name)
        default: throw .undecodableStream("an unreadable /Filter")
        }
        let parameters: [PDFDictionary?]
        switch dictionary["DecodeParms"] {
        case .dictionary(let single)?: parameters = [single]
        case .array(let items)?: parameters = items.map(\.dictionary)
        default: parameters = []
        }
        var bytes = data
        for (index, filter) in filters.enumerated() {
            switch filter {
            case "FlateDecode", "Fl":
                bytes = try inflate(bytes, limit: limit)
                if let parameters = index < parameters.count ? parameters[index] : nil {
                    bytes = try unpredict(bytes, parameters: parameters)
                }
            default:
                throw .undecodableStream("filter \(filter) is not supported")
            }
        }
        return bytes
    }

    static func inflate(_ input: [UInt8], limit: Int) throws(PDFError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .undecodableStream("zlib did not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source -> Int32 in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let result = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[..<produced])
                if output.count > limit { return -100 }
                if result == Z_STREAM_END { return Z_STREAM_END }
                if result != Z_OK { return result }
                if stream.avail_in == 0 && produced == 0 { return Z_BUF_ERROR }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case -100: throw .limitExceeded("a stream decodes to more than \(limit) bytes")
        case Z_BUF_ERROR where !output.isEmpty: return output // truncated but usable, as readers accept
        default: throw .undecodableStream("FlateDecode data is corrupt")
        }
    }

    /// §7.4.4.4: Predictor ≥ 10 is PNG, each row prefixed with its filter type byte.
    static func unpredict(_ data: [UInt8], parameters: PDFDictionary) throws(PDFError) -> [UInt8] {
        let predictor = parameters["Predictor"]?.integer ?? 1
        guard predictor >= 10 else {
            guard predictor == 1 else { throw .undecodableStream("predictor \(predictor) is not supported") }
            return data
        }
        let colors = parameters["Colors"]?.integer ?? 1
        let bits = parameters["BitsPerComponent"]?.integer ?? 8
        let columns = parameters["Columns"]?.integer ?? 1
        guard (1...4).contains(colors), [1, 2, 4, 8, 16].contains(bits), (1...(1 << 20)).contains(columns) else {
            throw .undecodableStream("unusable predictor parameters")
        }
        let pixelBytes = max(1, colors * bits / 8)
        let rowBytes = (colors * bits * columns + 7) / 8
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var index = 0
        while index < data.count {
            let type = data[index]
            index += 1
            var row = Array(data[index..<min(index + rowBytes, data.count)])
            index += rowBytes
            if row.count < rowBytes { row += [UInt8](repeating: 0, count: rowBytes - row.count) }
            for column in 0..<rowBytes {
                let left = column >= pixelBytes ? row[column - pixelBytes] : 0
                let up = previous[column]
                let upLeft = column >= pixelBytes ? previous[column - pixelBytes] : 0
                switch type {
                case 0: break
                case 1: row[column] = row[column] &+ left
                case 2: row[column] = row[column] &+ up
                case 3: row[column] = row[column] &+ UInt8((Int(left) + Int(up)) / 2)
                case 4:
                    let p = Int(left) + Int(up) - Int(upLeft)
                    let pa = abs(p - Int(left))
                    let pb = abs(p - Int(up))
                    let pc = abs(p - Int(upLeft))
                    row[column] = row[column] &+ (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)
                default: throw .undecodableStream("PNG filter type \(type)")
                }
            }
            output += row
            previous = row
        }
        return output
    }
}

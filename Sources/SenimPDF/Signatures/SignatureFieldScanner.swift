/// Finds the signed signature fields of a document: the AcroForm field tree of the latest revision (ISO
/// 32000-2 §12.7.3.1), with inherited `/FT`, bounded in depth and count, each visited once.
struct SignatureFieldScanner {
    let document: PDFDocument

    func signatures() throws(PDFError) -> [PDFEmbeddedSignature] {
        guard let root = try document.dictionary(document.lastRevision?.trailer["Root"]),
            let form = try document.dictionary(root["AcroForm"]), let fields = try document.resolve(form["Fields"])?.array
        else {
            return []
        }
        var found: [PDFEmbeddedSignature] = []
        var visited: Set<PDFReference> = []
        var budget = document.limits.maximumFields
        for field in fields {
            try walk(field, parentName: nil, inheritedType: nil, depth: 0, visited: &visited, budget: &budget, into: &found)
        }
        return found
    }

    private func walk(
        _ value: PDFObject, parentName: String?, inheritedType: String?, depth: Int, visited: inout Set<PDFReference>,
        budget: inout Int, into found: inout [PDFEmbeddedSignature]
    ) throws(PDFError) {
        guard depth < 32 else { throw .limitExceeded("form fields nested deeper than 32") }
        budget -= 1
        guard budget >= 0 else { throw .limitExceeded("more than \(document.limits.maximumFields) form fields") }
        if let reference = value.reference, !visited.insert(reference).inserted { return }
        guard let field = try document.dictionary(value) else { return }
        let partial = field["T"]?.string.map { PDFText.decode($0) }
        let name = [parentName, partial].compactMap { $0 }.joined(separator: ".")
        let type = field["FT"]?.name ?? inheritedType
        if type == "Sig", let signatureValue = field["V"], let dictionary = try document.dictionary(signatureValue) {
            found.append(try signature(field: value.reference, name: name, reference: signatureValue.reference, dictionary: dictionary))
        }
        if let kids = try document.resolve(field["Kids"])?.array {
            for kid in kids {
                try walk(
                    kid, parentName: name.isEmpty ? nil : name, inheritedType: type, depth: depth + 1, visited: &visited, budget: &budget,
                    into: &found)
            }
        }
    }

    private func signature(
        field: PDFReference?, name: String, reference: PDFReference?, dictionary: PDFDictionary
    ) throws(PDFError) -> PDFEmbeddedSignature {
        let byteRange = (try document.resolve(dictionary["ByteRange"])?.array ?? []).compactMap(\.integer)
        let contents = dictionary["Contents"]?.string ?? []
        var docMDP: DocMDPPermission?
        var lock: (String, [String])?
        for entry in (try document.resolve(dictionary["Reference"])?.array ?? []) {
            guard let reference = try document.dictionary(entry) else { continue }
            let parameters = try document.dictionary(reference["TransformParams"])
            switch reference["TransformMethod"]?.name {
            case "DocMDP":
                // §12.8.2.2.2: /P defaults to 2.
                docMDP = DocMDPPermission(rawValue: parameters?["P"]?.integer ?? 2) ?? .fillForms
            case "FieldMDP":
                let names = (parameters?["Fields"]?.array ?? []).compactMap(\.string).map { PDFText.decode($0) }
                lock = (parameters?["Action"]?.name ?? "All", names)
            default: break
            }
        }
        let text: (String) -> String? = { key in dictionary[key]?.string.map { PDFText.decode($0) } }
        return PDFEmbeddedSignature(
            fieldName: name.isEmpty ? "(unnamed)" : name, field: field, signatureReference: reference, dictionary: dictionary,
            subFilterName: dictionary["SubFilter"]?.name ?? "", byteRange: byteRange,
            // Offsets are only meaningful for a dictionary written in the file itself, not inside an object stream.
            contentsSpan: reference.flatMap { document.offset(of: $0) } == nil ? nil : dictionary.spans["Contents"],
            contents: PDFEmbeddedSignature.trimmedDER(contents), docMDP: docMDP, fieldLock: lock,
            claimedTime: text("M"), name: text("Name"), reason: text("Reason"))
    }
}

/// Text strings (ISO 32000-2 §7.9.2.2): UTF-16BE with a BOM, UTF-8 with a BOM, else PDFDocEncoding (read as Latin-1,
/// which agrees with it on the printable ASCII the field names use).
enum PDFText {
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) {
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}

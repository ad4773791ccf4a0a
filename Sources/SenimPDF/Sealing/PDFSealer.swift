import Foundation
import SenimCMS
import SenimCrypto
import SenimPKI

/// Seals a PDF the platform produced (the arbitration report) with a PAdES-B-B signature (ETSI EN 319 142-1
/// §6.3): an incremental update (ISO 32000-2 §7.5.6) adding an invisible signature field, its signature
/// dictionary with SubFilter ETSI.CAdES.detached, and a detached CMS by SenimCMS over the ByteRange — signed
/// attributes content-type, message-digest and signing-certificate-v2, no signingTime (the time is `/M`).
/// The original bytes stay as they are, so earlier signatures keep covering their revisions.
public struct PDFSealer: Sendable {
    public var identity: SigningIdentity
    public var fieldName = "SenimkeySeal"
    public var reason: String?
    public var location: String?
    /// The claimed signing time written as `/M`.
    public var signingTime: Date
    /// Bytes reserved for the CMS (the /Contents hole holds twice as many hex digits).
    public var reservedBytes = 16 << 10
    /// Whether the ByteRange runs through the end-of-line after the final `%%EOF` (pyHanko's and this sealer's
    /// default) or stops at `%%EOF` (as some producers write it; both are the entire file).
    public var coversFinalEndOfLine = true
    /// A signature timestamp for PAdES-B-T, when the platform has a TSA: given the signature value, returns the
    /// DER TimeStampToken to add as an unsigned attribute.
    public var timestamper: (@Sendable ([UInt8]) async throws -> [UInt8])?

    public init(identity: SigningIdentity, signingTime: Date = Date()) {
        self.identity = identity
        self.signingTime = signingTime
    }

    public func seal(_ input: [UInt8]) async throws(PDFError) -> [UInt8] {
        let document = try PDFDocument(source: PDFMemorySource(input))
        guard let last = document.lastRevision, let rootReference = last.trailer["Root"]?.reference,
            var catalog = try document.dictionary(.reference(rootReference))
        else { throw .sealingFailed("the PDF has no catalog") }
        guard let size = last.trailer["Size"]?.integer, size > 0 else { throw .sealingFailed("the trailer has no /Size") }
        let pageReference = try firstPage(document, catalog: catalog)
        guard var page = try document.dictionary(.reference(pageReference)) else { throw .sealingFailed("the first page cannot be read") }

        let signatureNumber = size
        let fieldNumber = size + 1
        var nextNumber = size + 2
        var rewritten: [(Int, [UInt8])] = []
        let field = PDFReference(fieldNumber)

        // The AcroForm gains the field (ISO 32000-2 §12.7.3), SigFlags 3 (signatures exist, append only).
        switch catalog["AcroForm"] {
        case .reference(let formReference)?:
            guard var form = try document.dictionary(.reference(formReference)) else { throw .sealingFailed("the AcroForm cannot be read") }
            try addField(field, to: &form, document: document, rewritten: &rewritten)
            rewritten.append((formReference.number, PDFObjectWriter.write(.dictionary(form))))
        default:
            var form = catalog["AcroForm"]?.dictionary ?? PDFDictionary()
            try addField(field, to: &form, document: document, rewritten: &rewritten)
            catalog.set("AcroForm", .dictionary(form))
            rewritten.append((rootReference.number, PDFObjectWriter.write(.dictionary(catalog))))
        }

        // The page lists the widget among its annotations.
        switch page["Annots"] {
        case .reference(let annotsReference)?:
            let items = (try document.object(annotsReference))?.array ?? []
            rewritten.append((annotsReference.number, PDFObjectWriter.write(.array(items + [.reference(field)]))))
        default:
            page.set("Annots", .array((page["Annots"]?.array ?? []) + [.reference(field)]))
            rewritten.append((pageReference.number, PDFObjectWriter.write(.dictionary(page))))
        }
        _ = nextNumber

        // The field: an invisible widget merged with its signature field (§12.7.5.5), print flag + locked (132).
        var fieldDictionary = PDFDictionary()
        fieldDictionary.set("Type", .name("Annot"))
        fieldDictionary.set("Subtype", .name("Widget"))
        fieldDictionary.set("FT", .name("Sig"))
        fieldDictionary.set("T", .string(Array(fieldName.utf8)))
        fieldDictionary.set("V", .reference(PDFReference(signatureNumber)))
        fieldDictionary.set("Rect", .array([.integer(0), .integer(0), .integer(0), .integer(0)]))
        fieldDictionary.set("F", .integer(132))
        fieldDictionary.set("P", .reference(pageReference))

        // The signature dictionary, with placeholders of fixed width for /ByteRange and /Contents.
        let byteRangePlaceholder = "[0 0000000000 0000000000 0000000000]"
        var signature = Array("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ".utf8)
        signature += Array(byteRangePlaceholder.utf8)
        signature += Array(" /Contents <".utf8)
        let contentsOffsetInObject = signature.count - 1
        signature += [UInt8](repeating: 0x30, count: reservedBytes * 2)
        signature += Array("> /M ".utf8) + PDFObjectWriter.write(.string(Array(Self.pdfDate(signingTime).utf8)))
        if let reason { signature += Array(" /Reason ".utf8) + PDFObjectWriter.write(.string(PDFTextEncoding.encode(reason))) }
        if let location { signature += Array(" /Location ".utf8) + PDFObjectWriter.write(.string(PDFTextEncoding.encode(location))) }
        signature += Array(" >>".utf8)

        // The update: objects, then the cross-reference section in the kind the previous revision used.
        var out = input
        if out.last != 0x0A && out.last != 0x0D { out.append(0x0A) }
        var offsets: [Int: Int] = [:]
        func append(_ number: Int, _ body: [UInt8]) {
            offsets[number] = out.count
            out += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        for (number, body) in rewritten { append(number, body) }
        let signatureObjectStart = out.count
        append(signatureNumber, signature)
        let contentsStart = signatureObjectStart + Array("\(signatureNumber) 0 obj\n".utf8).count + contentsOffsetInObject
        let contentsEnd = contentsStart + reservedBytes * 2 + 2
        append(fieldNumber, PDFObjectWriter.write(.dictionary(fieldDictionary)))

        let trailerBase = last.trailer
        let xrefOffset = out.count
        if last.kind == .stream {
            nextNumber = fieldNumber + 1
            let xrefNumber = nextNumber
            offsets[xrefNumber] = xrefOffset
            var rows: [UInt8] = []
            var index: [PDFObject] = []
            for number in offsets.keys.sorted() {
                index += [.integer(number), .integer(1)]
                let offset = offsets[number] ?? 0
                rows += [
                    1, UInt8(truncatingIfNeeded: offset >> 24), UInt8(truncatingIfNeeded: offset >> 16),
                    UInt8(truncatingIfNeeded: offset >> 8), UInt8(truncatingIfNeeded: offset), 0, 0,
                ]
            }
            var dictionary = PDFDictionary()
            dictionary.set("Type", .name("XRef"))
            dictionary.set("Size", .integer(xrefNumber + 1))
            dictionary.set("W", .array([.integer(1), .integer(4), .integer(2)]))
            dictionary.set("Index", .array(index))
            dictionary.set("Length", .integer(rows.count))
            dictionary.set("Prev", .integer(last.crossReferenceOffset))
            for key in ["Root", "Info", "ID"] { if let value = trailerBase[key] { dictionary.set(key, value) } }
            out += Array("\(xrefNumber) 0 obj\n".utf8) + PDFObjectWriter.write(.dictionary(dictionary)) + Array("\nstream\n".utf8)
            out += rows + Array("\nendstream\nendobj\n".utf8)
        } else {
            out += Array("xref\n".utf8)
            for number in offsets.keys.sorted() {
                out += Array(String(format: "%d 1\n%010d 00000 n\r\n", number, offsets[number] ?? 0).utf8)
            }
            var trailer = PDFDictionary()
            trailer.set("Size", .integer(fieldNumber + 1))
            trailer.set("Prev", .integer(last.crossReferenceOffset))
            for key in ["Root", "Info", "ID"] { if let value = trailerBase[key] { trailer.set(key, value) } }
            out += Array("trailer\n".utf8) + PDFObjectWriter.write(.dictionary(trailer)) + Array("\n".utf8)
        }
        out += Array("startxref\n\(xrefOffset)\n%%EOF\n".utf8)

        // ByteRange over everything but the /Contents string, then the CMS over those bytes.
        let coveredEnd = coversFinalEndOfLine ? out.count : out.count - 1
        let byteRange = [0, contentsStart, contentsEnd, coveredEnd - contentsEnd]
        let text = "[" + byteRange.map(String.init).joined(separator: " ") + "]"
        guard text.utf8.count <= byteRangePlaceholder.utf8.count else {
            throw .sealingFailed("the file is too large for the ByteRange placeholder")
        }
        let padded = Array(text.utf8) + [UInt8](repeating: 0x20, count: byteRangePlaceholder.utf8.count - text.utf8.count)
        let byteRangeAt =
            signatureObjectStart + Array("\(signatureNumber) 0 obj\n".utf8).count
            + Array("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ".utf8).count
        out.replaceSubrange(byteRangeAt..<(byteRangeAt + padded.count), with: padded)

        var signer = CMSSigner(identity: identity, signingTime: nil)
        signer.includeSigningCertificateV2 = true
        var digests = DigestSet(algorithms: [signer.digestAlgorithm])
        digests.update(bytes: Array(out[0..<contentsStart]))
        digests.update(bytes: Array(out[contentsEnd..<coveredEnd]))
        var der: [UInt8]
        do {
            let signedData = try CMSBuilder.sign(contentDigests: digests.finalize(), signers: [signer])
            der = signedData.derEncoded
            if let timestamper, let info = signedData.signerInfos.first {
                let token = try await timestamper(info.signature)
                let stamped = try info.adding(unsignedAttribute: try CMSAttribute(type: .CMS.signatureTimeStampToken, values: [token]))
                der = try signedData.replacingSignerInfo(at: 0, with: stamped).derEncoded
            }
        } catch {
            throw .sealingFailed("the CMS signer failed: \(error)")
        }
        guard der.count <= reservedBytes else {
            throw .sealingFailed("the CMS (\(der.count) bytes) is larger than the \(reservedBytes) bytes reserved")
        }
        let hex = Array(Hex.encode(der).utf8)
        out.replaceSubrange((contentsStart + 1)..<(contentsStart + 1 + hex.count), with: hex)
        return out
    }

    private func addField(
        _ field: PDFReference, to form: inout PDFDictionary, document: PDFDocument,
        rewritten: inout [(Int, [UInt8])]
    ) throws(PDFError) {
        switch form["Fields"] {
        case .reference(let fieldsReference)?:
            let items = (try document.object(fieldsReference))?.array ?? []
            rewritten.append((fieldsReference.number, PDFObjectWriter.write(.array(items + [.reference(field)]))))
        default:
            form.set("Fields", .array((form["Fields"]?.array ?? []) + [.reference(field)]))
        }
        form.set("SigFlags", .integer(3))
    }

    private func firstPage(_ document: PDFDocument, catalog: PDFDictionary) throws(PDFError) -> PDFReference {
        var node = catalog["Pages"]
        for _ in 0..<64 {
            guard let reference = node?.reference, let dictionary = try document.dictionary(.reference(reference)) else { break }
            if dictionary.type == "Page" { return reference }
            node = dictionary["Kids"]?.array?.first
        }
        throw .sealingFailed("the document has no page")
    }

    /// `D:YYYYMMDDHHmmSSZ` (ISO 32000-2 §7.9.4), in UTC.
    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "D:%04d%02d%02d%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}

/// Text strings for the sealer: ASCII as is, anything else UTF-16BE with a BOM (ISO 32000-2 §7.9.2.2).
enum PDFTextEncoding {
    static func encode(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return Array(text.utf8) }
        return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

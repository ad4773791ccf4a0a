import SenimPDF

/// The PDF reader (`PDFDocument`): the revision chain (classic tables, cross-reference streams, hybrids), the object
/// parser, object streams and the stream filters, on every object each revision lists (at most 256 per revision).
///
/// Invariant: every revision ends inside the file, after the one before it; an object the table lists reads back
/// the same when asked for twice (the reader's caches do not change what it returns).
enum PDFReaderHarness {
    static let objectsPerRevision = 256

    static let harness = Harness(name: "pdf-reader", summary: "PDF reader: revisions, cross-references, objects, streams") { bytes in
        guard let document = try? PDFDocument(source: PDFMemorySource(bytes)) else { return }
        var previousEnd = 0
        for revision in document.revisions {
            Invariant.check(
                revision.endOffset <= bytes.count && revision.endOffset >= previousEnd,
                "revision \(revision.index) ends at \(revision.endOffset), the file has \(bytes.count) bytes, "
                    + "the previous revision ended at \(previousEnd)")
            previousEnd = revision.endOffset
            _ = try? document.resolve(revision.trailer["Root"], at: revision.index)
            for number in revision.entries.keys.sorted().prefix(objectsPerRevision) {
                guard let entry = revision.entries[number] else { continue }
                let reference: PDFReference
                switch entry {
                case .inUse(_, let generation): reference = PDFReference(number, generation)
                case .compressed: reference = PDFReference(number, 0)
                default: continue
                }
                guard let object = try? document.object(reference, at: revision.index) else { continue }
                Invariant.check((try? document.object(reference, at: revision.index)) == object, "object \(reference) read twice differs")
                if case .stream = object { _ = try? document.streamData(object) }
                _ = document.offset(of: reference, at: revision.index)
            }
        }
    }
}

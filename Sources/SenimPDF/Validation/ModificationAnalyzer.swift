/// Compares each revision with the one before it, object by object, and names every change (pyHanko's diff
/// analysis in spirit, ISO 32000-2 §12.8.2.2 for what DocMDP permits). A change it cannot explain as a
/// signature, a form value, an annotation, DSS or metadata is OTHER; new objects matter only through the existing
/// objects that come to refer to them, and every changed existing object is examined.
struct ModificationAnalyzer {
    let document: PDFDocument

    /// Every change revision `revision` made relative to `revision - 1`.
    func changes(in revision: Int) throws(PDFError) -> [ModificationFinding] {
        guard revision > 0, revision < document.revisions.count else { return [] }
        let previous = revision - 1
        let trailer = document.revisions[revision].trailer
        let oldTrailer = document.revisions[previous].trailer
        var findings: [ModificationFinding] = []
        func note(_ object: Int?, _ reason: ModificationReason, _ level: ModificationLevel, _ text: String) {
            // A widget merged with its field is reached from both /Fields and /Annots: one finding.
            guard !findings.contains(where: { $0.reason == reason && $0.description == text }) else { return }
            findings.append(ModificationFinding(revision: revision, object: object, reason: reason, level: level, description: text))
        }
        if trailer["Root"]?.reference != oldTrailer["Root"]?.reference {
            note(
                trailer["Root"]?.reference?.number, .catalogChanged, .other, "the update replaces the document catalog with another object")
        }
        let root = trailer["Root"]?.reference?.number
        let info: Set<Int> = Set([trailer["Info"]?.reference?.number, oldTrailer["Info"]?.reference?.number].compactMap { $0 })
        var contentStreams: Set<Int>?

        for number in document.revisions[revision].entries.keys.sorted() {
            let reference = PDFReference(number)
            let old = try? document.object(reference, at: previous)
            let new = try document.object(reference, at: revision)
            guard let old = old ?? nil else { continue } // a new object: judged where existing objects refer to it
            guard let new else {
                note(number, .objectDeleted, .other, "object \(number) (\(Self.kind(old))) is deleted")
                continue
            }
            if try same(old, new) { continue }
            let oldDictionary = old.dictionary
            let newDictionary = new.dictionary
            if number == root, let oldDictionary, let newDictionary {
                try catalog(oldDictionary, newDictionary, number: number, revision: revision, note: note)
            } else if info.contains(number) || oldDictionary?.type == "Metadata" {
                note(number, .metadataUpdated, .ltaUpdates, "the document information or XMP metadata (object \(number)) is updated")
            } else if oldDictionary?["ByteRange"] != nil || ["Sig", "DocTimeStamp"].contains(oldDictionary?.type ?? "") {
                note(
                    number, .signatureDictionaryAltered, .other,
                    "the signature dictionary (object \(number)) of an earlier signature is rewritten")
            } else if let oldDictionary, let newDictionary, oldDictionary.type == "Page" {
                try page(oldDictionary, newDictionary, number: number, revision: revision, note: note)
            } else if oldDictionary?.type == "Pages" {
                note(number, .pageTreeChanged, .other, "the page tree (object \(number)) changes: pages are added, removed or reordered")
            } else if let oldDictionary, let newDictionary, oldDictionary["Fields"] != nil {
                try form(oldDictionary, newDictionary, number: number, revision: revision, note: note)
            } else if let oldDictionary, let newDictionary,
                oldDictionary["FT"] != nil || oldDictionary["Parent"] != nil && oldDictionary["Subtype"]?.name == "Widget"
            {
                try field(oldDictionary, newDictionary, number: number, revision: revision, note: note)
            } else if let oldDictionary, Self.isSecurityStore(oldDictionary) {
                note(number, .securityStoreUpdated, .ltaUpdates, "the document security store (object \(number)) is updated")
            } else if let oldItems = old.array, let newItems = new.array, Set(oldItems).isSubset(of: Set(newItems)) {
                // An indirect /Annots or /Fields array that grows: judge what was added.
                for added in newItems where !oldItems.contains(added) {
                    try addition(added, revision: revision, note: note)
                }
            } else if oldDictionary?.type == "Annot" || oldDictionary?["Subtype"] != nil && oldDictionary?["Rect"] != nil {
                note(number, .annotationChanged, .annotations, "annotation object \(number) is changed")
            } else {
                if contentStreams == nil { contentStreams = try pageContentStreams(at: previous) }
                if contentStreams?.contains(number) == true {
                    note(
                        number, .pageContentChanged, .other,
                        "a page content stream (object \(number)) is replaced: what the page shows is not what was signed")
                } else {
                    note(number, .objectReplaced, .other, "object \(number) (\(Self.kind(old))) is replaced")
                }
            }
        }
        return findings
    }

    // MARK: Roles

    private func catalog(
        _ old: PDFDictionary, _ new: PDFDictionary, number: Int, revision: Int,
        note: (Int?, ModificationReason, ModificationLevel, String) -> Void
    ) throws(PDFError) {
        for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
            switch key {
            case "AcroForm":
                if let newForm = new["AcroForm"]?.dictionary {
                    try form(old["AcroForm"]?.dictionary ?? PDFDictionary(), newForm, number: number, revision: revision, note: note)
                } else if let reference = new["AcroForm"]?.reference, old["AcroForm"] == nil,
                    let newForm = try document.dictionary(.reference(reference), at: revision)
                {
                    try form(PDFDictionary(), newForm, number: number, revision: revision, note: note)
                } else {
                    note(number, .catalogChanged, .other, "the catalog's /AcroForm is replaced")
                }
            case "DSS": note(number, .securityStoreUpdated, .ltaUpdates, "the catalog gains or updates its document security store (/DSS)")
            case "Metadata": note(number, .metadataUpdated, .ltaUpdates, "the catalog's XMP metadata is replaced")
            case "Extensions": note(number, .securityStoreUpdated, .ltaUpdates, "the catalog declares developer extensions (/Extensions)")
            case "Version": note(number, .metadataUpdated, .ltaUpdates, "the catalog declares another PDF version (/Version)")
            default: note(number, .catalogChanged, .other, "the catalog's /\(key) changes")
            }
        }
    }

    private func form(
        _ old: PDFDictionary, _ new: PDFDictionary, number: Int, revision: Int,
        note: (Int?, ModificationReason, ModificationLevel, String) -> Void
    ) throws(PDFError) {
        for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
            switch key {
            case "Fields":
                let oldFields = try document.resolve(old["Fields"], at: revision - 1)?.array ?? []
                let newFields = try document.resolve(new["Fields"], at: revision)?.array ?? []
                guard Set(oldFields).isSubset(of: Set(newFields)) else {
                    note(number, .formFieldAdded, .other, "form fields are removed from the AcroForm")
                    continue
                }
                for added in newFields where !oldFields.contains(added) { try addition(added, revision: revision, note: note) }
            case "SigFlags", "DR", "DA":
                break // resources and flags that signing sets (§12.7.3, Table 224)
            case "NeedAppearances":
                note(number, .formFieldFilled, .formFilling, "the AcroForm asks viewers to regenerate appearances")
            default:
                note(number, .catalogChanged, .other, "the AcroForm's /\(key) changes")
            }
        }
    }

    private func page(
        _ old: PDFDictionary, _ new: PDFDictionary, number: Int, revision: Int,
        note: (Int?, ModificationReason, ModificationLevel, String) -> Void
    ) throws(PDFError) {
        for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
            switch key {
            case "Annots":
                let oldAnnots = try document.resolve(old["Annots"], at: revision - 1)?.array ?? []
                let newAnnots = try document.resolve(new["Annots"], at: revision)?.array ?? []
                for removed in oldAnnots where !newAnnots.contains(removed) {
                    note(
                        number, .annotationRemoved, .annotations,
                        "an annotation (\(removed.reference?.description ?? "direct")) is removed from page object \(number)")
                }
                for added in newAnnots where !oldAnnots.contains(added) { try addition(added, revision: revision, note: note) }
            case "Contents":
                note(
                    number, .pageContentChanged, .other,
                    "page object \(number) points at other content streams: what the page shows is not what was signed")
            default:
                note(number, .pageChanged, .other, "page object \(number)'s /\(key) changes")
            }
        }
    }

    private func field(
        _ old: PDFDictionary, _ new: PDFDictionary, number: Int, revision: Int,
        note: (Int?, ModificationReason, ModificationLevel, String) -> Void
    ) throws(PDFError) {
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
        let type = new["FT"]?.name ?? old["FT"]?.name
        guard changed.isSubset(of: ["V", "AP", "AS", "MK"]) else {
            note(
                number, .formFieldAdded, .other,
                "form field object \(number) changes beyond its value and appearance (\(changed.sorted().joined(separator: ", ")))")
            return
        }
        if type == "Sig" {
            guard old["V"] == nil || old["V"] == new["V"] else {
                note(number, .signatureDictionaryAltered, .other, "signature field object \(number) is pointed at another signature")
                return
            }
            try signatureField(new, number: number, revision: revision, note: note)
        } else {
            note(number, .formFieldFilled, .formFilling, "form field object \(number) gets a new value")
        }
    }

    /// An object newly referred to from /Fields or /Annots.
    private func addition(
        _ value: PDFObject, revision: Int, note: (Int?, ModificationReason, ModificationLevel, String) -> Void
    ) throws(PDFError) {
        guard let dictionary = try document.dictionary(value, at: revision) else { return }
        let number = value.reference?.number
        let parentType = try document.dictionary(dictionary["Parent"], at: revision)?["FT"]?.name
        if dictionary["FT"]?.name == "Sig" || parentType == "Sig" {
            try signatureField(dictionary, number: number, revision: revision, note: note)
        } else if dictionary["FT"] != nil || dictionary["Subtype"]?.name == "Widget" {
            note(
                number, .formFieldAdded, .other,
                "a form field that is not a signature field is added (object \(number.map(String.init) ?? "direct"))")
        } else {
            let subtype = dictionary["Subtype"]?.name ?? "unknown"
            note(
                number, .annotationAdded, .annotations, "a /\(subtype) annotation is added (object \(number.map(String.init) ?? "direct"))")
        }
    }

    private func signatureField(
        _ field: PDFDictionary, number: Int?, revision: Int,
        note: (Int?, ModificationReason, ModificationLevel, String) -> Void
    ) throws(PDFError) {
        let name = field["T"]?.string.map { PDFText.decode($0) } ?? "unnamed"
        guard let value = try document.dictionary(field["V"], at: revision) else {
            note(number, .emptySignatureFieldAdded, .ltaUpdates, "an empty signature field \(name) is added")
            return
        }
        if value.type == "DocTimeStamp" || value["SubFilter"]?.name == SignatureSubFilter.rfc3161.rawValue {
            note(number, .documentTimestampAdded, .ltaUpdates, "document timestamp \(name) is added")
        } else {
            note(number, .signatureAdded, .formFilling, "signature \(name) is added")
        }
    }

    // MARK: Helpers

    /// Two versions of an object are the same when their values are equal and, for streams, their data bytes are.
    private func same(_ old: PDFObject, _ new: PDFObject) throws(PDFError) -> Bool {
        switch (old, new) {
        case (.stream(let a, let ra), .stream(let b, let rb)):
            guard a == b, ra.count == rb.count else { return false }
            if ra == rb { return true }
            guard let oldData = try document.rawStreamData(old), let newData = try document.rawStreamData(new) else { return false }
            return oldData == newData
        default:
            return old == new
        }
    }

    /// The content stream objects of every page at `revision` (page tree walked with a bound).
    private func pageContentStreams(at revision: Int) throws(PDFError) -> Set<Int> {
        var result: Set<Int> = []
        var visited: Set<PDFReference> = []
        var queue: [PDFObject] = []
        if let root = try document.dictionary(document.revisions[revision].trailer["Root"], at: revision), let pages = root["Pages"] {
            queue.append(pages)
        }
        var budget = 200_000
        while let next = queue.popLast(), budget > 0 {
            budget -= 1
            if let reference = next.reference, !visited.insert(reference).inserted { continue }
            guard let node = try document.dictionary(next, at: revision) else { continue }
            if let kids = node["Kids"]?.array { queue += kids }
            switch node["Contents"] {
            case .reference(let reference)?:
                result.insert(reference.number)
                if let array = try document.object(reference, at: revision)?.array {
                    result.formUnion(array.compactMap { $0.reference?.number })
                }
            case .array(let items)?: result.formUnion(items.compactMap { $0.reference?.number })
            default: break
            }
        }
        return result
    }

    static func isSecurityStore(_ dictionary: PDFDictionary) -> Bool {
        dictionary.type == "DSS" || dictionary.type == "VRI" || dictionary["VRI"] != nil || dictionary["Certs"] != nil
            || dictionary["OCSPs"] != nil || dictionary["CRLs"] != nil
    }

    static func kind(_ object: PDFObject) -> String {
        switch object {
        case .stream(let dictionary, _): return dictionary.type.map { "/\($0) stream" } ?? "a stream"
        case .dictionary(let dictionary): return dictionary.type.map { "/\($0) dictionary" } ?? "a dictionary"
        case .array: return "an array"
        default: return "a value"
        }
    }
}

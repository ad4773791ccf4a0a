import ArgumentParser
import Foundation
import SenimCMS
import SenimPDF
import SenimPKI
import SenimVerify

/// `senimkey verify FILE.pdf`: the signatures embedded in a PDF (issue 23). The file is read through a
/// bounded reader, never loaded whole; the text output lists the revisions, which signature covers which, and
/// what changed after each; JSON is the ``PDFValidationReport`` (with `coverage` and `modificationLevel`).
extension VerifyCommand {
    func verifyPDF() async throws {
        let time = try CLIInput.time(at) ?? Date()
        let context = try validationContext()
        if data != nil {
            FileHandle.standardError.write(Data("senimkey: --data is not used for a PDF: its signatures cover the PDF's own bytes\n".utf8))
        }

        let result = await SignatureVerifier(context: context).verifyPDF(atPath: file, at: time)
        if result.refusal == "ENCRYPTED_PDF" || result.refusal == "UNREADABLE" {
            FileHandle.standardError.write(Data("senimkey: \(file) is refused: \(result.report.messages.first ?? "unreadable")\n".utf8))
            throw SenimkeyExit.unreadableInput
        }
        switch format {
        case .json: try JSONOutput.print(result)
        case .text: print(PDFReportText(result).rendered, terminator: "")
        }
        if result.refusal == nil && result.signatures.isEmpty {
            FileHandle.standardError.write(Data("senimkey: \(file) is a PDF without any signature\n".utf8))
        }
        try SenimkeyExit.finish(with: result.indication)
    }
}

/// The text rendering of a PDF verdict: the ETSI report, then the revisions and what each signature covers.
struct PDFReportText {
    let result: PDFValidationReport
    init(_ result: PDFValidationReport) { self.result = result }

    var rendered: String {
        var lines = [ReportText(result.report).rendered.trimmingCharacters(in: .newlines), ""]
        if let refusal = result.refusal { lines.append("The file was refused (\(refusal)) before any signature was read.") }
        if !result.revisions.isEmpty {
            lines.append("Revisions (\(result.revisions.count)):")
            for revision in result.revisions {
                let signed = revision.signedBy.isEmpty ? "" : ", signed by \(revision.signedBy.joined(separator: ", "))"
                let level = revision.number == 1 ? "original document" : "update, \(revision.modificationLevel.rawValue)"
                lines.append(
                    "  \(revision.number). bytes 0–\(revision.endOffset), "
                        + "\(revision.crossReference.rawValue) cross-reference, \(level)\(signed)"
                )
                for change in revision.changes { lines.append("       \(change.reason.rawValue): \(change.description)") }
            }
        }
        for signature in result.signatures {
            lines.append("")
            let covers = signature.revision.map { "revision \($0)" } ?? "no revision"
            lines.append(
                "[\(signature.id)] field \(signature.field), \(signature.subFilter)\(signature.certification ? ", certification" : "")")
            lines.append("  covers        \(covers) — coverage \(signature.coverage.rawValue)")
            lines.append(
                "  changed after \(signature.modificationLevel.rawValue) (allowed up to "
                    + "\(signature.allowedModificationLevel.rawValue)\(signature.docMDP.map { ", DocMDP P=\($0.rawValue)" } ?? ""))"
            )
            for change in signature.changesAfter {
                lines.append(
                    "    revision \(change.revision + 1): \(change.reason.rawValue), \(change.level.rawValue) — \(change.description)")
            }
            for problem in signature.problems { lines.append("  problem       \(problem.rawValue)") }
        }
        if let store = result.securityStore {
            lines.append("")
            lines.append(
                "DSS: \(store["certificates"] ?? 0) certificates, \(store["crls"] ?? 0) CRLs, "
                    + "\(store["ocspResponses"] ?? 0) OCSP responses, \(store["vri"] ?? 0) VRI entries"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

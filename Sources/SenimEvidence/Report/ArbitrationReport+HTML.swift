import Foundation
import SenimPKI

/// The report as one self-contained HTML page (no external asset, no script) with A4 print CSS: the footer of every
/// printed page carries the document id, the package's SHA-256 and the page number (CSS paged media margin boxes,
/// which headless Chromium honours when it prints the PDF). Machine text (digests, commands, certificate names) is set
/// in `<code>`: it is quoted verbatim, in no language; every other word comes from ``ReportStrings``.
extension ArbitrationReport {
    public var html: String {
        let w = words
        var body = firstPage(w)
        body += "<section class=\"timeline\"><h2>\(w.html(.timelineSection))</h2>\(timelineTable(w))</section>"
        body += "<section class=\"proofs\"><h2>\(w.html(.proofsSection))</h2>\(proofs(w))</section>"
        body += "<section class=\"howto\"><h2>\(w.html(.howToSection))</h2>\(howToVerify(w))</section>"
        body += "<section class=\"annex\"><h2>\(w.html(.annexSection))</h2>\(annex(w))</section>"
        body += "<p class=\"note\">\(w.html(.finalNotice))</p>"
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">\
            <title>\(w.html(.title)) \(Self.escape(document.id))</title><style>
            @page { size: A4; margin: 16mm 15mm 20mm;
             @bottom-left { content: "\(Self.cssString(footer(w)))"; width: 80%; font: 7pt "DejaVu Sans", sans-serif; color: #444; }
             @bottom-right { content: "\(Self.cssString(w.text(.page))) " counter(page) \
            " \(Self.cssString(w.text(.pageOf))) " counter(pages); width: 20%; text-align: right; white-space: nowrap;\
             font: 7pt "DejaVu Sans", sans-serif; color: #444; } }
            body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; max-width: 190mm;\
             margin: auto; line-height: 1.35; }
            h1 { font-size: 16pt; margin: 0; } h2 { font-size: 12pt; border-bottom: 1px solid #999; margin: 12pt 0 4pt; }
            h3 { font-size: 10.5pt; margin: 10pt 0 3pt; } .sub { color: #555; margin-top: 2pt; }
            table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
            tr { page-break-inside: avoid; }
            th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; vertical-align: top; }
            th { background: #f1f1f1; } .kv th { width: 30%; font-weight: normal; }
            td.result, th.result { white-space: nowrap; width: 1%; }
            code { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; overflow-wrap: anywhere; }
            .outcome { font-weight: bold; padding: 6pt 8pt; border: 1px solid #999; margin: 8pt 0; }
            .total_passed { background: #e3f4e3; } .total_failed { background: #f8e0e0; } .indeterminate { background: #fff3d6; }
            .signer { border: 1px solid #bbb; padding: 3pt 8pt; margin: 4pt 0; page-break-inside: avoid; }
            .signer p { margin: 1pt 0; } .signer .name { font-weight: bold; }
            .check { display: flex; gap: 10pt; align-items: center; border: 1px dashed #888; padding: 5pt 8pt; margin-top: 8pt;\
             page-break-inside: avoid; }
            .check svg { flex: none; width: 26mm; height: 26mm; } .check p { margin: 2pt 0; }
            .first { page-break-after: always; } .annex { page-break-before: always; }
            .note { color: #444; font-style: italic; } ol li { margin: 3pt 0; }
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    /// What identifies the report on every printed page: the document id and the package's SHA-256 (or, inside
    /// the package, the document's: a file cannot carry its container's digest).
    func footer(_ w: ReportWords) -> String {
        switch copy {
        case .renderedFrom(let sha256): return w.format(.footerPackage, document.id, sha256)
        case .insidePackage: return w.format(.footerInsidePackage, document.id, document.sha256)
        }
    }

    // MARK: Page 1

    func firstPage(_ w: ReportWords) -> String {
        func row(_ label: ReportKey, _ value: String) -> String { "<tr><th>\(w.html(label))</th><td>\(value)</td></tr>" }
        var page =
            "<section class=\"first\"><h1>\(w.html(.title))</h1><p class=\"sub\">\(w.html(.subtitle))</p>"
            + "<p class=\"outcome \(overall.rawValue.lowercased())\">\(Self.escape(outcome))</p>"
        page +=
            "<h2>\(w.html(.documentSection))</h2><table class=\"kv\">" + row(.fileName, Self.escape(document.name))
            + row(.size, Self.escape(w.format(.sizeBytes, "\(document.size)"))) + row(.sha256, Self.code(document.sha256))
            + row(.gost34311, Self.code(document.gost34311)) + row(.documentID, Self.code(document.id))
        switch copy {
        case .renderedFrom(let sha256): page += row(.packageSHA256, Self.code(sha256))
        case .insidePackage: page += row(.packageSHA256, w.html(.insidePackageNotice))
        }
        page += "</table>"
        if let verifyPage {
            let link = verifyPage + "?sha256=" + document.sha256
            let qr = (try? QRCode(text: link).svg(pixels: 120, title: w.text(.verifyOnline))) ?? ""
            page +=
                "<div class=\"check\">\(qr)<div><p><b>\(w.html(.verifyOnline))</b></p><p>\(w.html(.verifyOnlineText))</p>"
                + "<p>\(Self.code(link))</p></div></div>"
        }
        page += "<h2>\(w.html(.signersSection))</h2>"
        if signatures.isEmpty { page += "<p>\(w.html(.noSignatures))</p>" }
        for signature in signatures { page += signerBlock(signature, w) }
        return page + "</section>"
    }

    /// One signer in one sentence per fact: who, with which identity numbers and role, how, when, and the verdict.
    func signerBlock(_ signature: Signature, _ w: ReportWords) -> String {
        var lines: [String] = []
        var identity: [String] = []
        if let iin = signature.iin { identity.append(w.format(.iinIs, iin)) }
        if let bin = signature.bin { identity.append(w.format(.binIs, bin)) }
        if !identity.isEmpty { lines.append(identity.joined(separator: ", ") + ".") }
        let roles = w.roles(signature.roles)
        switch signature.method {
        case .simple: lines.append(w.format(.roleIs, w.text(.roleSMSSigner)))
        case .cms, .xml: if !roles.isEmpty { lines.append(w.format(.roleIs, roles.joined(separator: ", "))) }
        }
        switch signature.method {
        case .cms: lines.append(w.text(.methodCMS))
        case .xml: lines.append(w.text(.methodXML))
        case .simple: lines.append(w.format(.methodSMS, signature.phoneMasked ?? "—"))
        }
        if let stamped = signature.timestampTime {
            lines.append(w.format(.timeStamped, w.date(stamped)))
        } else if let claimed = signature.claimedTime {
            lines.append(w.format(signature.method == .simple ? .timeRecorded : .timeClaimed, w.date(claimed)))
        }
        lines.append(w.verdict(of: signature))
        let name = signature.name ?? signature.phoneMasked ?? "—"
        return "<div class=\"signer\"><p class=\"name\">\(Self.escape(name))</p>"
            + lines.map { "<p>\(Self.escape($0))</p>" }.joined() + "</div>"
    }

    // MARK: Timeline

    func timelineTable(_ w: ReportWords) -> String {
        var table =
            "<table><tr><th>\(w.html(.time))</th><th>\(w.html(.actor))</th><th>\(w.html(.action))</th><th>\(w.html(.ipAddress))</th>"
            + "<th>\(w.html(.device))</th></tr>"
        for event in timeline {
            let who = [event.actorName, w.actorRole(event.actor.role), event.actor.phoneMasked].compactMap { $0 }.joined(separator: ", ")
            table +=
                "<tr><td class=\"result\">\(Self.escape(w.date(event.time)))</td><td>\(Self.escape(who))</td>"
                + "<td>\(Self.escape(w.action(event.action)))</td><td>\(Self.escape(event.client.ipAddress ?? "—"))</td>"
                + "<td>\(Self.escape(event.client.device ?? event.client.userAgent ?? "—"))</td></tr>"
        }
        return table + "</table>"
    }

    // MARK: What each proof means

    func proofs(_ w: ReportWords) -> String {
        func proof(_ title: ReportKey, _ proves: String, _ limits: ReportKey, facts: String = "") -> String {
            "<h3>\(w.html(title))</h3><p><b>\(w.html(.proves))</b> \(proves)</p><p><b>\(w.html(.doesNotProve))</b> \(w.html(limits))</p>"
                + facts
        }
        var text = ""
        if signatures.contains(where: { $0.method != .simple }) {
            text += proof(.proofEDSTitle, w.html(.proofEDS), .proofEDSLimits)
        }
        if signatures.contains(where: { $0.method == .simple }) {
            var facts = agreements.map { "<p>\(Self.escape(w.format(.agreementEdition, $0.edition))) \(Self.code($0.sha256))</p>" }
                .joined()
            for consent in Set(signatures.compactMap(\.consentTextSHA256)).sorted() {
                facts += "<p>\(w.html(.consentText)) \(Self.code(consent))</p>"
            }
            text += proof(.proofSESTitle, w.html(.proofSES), .proofSESLimits, facts: facts)
        }
        text += proof(.proofHashTitle, w.html(.proofHash), .proofHashLimits)
        let stamped = signatures.contains { $0.timestampTime != nil }
        text += proof(.proofTimeTitle, w.html(stamped ? .proofTimeStamped : .proofTimeClaimed), .proofTimeLimits)
        text += proof(.proofChainTitle, Self.escape(w.format(.proofChain, "\(timeline.count)")), .proofChainLimits)
        if let inclusion {
            text += proof(
                .proofLogTitle, Self.escape(w.format(.proofLog, "\(inclusion.leafIndex)", "\(inclusion.treeSize)", inclusion.origin)),
                .proofLogLimits)
        }
        text += proof(.proofSealTitle, w.html(.proofSeal), .proofSealLimits)
        text += "<h3>\(w.html(.proofWitnessTitle))</h3><p>\(w.html(.proofWitnessNone))</p>"
        return text
    }

    // MARK: How to verify

    func howToVerify(_ w: ReportWords) -> String {
        let package = "evidence.asice"
        var steps: [String] = []
        steps.append(w.html(.howToVerifier) + (verifyPage.map { " " + Self.code($0) } ?? ""))
        steps.append(w.html(.howToCommand) + " " + Self.code("senimkey evidence verify \(package) --policy-from-package"))
        if case .renderedFrom(let sha256) = copy {
            steps.append(w.html(.howToPackageDigest) + " " + Self.code("sha256sum \(package)") + " → " + Self.code(sha256))
        }
        if let seal = sealCertificate {
            steps.append(
                w.html(.howToSealFingerprint) + " " + Self.code(seal.sha256) + " (" + Self.code("chains/\(seal.sha256).cer") + ")")
        }
        steps.append(w.html(.howToUnzip) + " " + Self.code("unzip -d package \(package)"))
        steps.append(
            w.html(.howToDigests) + " " + Self.code("cd package && sha256sum \"document/\(document.name)\"") + " → "
                + Self.code(document.sha256))
        steps.append(
            w.html(.howToSeal) + " "
                + Self.code("openssl cms -verify -binary -inform DER -in META-INF/seal.p7s -content META-INF/manifest.json -noverify"))
        if let manifestSHA256 {
            steps.append(w.html(.howToManifest) + " " + Self.code("sha256sum META-INF/manifest.json") + " → " + Self.code(manifestSHA256))
        }
        steps.append(w.html(.howToEDS))
        return "<ol>" + steps.map { "<li>\($0)</li>" }.joined() + "</ol>"
    }

    // MARK: Technical annex

    func annex(_ w: ReportWords) -> String {
        var annex =
            "<h3>\(w.html(.verificationSection))</h3><table><tr><th>\(w.html(.step))</th><th class=\"result\">\(w.html(.result))</th>"
            + "<th>\(w.html(.finding))</th></tr>"
        for step in steps {
            annex +=
                "<tr><td>\(step.number). \(Self.escape(w.stepName(step.check)))\(step.check.file.map { "<br>" + Self.code($0) } ?? "")</td>"
                + "<td class=\"result\">\(w.html(w.verdictKey(step.indication)))</td>"
                + "<td>\(Self.escape(w.finding(step.finding))) \(Self.code(step.indication.rawValue))</td></tr>"
        }
        annex += "</table><h3>\(w.html(.certificatesSection))</h3>"
        func row(_ label: ReportKey, _ value: String?) -> String {
            "<tr><th>\(w.html(label))</th><td>\(value.map(Self.code) ?? "—")</td></tr>"
        }
        for signature in signatures {
            annex += "<table class=\"kv\"><tr><th>\(w.html(.signatureFile))</th><td>\(Self.code(signature.file))</td></tr>"
            annex +=
                row(.format, signature.format)
                + row(.verdictCode, signature.indication.rawValue + (signature.subIndication.map { " / \($0.rawValue)" } ?? ""))
            if let certificate = signature.certificate {
                annex +=
                    row(.certificate, certificate.subject) + row(.issuer, certificate.issuer) + row(.serial, certificate.serialNumber)
                    + row(.validity, "\(certificate.notBefore.iso8601) — \(certificate.notAfter.iso8601)")
                    + row(.fingerprint, certificate.sha256) + row(.algorithm, certificate.signatureAlgorithm)
            }
            for (index, entry) in signature.chain.enumerated() {
                annex +=
                    "<tr><th>\(Self.escape(w.format(.chainElement, "\(index + 1)")))</th><td>\(Self.code(entry.subject))<br>"
                    + "\(Self.code(entry.sha256))\(entry.trusted ? " " + w.html(.trustAnchor) : "")</td></tr>"
            }
            if let revocation = signature.revocation {
                annex +=
                    "<tr><th>\(w.html(.revocation))</th><td>\(Self.escape(w.revocation(revocation.status)))"
                    + "\(revocation.producedAt.map { ", " + Self.escape(w.date($0)) } ?? "") \(Self.code(revocation.source))</td></tr>"
            }
            if let consent = signature.consentTextSHA256 { annex += row(.consentText, consent) }
            if !signature.messages.isEmpty {
                annex +=
                    "<tr><th>\(w.html(.validatorWords))</th><td>\(signature.messages.map(Self.code).joined(separator: "<br>"))</td></tr>"
            }
            annex += "</table>"
        }
        if let seal = sealCertificate {
            annex += "<h3>\(w.html(.sealSection))</h3><table class=\"kv\">" + row(.certificate, seal.subject) + row(.issuer, seal.issuer)
            annex += row(.fingerprint, seal.sha256) + row(.validity, "\(seal.notBefore.iso8601) — \(seal.notAfter.iso8601)") + "</table>"
        }
        annex += "<h3>\(w.html(.integritySection))</h3><table class=\"kv\">"
        annex += row(.manifest, manifestSHA256) + row(.auditHead, auditHead)
        annex += row(.logInclusion, inclusion.map { "\($0.origin) \($0.leafIndex) / \($0.treeSize)" })
        annex += row(.policy, policy.map { "\($0.id) \($0.sha256)" })
        annex += "<tr><th>\(w.html(.revocationFiles))</th><td>"
        annex += revocationFiles.isEmpty ? "—" : revocationFiles.map(Self.code).joined(separator: "<br>")
        return annex + "</td></tr></table>"
    }

    // MARK: Escaping

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Machine text, verbatim: a digest, a command, a certificate's name.
    static func code(_ text: String) -> String { "<code>\(escape(text))</code>" }

    /// A CSS string literal's contents (the footer's margin box).
    static func cssString(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "<", with: "\\3C ")
    }
}

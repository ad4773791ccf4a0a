import Foundation

/// Prints the report's HTML to an A4 PDF with headless Chromium (`chromium --headless --print-to-pdf`), the one
/// renderer the machines have that honours CSS paged media: the footer of every page (document id, package SHA-256,
/// page N of M) is an `@page` margin box of ``ArbitrationReport/html``. Chromium embeds the fonts it uses; the report
/// asks for DejaVu Sans, which covers the whole Kazakh Cyrillic alphabet (ә ғ қ ң ө ұ ү һ і), so the renderer
/// refuses to run without it rather than print a Kazakh report in a fallback font that lacks those letters.
public struct ReportPDFRenderer: Sendable {
    public enum RenderError: Error, Sendable, Equatable {
        /// No Chromium, or no DejaVu Sans: the sentence names the packages to install.
        case rendererMissing
        /// Chromium ran but wrote no PDF (its exit status).
        case renderFailed(status: Int32)

        /// The refusal in the user's language.
        public func sentence(in language: Language) -> String {
            let words = ReportWords(language)
            switch self {
            case .rendererMissing: return words.text(.rendererMissing)
            case .renderFailed: return words.text(.rendererFailed)
            }
        }
    }

    /// The browser's executable.
    public let chromium: String
    /// Longer than this and the print is abandoned (Chromium's first start on a loaded machine takes seconds).
    public var timeout: Duration = .seconds(120)

    /// Where Debian puts the font the report names.
    public static let fontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    public init(chromium: String) { self.chromium = chromium }

    /// The renderer this machine has: `SENIMKEY_CHROMIUM` if set, else the first of Debian's `chromium` and the usual
    /// other names on the PATH; nil when there is none or the font is missing.
    public static func installed(environment: [String: String] = ProcessInfo.processInfo.environment) -> ReportPDFRenderer? {
        guard FileManager.default.fileExists(atPath: fontPath) else { return nil }
        if let named = environment["SENIMKEY_CHROMIUM"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? ReportPDFRenderer(chromium: named) : nil
        }
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in path {
                let candidate = (directory as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate) { return ReportPDFRenderer(chromium: candidate) }
            }
        }
        return nil
    }

    /// The PDF of `html`. The page is written to a private temporary directory (with Chromium's profile) that is
    /// removed after; the page loads nothing from outside (``ArbitrationReport/html`` is self-contained).
    public func render(html: String) async throws(RenderError) -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("senimkey-pdf-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(html.utf8).write(to: directory.appendingPathComponent("report.html"))
        } catch {
            throw .renderFailed(status: -1)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("report.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-pdf-header-footer", "--no-first-run",
            "--disable-extensions", "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(output.path)", directory.appendingPathComponent("report.html").absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // A browser that hangs is stopped: the watchdog knows only the process id, and is cancelled once it exits.
        let deadline = timeout
        let started = ProcessIdentifierBox()
        let watchdog = Task {
            try? await Task.sleep(for: deadline)
            if !Task.isCancelled, let pid = started.value { kill(pid, SIGKILL) }
        }
        let status: Int32 = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
                started.value = process.processIdentifier
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: -1)
            }
        }
        watchdog.cancel()
        guard status == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF-".utf8)) else {
            throw .renderFailed(status: status)
        }
        return Array(pdf)
    }
}

/// The browser's process id, handed to the watchdog task.
private final class ProcessIdentifierBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int32?
    var value: Int32? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

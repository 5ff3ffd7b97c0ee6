import Foundation

/// Reads a PDF's text and metadata with poppler's `pdftotext` and `pdfinfo` (Debian `poppler-utils`): paragraphs
/// as the text layer gives them, each page marked so page locators can be checked, title and author from the
/// document information.
public enum PDFText {
    /// Extracts the article from PDF bytes; `input` names it in errors.
    public static func extract(_ bytes: [UInt8], input: String) throws(ImportError) -> ExtractedArticle {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("input.pdf")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        } catch {
            throw ImportError(.pdf, input: input, "cannot read \(input): \(error.localizedDescription)")
        }
        let text = try run("pdftotext", ["-enc", "UTF-8", "-eol", "unix", file.path, "-"], input: input)
        let info = try run("pdfinfo", ["-isodates", "-enc", "UTF-8", file.path], input: input)
        var metadata = PageMetadata()
        let fields = infoFields(info)
        metadata.title = fields["Title"]
        metadata.authors = fields["Author"].map { [$0] } ?? []
        metadata.published = fields["CreationDate"]
        let blocks = pages(text)
        let words = blocks.plainText.split(whereSeparator: \.isWhitespace).count
        guard words > 0 else {
            throw ImportError(.noArticle(words: 0), input: input, "no text found in \(input): the PDF has no text layer (a scan?)")
        }
        return ExtractedArticle(metadata: metadata, blocks: blocks, charset: Charset(name: "UTF-8", origin: .sniffed, bomLength: 0))
    }

    /// The text as blocks: a page marker before each page's paragraphs (pages end in form feeds; blank lines end
    /// paragraphs; a line's break inside a paragraph is a soft wrap).
    static func pages(_ text: String) -> [ArticleBlock] {
        var blocks: [ArticleBlock] = []
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        for (n, page) in pages.enumerated() {
            let paragraphs = page.components(separatedBy: "\n\n").map { p in
                p.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            }.filter { !$0.isEmpty }
            guard !paragraphs.isEmpty else { continue }
            blocks.append(.pageStart(n + 1))
            blocks += paragraphs.map { .paragraph($0) }
        }
        return blocks
    }

    private static func infoFields(_ info: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in info.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { fields[String(line[..<colon])] = value }
        }
        return fields
    }

    /// Runs a poppler tool and returns its standard output; a missing tool or a failure names the input.
    private static func run(_ tool: String, _ arguments: [String], input: String) throws(ImportError) -> String {
        guard let path = ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"].map({ "\($0)/\(tool)" })
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ImportError(.pdf, input: input, "cannot read \(input): \(tool) is not installed (Debian: poppler-utils; 'make deps' installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw ImportError(.pdf, input: input, "cannot run \(tool) on \(input): \(error.localizedDescription)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let why = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
            throw ImportError(.pdf, input: input, "\(input) is not a readable PDF: \(why)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

import ArgumentParser
import DossierContent
import DossierImport
import DossierModel
import DossierSupport
import Foundation

/// `dossier import`: saved pages, URLs and PDFs become source files with their metadata and their originals.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import articles (saved .html/.htm[.gz] pages, http(s) URLs, PDFs, or - for HTML or PDF, maybe gzipped, on stdin) as sources.",
        discussion: """
            Writes Content/sources/<id>.md and keeps the original byte for byte in Content/sources/originals/. \
            Exits 1 when any input failed (those inputs change nothing), 2 on usage errors.
            """
    )

    /// How results are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Saved pages, PDFs, http(s) URLs, or - for HTML on standard input.", valueName: "input"))
    var inputs: [String]

    @Option(help: ArgumentHelp("The site folder, holding Content/.", valueName: "path"))
    var site: String = "."

    @Option(help: ArgumentHelp("The source id (one input only); default: a slug of publisher and title.", valueName: "id"))
    var id: String?

    @Flag(name: .customLong("dry-run"), help: "Write nothing; print the file that would be written.")
    var dryRun = false

    @Option(help: "Output format: text, or json (the extracted fields per input, for scripts).")
    var format: Format = .text

    @Flag(help: "Replace a source already imported from the same URL, keeping its id.")
    var force = false

    @OptionGroup var threads: JobsOption

    func validate() throws {
        if id != nil && inputs.count > 1 { throw ValidationError("--id names one source: give one input with it") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    }

    func run() async throws {
        let siteFolder = folderURL(site)
        guard FileManager.default.fileExists(atPath: siteFolder.appendingPathComponent("Content").path) else {
            throw ValidationError("no Content/ folder in \(siteFolder.path): run 'dossier init' or pass --site")
        }
        let stdin = inputs.contains("-") ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : []
        let importer = SourceImporter(siteFolder: siteFolder)
        var existing = ExistingSources(siteFolder: siteFolder)
        var printer = ImportPrinter(format: format, dryRun: dryRun)
        // Each input is planned, written and printed as soon as it and those before it are extracted, then let go:
        // a run of many pages holds only the few in flight.
        await Import.extractAll(inputs, stdin: stdin, jobs: threads.value) { n, result in
            printer.add(apply(result, input: inputs[n], importer: importer, existing: &existing))
        }
        let mentions = printer.written.isEmpty ? [:] : ImportReport.actorsMentioning(printer.written.map(\.id), siteFolder: siteFolder,
                                                                                                  jobs: threads.value)
        printer.finish(mentions: mentions)
        if printer.failed { throw ExitCode(1) }
    }

    /// Loads and extracts every input, each in its own task, as many at a time as `jobs` (URLs wait on the
    /// network, so a few more of them run at once); more in flight would only hold more pages in memory. `handle`
    /// gets the results in the inputs' order, each as soon as it and those before it are done.
    static func extractAll(_ inputs: [String], stdin: [UInt8], jobs: Jobs,
                           handle: (Int, Result<(LoadedInput, ExtractedArticle), ImportError>) -> Void) async {
        let width = jobs.count * (inputs.contains { $0.hasPrefix("http") } ? 4 : 1)
        await withTaskGroup(of: (Int, Result<(LoadedInput, ExtractedArticle), ImportError>).self) { group in
            var waiting: [Int: Result<(LoadedInput, ExtractedArticle), ImportError>] = [:]
            var next = 0
            func take(_ done: (Int, Result<(LoadedInput, ExtractedArticle), ImportError>)) {
                waiting[done.0] = done.1
                while let result = waiting.removeValue(forKey: next) {
                    handle(next, result)
                    next += 1
                }
            }
            for (n, input) in inputs.enumerated() {
                if n >= width, let done = await group.next() { take(done) }
                group.addTask { (n, await loadAndExtract(input, stdin: stdin)) }
            }
            for await done in group { take(done) }
        }
    }

    private static func loadAndExtract(_ input: String, stdin: [UInt8]) async -> Result<(LoadedInput, ExtractedArticle), ImportError> {
        do {
            let loaded: LoadedInput
            let lower = input.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                loaded = try await WebFetcher(environment: ProcessInfo.processInfo.environment).fetch(input)
            } else if input == "-" {
                loaded = try InputReader.standardInput(stdin)
            } else {
                loaded = try InputReader.file(input)
            }
            return .success((loaded, try SourceImporter.extract(loaded)))
        } catch {
            return .failure(error)
        }
    }

    private func apply(_ result: Result<(LoadedInput, ExtractedArticle), ImportError>, input: String, importer: SourceImporter,
                       existing: inout ExistingSources) -> ImportOutcome {
        do {
            let (loaded, article) = try result.get()
            let plan = try importer.plan(loaded, article: article, requestedID: id, force: force, existing: &existing)
            if !dryRun { try importer.write(plan) }
            return ImportOutcome(input: input, plan: plan, error: nil)
        } catch {
            return ImportOutcome(input: input, plan: nil, error: error)
        }
    }

}

/// Prints what became of each input as it comes, in the inputs' order: errors on standard error, JSON rows or
/// dry-run files on standard output. Reports of written sources wait for the actors they mention, found once all
/// are written.
struct ImportPrinter {
    let format: Import.Format
    let dryRun: Bool
    /// The sources written, for the closing report.
    private(set) var written: [ImportReport.Written] = []
    /// Whether any input failed.
    private(set) var failed = false
    private var rows = 0

    init(format: Import.Format, dryRun: Bool) {
        self.format = format
        self.dryRun = dryRun
    }

    /// Prints, or keeps for the closing report, what became of the next input.
    mutating func add(_ outcome: ImportOutcome) {
        if let e = outcome.error {
            failed = true
            FileHandle.standardError.write(Data("error: \(e.message)\n".utf8))
        }
        switch format {
        case .json:
            Swift.print(rows == 0 ? "[" : ",", ImportReport.json(outcome), separator: "\n", terminator: "")
            rows += 1
        case .text:
            guard let plan = outcome.plan else { return }
            if dryRun {
                Swift.print("# would write \(plan.path) and \(plan.originalPath)")
                Swift.print(plan.document)
            } else {
                written.append(ImportReport.Written(plan))
            }
        }
    }

    /// Ends the output: closes the JSON list, or prints the written sources with the actors they mention.
    func finish(mentions: [String: ImportReport.Mentions]) {
        switch format {
        case .json: Swift.print(rows == 0 ? "[\n\n]" : "\n]")
        case .text: for w in written { Swift.print(ImportReport.text(w, mentions: mentions[w.id])) }
        }
    }
}

/// What became of one input.
struct ImportOutcome {
    var input: String
    var plan: ImportPlan?
    var error: ImportError?
}

/// What `dossier import` prints: the written files, the actors mentioned and the names suggested as actors.
enum ImportReport {
    /// The actors a new source names, found by the site's own mention finder, and suggested new names.
    struct Mentions {
        var actors: [String]
        var suggestions: [NameSuggestions.Suggestion]
    }

    /// Loads the site with the new sources and asks it which actors each names; suggestions leave known names out.
    static func actorsMentioning(_ ids: [String], siteFolder: URL, jobs: Jobs) -> [String: Mentions] {
        let result = SiteLoader(siteFolder: siteFolder, jobs: jobs).load()
        guard let site = result.site else { return [:] }
        let known = site.actors.flatMap { [$0.name] + $0.otherNames }
        var report: [String: Mentions] = [:]
        for id in ids {
            let actors = site.actors.filter { site.sourcesMentioning[$0.id]?.contains(id) ?? false }.map(\.name)
            let text = site.sourceTexts[id]?.text ?? ""
            report[id] = Mentions(actors: actors, suggestions: NameSuggestions.find(in: text, known: known))
        }
        return report
    }

    /// A written source, as its closing report needs it (the text and the original are let go).
    struct Written {
        var id: String
        var line: String

        init(_ plan: ImportPlan) {
            let verb = plan.replacing == nil ? "imported" : "replaced"
            id = plan.id
            line = "\(verb) \(plan.path) (\(plan.article.paragraphs.count) paragraphs, \(plan.article.text.split(whereSeparator: \.isWhitespace).count) words); original kept as \(plan.originalPath)"
        }
    }

    static func text(_ written: Written, mentions: Mentions?) -> String {
        var lines = [written.line]
        if let mentions {
            lines.append("  actors found: " + (mentions.actors.isEmpty ? "none" : mentions.actors.joined(separator: ", ")))
            if !mentions.suggestions.isEmpty {
                lines.append("  suggested actors: " + mentions.suggestions.enumerated().map { n, s in
                    "\(s.name) (\(s.count)\(n == 0 ? " mentions" : ""))"
                }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The JSON object of one input, keys sorted: the extracted fields, or the error. Written directly (the texts
    /// are most of the output, and only strings, lists of strings and nulls occur).
    static func json(_ o: ImportOutcome) -> String {
        guard let plan = o.plan else {
            return JSONText.object([("error", JSONText.string(o.error?.message ?? "failed")), ("input", JSONText.string(o.input))])
        }
        let m = plan.article.metadata
        return JSONText.object([
            ("author", JSONText.list(m.authors)), ("dir", JSONText.string(m.dir)), ("id", JSONText.string(plan.id)),
            ("input", JSONText.string(o.input)), ("language", JSONText.string(m.language)),
            ("original", JSONText.string(plan.originalPath)), ("paragraphs", JSONText.list(plan.article.paragraphs)),
            ("path", JSONText.string(plan.path)), ("published", JSONText.string(m.published)),
            ("publisher", JSONText.string(m.publisher)), ("text", JSONText.string(plan.article.text)),
            ("title", JSONText.string(plan.fields.title)), ("url", JSONText.string(plan.fields.url)),
        ])
    }
}

/// JSON values written as text: strings escaped as RFC 8259 requires, everything else left as UTF-8.
enum JSONText {
    static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 16)
        // Bytes that need no escape are copied a run at a time; escapes are ASCII, so runs end on character bounds.
        let utf8 = s.utf8
        var run = utf8.startIndex
        for i in utf8.indices {
            let escaped: String
            switch utf8[i] {
            case UInt8(ascii: "\""): escaped = "\\\""
            case UInt8(ascii: "\\"): escaped = "\\\\"
            case 0x0A: escaped = "\\n"
            case 0x0D: escaped = "\\r"
            case 0x09: escaped = "\\t"
            case let b where b < 0x20: escaped = "\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16)
            default: continue
            }
            out += Substring(utf8[run..<i])
            out += escaped
            run = utf8.index(after: i)
        }
        out += Substring(utf8[run...])
        return out + "\""
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map { string($0) }.joined(separator: ", ") + "]"
    }

    /// An object of already-written values, in the order given (callers sort the keys).
    static func object(_ pairs: [(String, String)]) -> String {
        "  {" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

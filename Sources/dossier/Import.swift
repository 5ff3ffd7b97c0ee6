import ArgumentParser
import DossierContent
import DossierImport
import DossierModel
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
        let extracted = await Import.extractAll(inputs, stdin: stdin)
        let importer = SourceImporter(siteFolder: siteFolder)
        var existing = ExistingSources(siteFolder: siteFolder)
        var outcomes: [ImportOutcome] = []
        for (input, result) in zip(inputs, extracted) {
            outcomes.append(apply(result, input: input, importer: importer, existing: &existing))
        }
        let written = outcomes.compactMap(\.plan).filter { _ in !dryRun }
        let mentions = written.isEmpty ? [:] : ImportReport.actorsMentioning(written.map(\.id), siteFolder: siteFolder)
        try print(outcomes: outcomes, mentions: mentions)
        if outcomes.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }

    /// Loads and extracts every input, each in its own task, as many at a time as there are cores (URLs wait on the
    /// network, so a few more of them run at once); more in flight would only hold more pages in memory.
    static func extractAll(_ inputs: [String], stdin: [UInt8]) async -> [Result<(LoadedInput, ExtractedArticle), ImportError>] {
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount) * (inputs.contains { $0.hasPrefix("http") } ? 4 : 1)
        return await withTaskGroup(of: (Int, Result<(LoadedInput, ExtractedArticle), ImportError>).self) { group in
            var results: [(Int, Result<(LoadedInput, ExtractedArticle), ImportError>)] = []
            for (n, input) in inputs.enumerated() {
                if n >= width, let done = await group.next() { results.append(done) }
                group.addTask { (n, await loadAndExtract(input, stdin: stdin)) }
            }
            for await r in group { results.append(r) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
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

    private func print(outcomes: [ImportOutcome], mentions: [String: ImportReport.Mentions]) throws {
        for o in outcomes {
            if let e = o.error { FileHandle.standardError.write(Data("error: \(e.message)\n".utf8)) }
        }
        switch format {
        case .json:
            Swift.print(ImportReport.json(outcomes))
        case .text:
            for o in outcomes {
                guard let plan = o.plan else { continue }
                if dryRun {
                    Swift.print("# would write \(plan.path) and \(plan.originalPath)")
                    Swift.print(plan.document)
                } else {
                    Swift.print(ImportReport.text(plan, mentions: mentions[plan.id]))
                }
            }
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
    static func actorsMentioning(_ ids: [String], siteFolder: URL) -> [String: Mentions] {
        let result = SiteLoader(siteFolder: siteFolder).load()
        guard let site = result.site else { return [:] }
        let known = site.actors.flatMap { [$0.name] + $0.aliases }
        var report: [String: Mentions] = [:]
        for id in ids {
            let actors = site.actors.filter { site.sourcesMentioning[$0.id]?.contains(id) ?? false }.map(\.name)
            let text = site.sourceTexts[id]?.text ?? ""
            report[id] = Mentions(actors: actors, suggestions: NameSuggestions.find(in: text, known: known))
        }
        return report
    }

    static func text(_ plan: ImportPlan, mentions: Mentions?) -> String {
        let verb = plan.replacing == nil ? "imported" : "replaced"
        var lines = ["\(verb) \(plan.path) (\(plan.article.paragraphs.count) paragraphs, \(plan.article.text.split(whereSeparator: \.isWhitespace).count) words); original kept as \(plan.originalPath)"]
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

    /// One object per input, keys sorted: the extracted fields, or the error. Written directly (the texts are most
    /// of the output, and only strings, lists of strings and nulls occur).
    static func json(_ outcomes: [ImportOutcome]) -> String {
        let rows = outcomes.map { o -> String in
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
        return "[\n" + rows.joined(separator: ",\n") + "\n]"
    }
}

/// JSON values written as text: strings escaped as RFC 8259 requires, everything else left as UTF-8.
enum JSONText {
    static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        var out = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map { string($0) }.joined(separator: ", ") + "]"
    }

    /// An object of already-written values, in the order given (callers sort the keys).
    static func object(_ pairs: [(String, String)]) -> String {
        "  {" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

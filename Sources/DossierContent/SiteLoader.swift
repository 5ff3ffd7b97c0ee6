import DossierMarkdown
import DossierModel
import DossierSupport
import Foundation

/// Reads a site folder (`Content/` and `site.yml`) into a resolved, validated `SiteModel`.
///
/// Every file is read once, in parallel; every problem in any file becomes a diagnostic, and all of
/// them come back together so an author fixes a whole run's mistakes at once.
public struct SiteLoader: Sendable {
    /// The site folder, the one holding `Content/`.
    public var siteFolder: URL
    /// Overrides `base_url` of `site.yml`, as `dossier build --base-url` does.
    public var baseURLOverride: String?
    /// How many threads reading, parsing and resolving may use (`--jobs`).
    public var jobs: Jobs

    /// Makes a loader for the site in `siteFolder`, using `jobs` threads (all usable cores by default).
    public init(siteFolder: URL, baseURLOverride: String? = nil, jobs: Jobs = .usableCores) {
        self.siteFolder = siteFolder
        self.baseURLOverride = baseURLOverride
        self.jobs = jobs
    }

    /// What a load produced: the model when the content is usable, and every diagnostic found.
    public struct Result: Sendable {
        public var site: SiteModel?
        public var diagnostics: [Diagnostic]
        /// Seconds spent listing, parsing and resolving, for `--timings`.
        public var timings: [(stage: String, seconds: Double)] = []
    }

    /// One content file found on disk.
    struct ContentFile: Sendable {
        var kind: ItemKind
        var id: String
        var relativePath: String
        /// The file's path on disk.
        var path: String
        var format: Source.Format
    }

    /// Loads and resolves the whole site.
    public func load() -> Result {
        var cache = LoadCache()
        return load(cache: &cache)
    }

    /// Loads and resolves the whole site, reading again only the files that changed since `cache` saw them
    /// (by size and modification time) and remembering what it parsed for the next load.
    public func load(cache: inout LoadCache) -> Result {
        var diagnostics: [Diagnostic] = []
        let content = siteFolder.appendingPathComponent(SiteLayout.content)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDir), isDir.boolValue else {
            return Result(site: nil, diagnostics: [.error(SourceLocation(path: "Content"),
                "no Content/ folder in \(siteFolder.path): a site needs Content/site.yml and folders of items (run 'dossier init' to start one)",
                code: "no-content")])
        }
        let reader = SiteFileReader(siteFolder: siteFolder)
        if let problem = reader.checkFolder("Content") {
            return Result(site: nil, diagnostics: [SiteLoader.diagnostic("Content", problem)])
        }
        var timings: [(stage: String, seconds: Double)] = []
        var lapStart = DispatchTime.now().uptimeNanoseconds
        if let last = cache.unchangedResult() {
            return Result(site: last.site, diagnostics: last.diagnostics,
                          timings: [("load", Double(DispatchTime.now().uptimeNanoseconds - lapStart) / 1e9)])
        }
        func lap(_ stage: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((stage, Double(now - lapStart) / 1e9))
            lapStart = now
        }
        let config = loadConfig(reader, &diagnostics)
        let options = MarkdownOptions(unsafeHTML: config?.unsafeHTML ?? false)
        if cache.options != options { cache = LoadCache(options: options) }
        let (files, trusted) = list(content, reader, cache: &cache, diagnostics: &diagnostics)
        lap("list")
        var items = LoadedItems()
        for parsed in read(files, trusted: trusted, reader: reader, options: options, cache: &cache) {
            diagnostics += parsed.diagnostics
            items.add(parsed)
        }
        let originals = KeptOriginals.check(&items.sources, reader: reader, known: cache.originals, jobs: jobs)
        cache.originals = originals.known
        diagnostics += originals.diagnostics
        guard let config else {
            let result = Result(site: nil, diagnostics: diagnostics.sorted())
            cache.last = result
            return result
        }
        lap("parse")
        var resolver = Resolver(config: config, items: items, jobs: jobs, mentions: cache.mentions, quotes: cache.quotes)
        let resolved = resolver.resolve()
        cache.mentions = resolver.mentions
        cache.quotes = resolver.quotes
        diagnostics += resolved.diagnostics
        lap("resolve")
        var result = Result(site: resolved.site, diagnostics: diagnostics.sorted())
        cache.last = result
        result.timings = timings
        return result
    }

    /// The content files, listed again, or as last listed when a watcher's list of modified files (`cache.modified`)
    /// names only files seen before; `trusted` is then that list, the only files that can have changed.
    private func list(_ content: URL, _ reader: SiteFileReader, cache: inout LoadCache,
                      diagnostics: inout [Diagnostic]) -> (files: [ContentFile], trusted: Set<String>?) {
        // A watcher's list of modified files spares listing the folders and checking every file's stamp.
        let hint = cache.modified.map { Set($0.filter { $0.hasPrefix(SiteLayout.content + "/") }) }
        cache.modified = nil
        if let hint, let listing = cache.listing, hint.allSatisfy({ cache.files[$0] != nil }) {
            diagnostics += listing.diagnostics
            return (listing.files, hint)
        }
        var listed: [Diagnostic] = []
        let files = listFiles(content, reader, &listed)
        diagnostics += listed
        cache.listing = (files, listed)
        return (files, nil)
    }

    /// Reads and parses `files` on `jobs` threads, taking from `cache` each file whose stamp (or, when in doubt, bytes)
    /// is unchanged, or that `trusted` does not name; remembers in `cache` what it read.
    private func read(_ files: [ContentFile], trusted: Set<String>?, reader: SiteFileReader, options: MarkdownOptions,
                      cache: inout LoadCache) -> [ParsedFile] {
        let known = cache.files
        // Like git's racy-clean rule: a stamp is trusted only when the file was last modified well before it was
        // last read; otherwise its bytes are compared, since a same-size edit can keep a coarse mtime.
        let now = FileStamp.now()
        let loaded: [(LoadCache.Entry?, ParsedFile, Bool)] = files.concurrentMap(jobs: jobs) { file in
            let cached = known[file.relativePath]
            if let trusted, let cached, !trusted.contains(file.relativePath) { return (cached, cached.parsed, false) }
            // A file the cache knows is stamped first, to be taken unread when unchanged; any other file takes its
            // stamp from the read's own `fstat`, one system call less per file of a clean build.
            var stamp = cached == nil ? nil : FileStamp(path: file.path)
            if let stamp, let cached, cached.stamp == stamp, stamp.modified < cached.readAt - 2_000_000_000 {
                return (LoadCache.Entry(stamp: stamp, readAt: cached.readAt, digest: cached.digest, parsed: cached.parsed), cached.parsed, false)
            }
            let data: Data
            switch reader.readStamped(file.relativePath) {
            case .success(let read):
                data = read.data
                stamp = stamp ?? read.stamp
            case .failure(let problem):
                let failed = ParsedFile(file: file, item: nil, document: nil,
                                        diagnostics: [SiteLoader.diagnostic(file.relativePath, problem)], quoteText: nil)
                return (nil, failed, true)
            }
            let digest = LoadCache.digest(data)
            if let stamp, let cached, cached.digest == digest, cached.size == data.count {
                return (LoadCache.Entry(stamp: stamp, readAt: now, digest: digest, parsed: cached.parsed), cached.parsed, false)
            }
            // Handed over, so the file's bytes are freed before its Markdown is parsed.
            let parsed = SiteLoader.parse(file, data: consume data, options: options)
            return (stamp.map { LoadCache.Entry(stamp: $0, readAt: now, digest: digest, parsed: parsed) }, parsed, true)
        }
        var fresh: [String: LoadCache.Entry] = [:]
        cache.reread = []
        for (entry, parsed, reread) in loaded {
            if let entry { fresh[parsed.file.relativePath] = entry }
            if reread { cache.reread.append(parsed.file.relativePath) }
        }
        cache.files = fresh
        return loaded.map(\.1)
    }

    private func loadConfig(_ reader: SiteFileReader, _ diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let path = "Content/site.yml"
        let text: String
        switch reader.read(path) {
        case .failure(.missing):
            diagnostics.append(.error(SourceLocation(path: path), "missing Content/site.yml: it needs at least 'title: …'",
                                      code: "no-config"))
            return nil
        case .failure(let problem):
            diagnostics.append(SiteLoader.diagnostic(path, problem))
            return nil
        case .success(let data):
            text = TextDecoding.decode(data, path: path, &diagnostics)
        }
        let reader = FieldReader(path: path, lineOffset: 1)
        defer { diagnostics += reader.diagnostics }
        guard let node = reader.compose(text), let f = reader.fields(node, what: "site.yml", known: SiteConfig.fieldKeys) else {
            if !reader.diagnostics.hasErrors {
                reader.add(.error(SourceLocation(path: path, line: 1, column: 1), "site.yml is empty: it needs at least 'title: …'",
                                  code: "missing-field"))
            }
            return nil
        }
        // The table reads every setting but `base_url`, which is checked here and may come from `--base-url`.
        var config = SiteConfig(title: "", baseURL: baseURL(reader, f))
        reader.read(SiteConfig.fields, from: f, into: &config, what: "site.yml")
        return config.title.isEmpty ? nil : config
    }

    /// `base_url` of `site.yml` or `--base-url`: an absolute address or a path from `/`, else an error and `/`.
    private func baseURL(_ reader: FieldReader, _ f: FieldReader.Fields) -> String {
        let baseURL = baseURLOverride ?? reader.string(f, "base_url", what: "site.yml") ?? "/"
        if baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") || baseURL.hasPrefix("/") { return baseURL }
        if baseURLOverride == nil, let node = f["base_url"] {
            reader.error(at: node, "'base_url' must be an absolute address such as https://example.org/briefing/", code: "invalid-url")
        } else {
            reader.add(.error(SourceLocation(path: "--base-url"), "--base-url must be an absolute address such as https://example.org/briefing/",
                              code: "invalid-url"))
        }
        return "/"
    }

    private func listFiles(_ content: URL, _ reader: SiteFileReader, _ diagnostics: inout [Diagnostic]) -> [ContentFile] {
        var files: [ContentFile] = []
        let fm = FileManager.default
        for kind in ItemKind.allCases {
            let folder = content.appendingPathComponent(kind.folder).path
            if let problem = reader.checkFolder("Content/\(kind.folder)") {
                diagnostics.append(SiteLoader.diagnostic("Content/\(kind.folder)", problem))
                continue
            }
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else { continue }
            var seen: [String: String] = [:]
            // `sources/originals/` keeps imported pages and PDFs as evidence: never content to build.
            for name in names.sorted() where !SiteLayout.isIgnored(name: name) && !(kind == .source && name == SiteLayout.originals) {
                let relative = "Content/\(kind.folder)/\(name)"
                // The name never starts with a dot here (see `SiteLayout.isIgnored`), so its last dot splits it into id and extension (on bytes:
                // a mark combining with the dot stays in the extension, as `NSString.pathExtension` keeps it).
                let utf8 = name.utf8
                let dot = utf8.lastIndex(of: UInt8(ascii: "."))
                let ext = dot.map { String(decoding: utf8[utf8.index(after: $0)...], as: UTF8.self) } ?? ""
                let id = dot.map { String(decoding: utf8[..<$0], as: UTF8.self) } ?? name
                let format: Source.Format
                switch (kind, ext) {
                case (_, "md"): format = .markdown
                case (.source, "txt"): format = .text
                default:
                    let expected = kind == .source ? ".md or .txt" : ".md"
                    diagnostics.append(.warning(SourceLocation(path: relative),
                                                "ignored: files in \(kind.folder)/ must end in \(expected)", code: "ignored-file"))
                    continue
                }
                guard ItemID.isValid(id) else {
                    diagnostics.append(.error(SourceLocation(path: relative),
                                              "'\(id)' is not a valid id: a file name may use only lowercase letters, digits and '-'",
                                              code: "invalid-id"))
                    continue
                }
                if let other = seen[id] {
                    diagnostics.append(.error(SourceLocation(path: relative),
                                              "duplicate \(kind.rawValue) id '\(id)': also defined by \(other)", code: "duplicate-id"))
                    continue
                }
                seen[id] = relative
                files.append(ContentFile(kind: kind, id: id, relativePath: relative,
                                         path: folder + "/" + name, format: format))
            }
        }
        return files
    }

    /// The error for a file or folder the site reader refused, at its path, with the reason.
    static func diagnostic(_ path: String, _ problem: SiteFileReader.Problem) -> Diagnostic {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return .error(SourceLocation(path: path), "\(Diagnostic.quoted(name)) \(problem.message)", code: "unreadable-file")
    }

    /// One file parsed on its own: its item, its Markdown, its diagnostics.
    /// A class, so the load cache, the loader's lists and the items they feed share one copy of what parsing made.
    final class ParsedFile: Sendable {
        let file: ContentFile
        let item: AnyItem?
        let document: MarkdownDocument?
        let diagnostics: [Diagnostic]
        /// For a source: its text as readers see it, prepared for quote search (made here, once per file).
        let quoteText: QuoteText?

        init(file: ContentFile, item: AnyItem?, document: MarkdownDocument?, diagnostics: [Diagnostic], quoteText: QuoteText?) {
            self.file = file
            self.item = item
            self.document = document
            self.diagnostics = diagnostics
            self.quoteText = quoteText
        }
    }

    /// Parses one file's bytes: its item, then its body's Markdown. The bytes and the decoded text are freed before the
    /// Markdown is parsed (a caller that hands `data` over with `consume` keeps no copy), so a huge body is held
    /// once, as the item's, while cmark-gfm's tree of it is built.
    static func parse(_ file: ContentFile, data: consuming Data?, options: MarkdownOptions) -> ParsedFile {
        guard let bytes = data else { return ParsedFile(file: file, item: nil, document: nil, diagnostics: [], quoteText: nil) }
        data = nil
        let (item, body, itemDiagnostics) = readItem(file, data: consume bytes)
        var diagnostics = itemDiagnostics
        var document: MarkdownDocument?
        if let body {
            if let line = SiteLoader.lineWithTooManyColumns(body.markdown) {
                diagnostics.append(.error(SourceLocation(path: file.relativePath, line: body.firstLine + line - 1, column: 1),
                                          "a table row with more than \(SiteLoader.maxTableColumns) columns: split the table "
                                            + "(Markdown this wide takes minutes to lay out)", code: "table-too-wide"))
            } else if let excess = MarkupDensity.excess(in: body.markdown) {
                diagnostics.append(.error(SourceLocation(path: file.relativePath, line: body.firstLine + excess.line - 1, column: 1),
                                          excess.description, code: "markup-too-dense"))
            } else {
                // Only a source's plain text is read (quotes are checked against it): other bodies are held once less.
                var bodyOptions = options
                bodyOptions.plainText = file.kind == .source
                document = Markdown.parse(body.markdown, options: bodyOptions)
            }
        }
        var quoteText: QuoteText?
        if case .source(let source)? = item {
            quoteText = source.format == .text ? QuoteText(plainText: source.body.markdown) : QuoteText(document?.plainText ?? "")
        }
        return ParsedFile(file: file, item: item, document: document, diagnostics: diagnostics, quoteText: quoteText)
    }
}

extension SiteLoader {
    /// The item of a file's bytes, the body to parse as Markdown (none for a plain-text source), and the diagnostics
    /// of decoding and reading it. The bytes and the text decoded from them end with this call.
    private static func readItem(_ file: ContentFile, data: consuming Data) -> (AnyItem?, Body?, [Diagnostic]) {
        var decoding: [Diagnostic] = []
        let text = TextDecoding.decode(data, path: file.relativePath, &decoding)
        data = Data()
        let item: AnyItem?
        let body: Body?
        var diagnostics: [Diagnostic]
        switch file.kind {
        case .actor:
            let p = ItemParser.actor(id: file.id, path: file.relativePath, text: text)
            (item, body, diagnostics) = (p.item.map(AnyItem.actor), p.item?.body, p.diagnostics)
        case .event:
            let p = ItemParser.event(id: file.id, path: file.relativePath, text: text)
            (item, body, diagnostics) = (p.item.map(AnyItem.event), p.item?.body, p.diagnostics)
        case .topic:
            let p = ItemParser.topic(id: file.id, path: file.relativePath, text: text)
            (item, body, diagnostics) = (p.item.map(AnyItem.topic), p.item?.body, p.diagnostics)
        case .brief:
            let p = ItemParser.brief(id: file.id, path: file.relativePath, text: text)
            (item, body, diagnostics) = (p.item.map(AnyItem.brief), p.item?.body, p.diagnostics)
        case .source:
            let p = ItemParser.source(id: file.id, path: file.relativePath, text: text, format: file.format)
            (item, diagnostics) = (p.item.map(AnyItem.source), p.diagnostics)
            body = file.format == .markdown ? p.item?.body : nil
        }
        return (item, body, decoding + diagnostics)
    }
}

extension SiteLoader {
    /// The most `|` a line of Markdown may hold: cmark-gfm lays out a table in time that grows with the square of its
    /// columns (10,000 took 16 s), and no table a reader can read is this wide.
    static let maxTableColumns = 1_000

    /// The 1-based line of `markdown` with more than `maxTableColumns` pipes, or nil.
    static func lineWithTooManyColumns(_ markdown: String) -> Int? {
        var line = 1, pipes = 0, found: Int?
        // Most words of eight bytes hold neither a pipe nor a line end, and are passed over at once.
        ByteSpan.forEachCandidate(in: markdown.utf8.span,
                                  mayHold: { ByteWord.has($0, UInt8(ascii: "|")) | ByteWord.has($0, 0x0A) != 0 }) { _, byte in
            if byte == UInt8(ascii: "|") {
                pipes += 1
                if pipes > maxTableColumns { found = line }
            } else if byte == 0x0A {
                line += 1
                pipes = 0
            }
            return found == nil
        }
        return found
    }
}

/// Any one item, as parsing produces it before items are sorted into their kinds.
enum AnyItem: Sendable {
    case actor(Actor), event(Event), topic(Topic), brief(Brief), source(Source)
}

/// Items gathered by kind in file order (sorted by id), with their parsed Markdown.
struct LoadedItems {
    var actors: [Actor] = []
    var events: [Event] = []
    var topics: [Topic] = []
    var briefs: [Brief] = []
    var sources: [Source] = []
    var documents: [ItemRef: MarkdownDocument] = [:]
    var sourceTexts: [String: QuoteText] = [:]
    /// Content files that gave no item, by the item they would have been: their paths.
    var unusable: [ItemRef: String] = [:]

    mutating func add(_ parsed: SiteLoader.ParsedFile) {
        guard let item = parsed.item else {
            unusable[ItemRef(parsed.file.kind, parsed.file.id)] = parsed.file.relativePath
            return
        }
        switch item {
        case .actor(let a): actors.append(a)
        case .event(let e): events.append(e)
        case .topic(let t): topics.append(t)
        case .brief(let b): briefs.append(b)
        case .source(let s): sources.append(s)
        }
        if let document = parsed.document { documents[ItemRef(parsed.file.kind, parsed.file.id)] = document }
        if let text = parsed.quoteText { sourceTexts[parsed.file.id] = text }
    }
}

extension String {
    /// Decodes UTF-8 bytes, or nil when they are not valid UTF-8.
    init?(validatingUTF8Data data: Data) {
        guard let s = String(validating: data, as: UTF8.self) else { return nil }
        self = s
    }
}

/// What earlier loads parsed, by file, so the next load reads again only files that changed.
///
/// An optimisation only: an empty cache gives the same result as a full cache, just slower.
public struct LoadCache: Sendable {
    struct Entry: Sendable {
        var stamp: FileStamp
        /// When the bytes were last read (nanoseconds since the epoch).
        var readAt: Int
        /// A digest of the bytes read, valid within this process.
        var digest: Int
        var parsed: SiteLoader.ParsedFile
        var size: Int { stamp.size }
    }

    var options: MarkdownOptions?
    var files: [String: Entry] = [:]
    /// The content files and the listing's diagnostics, as the last full listing found them.
    var listing: (files: [SiteLoader.ContentFile], diagnostics: [Diagnostic])?
    /// The files (relative to the site folder) a watcher saw modified since the last load, none created or
    /// removed; nil when unknown. The next load then reads only these and trusts every other entry.
    public var modified: [String]?
    var mentions = Mentions.Cache()
    var quotes = QuoteCache()
    /// The kept originals the last load hashed, by path relative to the site folder.
    var originals: [String: KeptOriginals.Known] = [:]
    /// The content files the last load read and parsed again (relative paths, sorted by kind and id).
    public internal(set) var reread: [String] = []
    /// What the last load that read the content returned (without timings), for a load after which a watcher saw
    /// no file of `Content/` change.
    var last: SiteLoader.Result?

    /// The last load's result when a watcher's list of modified files (`modified`) names no file of `Content/`:
    /// nothing the model is made from changed, so parsing and resolving again would make the same model. A
    /// template edit under `dossier watch` then skips the load, and its pages compare the same model.
    /// Uses up `modified`.
    mutating func unchangedResult() -> SiteLoader.Result? {
        guard let last, listing != nil, let modified, !modified.contains(where: { $0.hasPrefix(SiteLayout.content + "/") })
        else { return nil }
        self.modified = nil
        reread = []
        return last
    }

    /// An empty cache.
    public init() {}

    /// A digest of every byte of `data` (Foundation's own `Data` hash reads only a prefix): its XXH64.
    static func digest(_ data: Data) -> Int {
        Int(truncatingIfNeeded: XXH64.hash(data.bytes))
    }

    init(options: MarkdownOptions) {
        self.options = options
    }
}

/// A file's size and modification time: when both are unchanged, its bytes are taken as unchanged.
///
/// Shared by the content cache and the build stamp of `.dossier/`, so both read files' times the same way.
public struct FileStamp: Sendable, Equatable {
    public var size: Int
    /// Nanoseconds since the epoch.
    public var modified: Int

    /// The current time in nanoseconds since the epoch, comparable with `modified`.
    public static func now() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
    }

    /// The stamp of the file at `path` (following links), or nil when it cannot be read.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The stamp of a file from its `stat` information.
    public init(_ info: stat) {
        size = Int(info.st_size)
        #if canImport(Darwin)
        modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        #else
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        #endif
    }
}

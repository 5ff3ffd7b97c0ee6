import DossierContent
import DossierModel
import DossierSupport
import Foundation

/// The search index the `/search/` page loads: every word of every brief, actor, event, topic and source, split in
/// small script files loaded on demand, so a query downloads a few of them, from any static host and from a folder
/// opened straight from disk (script tags work from `file:`, `fetch()` does not).
///
/// - `search/index.js`, the manifest the page always loads: `window.dossierSearchIndex = {"v":2,"kinds":[…],
///   "docs":N,"shards":[first term of each term shard, in order]}`.
/// - `search/terms/N.js`: `window.dossierSearch.terms(N,{"term":"postings",…})`, terms in UTF-16 order (as
///   JavaScript compares strings), so a term or a prefix is found in the shard whose first term is the last not
///   after it. Postings are pairs of numbers (document number minus the previous one, then the weight), each written
///   in base 32 with `0-9a-v` for its last digit and `A-Z`, `w-z`, `_`, `-` for the others.
/// - `search/doc/N.js`: `window.dossierSearch.doc(N,[kind, id, title, date, [actor names], text])`, loaded only
///   for the results shown: what the result shows, and the plain text its snippet and phrase check read.
///
/// A weight says where the word is: in a title, name or alias (highest), in a summary, role, question or the names
/// of the item's actors, or only in the body; then how often, and the kind (actors, then topics, then briefs first).
public enum SearchIndex {
    /// The manifest, the one index file the search page names.
    public static let manifestPath = "search/index.js"
    /// Term shards are cut before they pass this many bytes (a term with more postings has a shard of its own).
    public static let shardLimit = 32_000
    /// Most characters of a document's stored text (words past it are found, but not shown in a snippet).
    static let textLimit = 20_000

    /// The order of `kind` numbers in documents.
    public static let kinds: [ItemKind] = [.actor, .topic, .brief, .event, .source]

    /// The index files among the paths of a whole output (a build graph's files), manifest first: what a build that
    /// keeps the last build's index gives the search page, without the graph having to keep the list apart.
    static func files(among paths: some Collection<String>) -> [String] {
        let index = paths.filter { $0.hasPrefix("search/") && $0.hasSuffix(".js") && $0 != manifestPath }.sorted()
        return (paths.contains(manifestPath) ? [manifestPath] : []) + index
    }

    /// The index files, manifest first.
    public static func files(site: SiteModel) -> [OutputFile] {
        files(site: site, reusing: nil).files
    }

    /// The index files of `site`, and each item's entry when `keepingEntries` asks (for a next build to reuse); with
    /// `previous` (an earlier model and its entries), the entry of an item that is the same in both is taken as it
    /// was instead of made again, when every title is the same too (entries hold the names of linked items). Entries
    /// are made on `jobs` threads.
    static func files(site: SiteModel, reusing previous: (site: SiteModel, entries: [ItemRef: [UInt8]])?, jobs: Jobs = .one,
                      keepingEntries: Bool = true) -> (files: [OutputFile], entries: [ItemRef: [UInt8]]) {
        let previous = previous.flatMap { site.sameTitles(as: $0.site) ? $0 : nil }
        let documents = SearchIndex.documents(of: site)
        // A document made now hands its words on with its entry; only a kept entry's words are read back from it.
        // With no entry to keep, the document's file is made at once and its words are never spelled out.
        let entries = Array(documents.enumerated()).concurrentMap(jobs: jobs) { n, document -> Entry in
            if let previous, let kept = previous.entries[document.ref], document.unchanged(previous.site) { return .kept(kept) }
            let made = document.make()
            let words = made.weights()
            guard keepingEntries else { return .file(docFile(n, json: made.json()), words: words) }
            return .made(made.entry(words: words), words: words)
        }
        // Kept only for a next build: held, the entries could not be let go as `assemble` reads them (21 of a clean
        // build's 194 MB of peak heap at 5,000 briefs, heaptrack).
        let made = keepingEntries
            ? Dictionary(zip(documents.map(\.ref), entries).compactMap { ref, entry in entry.kept.map { (ref, $0) } },
                         uniquingKeysWith: { _, last in last })
            : [:]
        return (assemble(consume entries, jobs: jobs), made)
    }

    /// One item to index: its reference, whether an earlier model holds the same item, and its document.
    struct Pending: Sendable {
        var ref: ItemRef
        var unchanged: @Sendable (SiteModel) -> Bool
        var make: @Sendable () -> SearchDocument
    }

    /// Every item of `site` to index, in document order: actors, topics, briefs, events, sources.
    static func documents(of site: SiteModel) -> [Pending] {
        let title = Excerpt.titles(site)
        let body: @Sendable (String) -> String = { Excerpt.plain($0, limit: $0.utf8.count + 1, title: title) }
        let names: @Sendable ([Located<String>]) -> [String] = { list in
            var seen = Set<String>()
            // The name is read in place: `actor(_:)` would copy the whole actor for it.
            return list.compactMap { site.title(of: ItemRef(.actor, $0.value)) }.filter { seen.insert($0).inserted }
        }
        var pending: [Pending] = []
        pending.reserveCapacity(site.actors.count + site.topics.count + site.briefs.count + site.events.count + site.sources.count)
        for a in site.actors {
            pending.append(Pending(ref: ItemRef(.actor, a.id), unchanged: { $0.actor(a.id) == a }) {
                SearchDocument(kind: .actor, id: a.id, title: a.name, names: a.otherNames, lead: [a.role].compactMap { $0 },
                               body: body(a.body.markdown))
            })
        }
        for t in site.topics {
            pending.append(Pending(ref: ItemRef(.topic, t.id), unchanged: { $0.topic(t.id) == t }) {
                SearchDocument(kind: .topic, id: t.id, title: t.title, lead: [t.question].compactMap { $0 },
                               actors: names(t.stances.map(\.actor)), body: body(t.body.markdown))
            })
        }
        for b in site.briefs {
            pending.append(Pending(ref: ItemRef(.brief, b.id), unchanged: { $0.brief(b.id) == b }) {
                SearchDocument(kind: .brief, id: b.id, title: b.title, date: b.date, lead: [b.summary].compactMap { $0 },
                               actors: names(b.actors), body: body(b.body.markdown))
            })
        }
        for e in site.events {
            pending.append(Pending(ref: ItemRef(.event, e.id), unchanged: { $0.event(e.id) == e }) {
                SearchDocument(kind: .event, id: e.id, title: e.title, date: e.date, actors: names(e.actors), body: body(e.body.markdown))
            })
        }
        for s in site.sources {
            pending.append(Pending(ref: ItemRef(.source, s.id), unchanged: { $0.source(s.id) == s }) {
                SearchDocument(kind: .source, id: s.id, title: s.title, date: s.published, lead: [s.publisher, s.author].compactMap { $0 },
                               body: body(s.body.markdown))
            })
        }
        return pending
    }

    /// One document as `assemble` takes it, in one of the three forms a build has it in.
    ///
    /// An entry (see `SearchDocument.entry(words:)`) is the document's JSON, a line break, then its words and weights;
    /// it is kept as UTF-8 bytes, as it is made and written: as a `String` each entry was checked as UTF-8 when made
    /// and copied back out to be written.
    enum Entry: Sendable {
        /// An entry kept from an earlier build: its words are read back from its second line.
        case kept([UInt8])
        /// An entry made now, to keep for a next build, with the words and weights it spells.
        case made([UInt8], words: [(String, Int)])
        /// The document's file (see `docFile`) and its words, made at once when no entry is kept.
        case file([UInt8], words: [(String, Int)])

        /// The entry's bytes, for a next build to reuse; nil for a document made straight into its file.
        var kept: [UInt8]? {
            switch self {
            case .kept(let bytes), .made(let bytes, _): bytes
            case .file: nil
            }
        }
    }

    /// The file of document number `n`: `window.dossierSearch.doc(n,JSON);`.
    static func docFile(_ n: Int, json: some Collection<UInt8>) -> [UInt8] {
        var bytes = Array("window.dossierSearch.doc(\(n),".utf8)
        bytes.reserveCapacity(bytes.count + json.count + 3)
        bytes += json
        bytes += ");\n".utf8
        return bytes
    }

    /// The index files of the entries, in document order (see `assemble(_:jobs:)` of `Entry`s).
    static func assemble(_ entries: [String], jobs: Jobs = .one) -> [OutputFile] {
        assemble(entries.map { .kept(Array($0.utf8)) }, jobs: jobs)
    }

    /// The index files of the entries, in document order: manifest, term shards, then one file per document. The
    /// entries are read on `jobs` threads; their words go into one table of postings in document order.
    static func assemble(_ entries: consuming [Entry], jobs: Jobs = .one) -> [OutputFile] {
        // Cut at the first line break by UTF-8 bytes: splitting the String walked the document's text (up to 20,000
        // characters) a grapheme at a time, a sixth of a clean build's instructions.
        var read = Array((consume entries).enumerated()).concurrentMap(jobs: jobs) { n, entry -> (doc: OutputFile, words: [(String, Int)]) in
            let path = "search/doc/\(n).js"
            let utf8: [UInt8], handed: [(String, Int)]?
            switch entry {
            case .file(let file, let words): return (OutputFile(path: path, bytes: file), words)
            case .made(let bytes, let words): (utf8, handed) = (bytes, words)
            case .kept(let bytes): (utf8, handed) = (bytes, nil)
            }
            let lineEnd = utf8.firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let doc = OutputFile(path: path, bytes: docFile(n, json: utf8[..<lineEnd]))
            if let handed { return (doc, handed) }
            guard lineEnd < utf8.endIndex else { return (doc, []) }
            let words = String(decoding: utf8[(lineEnd + 1)...], as: UTF8.self).split(separator: " ")
            return (doc, stride(from: 0, to: words.count - 1, by: 2).map { (String(words[$0]), Int(words[$0 + 1]) ?? 1) })
        }
        // Each document's words are let go once they are in the postings (the entries handed over were their only
        // other holder): kept for every document until the shards were written, they were 11 of a clean build's
        // 228 MB of peak heap at 5,000 briefs (heaptrack). Terms are numbered by their bytes (`WordNumbers`), as each
        // document's words were counted.
        var numbers = WordNumbers()
        var words: [String] = [], postings: [[(doc: Int, weight: Int)]] = []
        for n in read.indices {
            for (word, weight) in read[n].words {
                let term = numbers.number(of: word.utf8.span)
                if term.isNew {
                    words.append(word)
                    postings.append([])
                }
                postings[term.number].append((n, weight))
            }
            read[n].words = []
        }
        let docs = read.map(\.doc)
        let terms = words.indices.sorted { words[$0].utf16.lexicographicallyPrecedes(words[$1].utf16) }
        var shards: [OutputFile] = [], firsts: [String] = []
        var current = "", first = ""
        func flush() {
            let text = "window.dossierSearch.terms(\(shards.count),{" + current + "});\n"
            shards.append(OutputFile(path: "search/terms/\(shards.count).js", bytes: Array(text.utf8)))
            firsts.append(first)
            current = ""
        }
        for number in terms {
            let term = words[number]
            let pair = JSONValue.string(term).serialized(escapingHTML: true) + ":\"" + encode(postings[number]) + "\""
            if !current.isEmpty, current.utf8.count + pair.utf8.count > shardLimit { flush() }
            if current.isEmpty { first = term } else { current += ",\n" }
            current += pair
        }
        if !current.isEmpty || shards.isEmpty { flush() }
        let manifest = JSONValue.object([("v", .int(2)), ("kinds", .array(kinds.map { .string($0.rawValue) })), ("docs", .int(read.count)),
                                         ("shards", .array(firsts.map { .string($0) }))]).serialized(escapingHTML: true)
        return [OutputFile(path: manifestPath, bytes: Array("window.dossierSearchIndex = \(manifest);\n".utf8))] + shards + docs
    }

    /// Postings as pairs of base-32 numbers: the document number less the previous one, then the weight.
    static func encode(_ list: [(doc: Int, weight: Int)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(list.count * 2)
        var last = 0
        for p in list {
            appendNumber(p.doc - last, to: &out)
            appendNumber(p.weight, to: &out)
            last = p.doc
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let lastDigits = Array("0123456789abcdefghijklmnopqrstuv".utf8)
    private static let leadDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-".utf8)

    /// Appends `n` (at least 0) in base 32: leading digits from `leadDigits`, the last from `lastDigits`.
    ///
    /// Digits are taken from the top group down, with no list of them made: a list a number was a third of the
    /// time spent writing postings.
    static func appendNumber(_ n: Int, to out: inout [UInt8]) {
        var shift = 0
        while n >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 {
            out.append(leadDigits[(n >> shift) & 31])
            shift -= 5
        }
        out.append(lastDigits[n & 31])
    }

    /// The words of `text`, folded for case and diacritics (`Société` → `societe`), split at anything that is not a
    /// letter or digit, each CJK character a word of its own — the same folding the search script applies to queries.
    public static func fold(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(of: text) { words.append(String(decoding: Array(copying: $0), as: UTF8.self)) }
        return words
    }

    /// Calls `body` with the UTF-8 bytes of each word of `text`, as `fold` makes them, one at a time: a long body's
    /// words are never all held at once (3 million of them took 100 MB).
    ///
    /// The text is cut into runs at ASCII bytes other than letters and digits, which are separators whatever is
    /// around them. A run of lowercase ASCII is handed on where it stands in the text, one with capitals through a
    /// lowercased copy; only a run holding other characters is folded with Foundation (curly quotes and dashes do
    /// not send a whole body down that slow path).
    static func forEachWord(of text: String, _ body: (Span<UInt8>) -> Void) {
        let b = text.utf8.span
        var lowered: [UInt8] = []
        var start = 0, hasCapitals = false, isASCII = true
        for i in 0...b.count {
            switch i < b.count ? b[i] : 0x20 {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): hasCapitals = true; continue
            case 0x80...: isASCII = false; continue
            default: break
            }
            defer { start = i + 1; hasCapitals = false; isASCII = true }
            guard i > start else { continue }
            let run = b.extracting(start..<i)
            if !isASCII {
                let folded = String(decoding: Array(copying: run), as: UTF8.self)
                    .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
                forEachRun(of: folded) { body($0.utf8.span) }
            } else if hasCapitals {
                // Letters and digits only: setting bit 5 lowercases A-Z and leaves a-z and 0-9 as they are.
                lowered.removeAll(keepingCapacity: true)
                for j in run.indices { lowered.append(run[j] | 0x20) }
                body(lowered.span)
            } else {
                body(run)
            }
        }
    }

    /// The runs of letters and digits in `folded`, in order; a CJK character is a run by itself.
    private static func forEachRun(of folded: String, _ body: (String) -> Void) {
        var current = ""
        for c in folded.unicodeScalars {
            if isCJK(c) {
                if !current.isEmpty { body(current); current = "" }
                body(String(c))
            } else if c.properties.isAlphabetic || c.properties.numericType != nil {
                current.unicodeScalars.append(c)
            } else if !current.isEmpty {
                body(current)
                current = ""
            }
        }
        if !current.isEmpty { body(current) }
    }

    /// Han, kana and Hangul, written without spaces between words: each character is indexed alone.
    static func isCJK(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }
}

/// One item as the index holds it: what a result shows, and its words with their weights.
struct SearchDocument {
    var kind: ItemKind
    var id: String
    var title: String
    var date: PartialDate? = nil
    /// Aliases: found as strongly as the title.
    var names: [String] = []
    /// Summary, question, role, publisher: found before the body.
    var lead: [String] = []
    /// Names of the item's actors.
    var actors: [String] = []
    var body: String

    /// Weights by field, and of each kind (added to every word's weight).
    static let titleWeight = 20, leadWeight = 8, actorWeight = 6, bodyWeight = 2
    static let kindWeight: [ItemKind: Int] = [.actor: 3, .topic: 2, .brief: 1]

    /// The text a snippet is cut from: the lead, then the body. The cut reads only the first `textLimit` characters
    /// and whether there are more, so the body is joined only as far as that (not copied whole).
    var text: String {
        // A body of no more UTF-8 bytes than that has no more characters either: no need to walk its graphemes
        // (callgrind: 2 % of a clean build's instructions).
        let shown = body.utf8.count <= SearchIndex.textLimit + 2 ? body : String(body.prefix(SearchIndex.textLimit + 2))
        return Excerpt.cut((lead + [shown]).filter { !$0.isEmpty }.joined(separator: " — "), limit: SearchIndex.textLimit)
    }

    /// The entry: the document's JSON, a line break, then `words` (this document's `weights()`) with their weights,
    /// space-separated, in first-seen order; as UTF-8.
    func entry(words: [(String, Int)]) -> [UInt8] {
        var out = TextBuilder(bytes: json(capacity: 4_096))
        out.append("\n")
        for (i, (word, weight)) in words.enumerated() {
            if i > 0 { out.append(" ") }
            out.append(word)
            out.append(" ")
            out.append(weight)
        }
        // Copied to its size: a build keeps every entry for the next, and the builder's spare room (4 KiB reserved,
        // or up to double when it grew) came to an eighth of a clean build's peak memory.
        let built = out.utf8()
        var entry: [UInt8] = []
        entry.reserveCapacity(built.count)
        entry.append(contentsOf: built)
        return entry
    }

    /// The document as its file and its entry's first line hold it: `[kind, id, title, date, [actor names], text]`,
    /// as JSON safe in a script, in an array with room for `capacity` bytes.
    func json(capacity: Int = 0) -> [UInt8] {
        JSONValue.array([.int(SearchIndex.kinds.firstIndex(of: kind)!), .string(id), .string(title),
                         .string(date?.description ?? ""), .array(actors.map { .string($0) }), .string(text)])
            .bytes(escapingHTML: true, capacity: capacity)
    }

    /// Each word's weight: its best field, plus how often it occurs (up to 4), plus the kind's.
    func weights() -> [(String, Int)] {
        var table = SearchWordTable()
        Self.add([title] + names, Self.titleWeight, to: &table)
        Self.add(lead, Self.leadWeight, to: &table)
        Self.add(actors, Self.actorWeight, to: &table)
        Self.add([body], Self.bodyWeight, to: &table)
        return table.weights(boost: Self.kindWeight[kind] ?? 0)
    }

    /// Counts the words of `texts` into `table` at `weight`. The table is passed in, not captured by a local
    /// function: a captured variable is boxed, and each word's access to it was checked for exclusivity at run time.
    private static func add(_ texts: [String], _ weight: Int, to table: inout SearchWordTable) {
        for text in texts { SearchIndex.forEachWord(of: text) { table.add($0, weight: weight) } }
    }
}

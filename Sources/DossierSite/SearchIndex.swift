import DossierContent
import DossierModel
import Foundation

/// The search index the `/search/` page loads: one compact entry per brief, actor, event, topic and source,
/// written as small script files (`search/index-1.js`, …) so search works from any static host and from a
/// folder opened straight from disk, with no server.
///
/// Each shard is `(window.dossierSearch = window.dossierSearch || []).push({...})` with `"entries"`: `[kind, title, date, id, actors, excerpt, words]`,
/// where `kind` indexes `"kinds"`, `actors` are indices of actor entries (actors come first, so an actor's entry
/// index is its position), and `words` are extra terms already folded for case and diacritics — an actor's
/// aliases, and the folded form of the title and excerpt when folding changes them. The script folds the plain
/// ASCII text it matches the same way (lowercase), so every word is matched case- and accent-insensitively.
public enum SearchIndex {
    /// Shards are cut before they pass this many bytes, so no file is large.
    public static let shardLimit = 1_000_000
    /// Most characters of an entry's excerpt.
    static let excerptLimit = 90

    /// The order of `kind` numbers in entries.
    public static let kinds: [ItemKind] = [.actor, .topic, .brief, .event, .source]

    /// The shard files, in load order.
    public static func files(site: SiteModel) -> [OutputFile] {
        files(site: site, reusing: nil).files
    }

    /// The index files of `site`, and each item's entry; with `previous` (an earlier model and its entries), the
    /// entry of an item that is the same in both is taken as it was instead of made again, when every title and
    /// the actors' order are the same too (entries show link titles and number actors).
    static func files(site: SiteModel, reusing previous: (site: SiteModel, entries: [ItemRef: String])?)
        -> (files: [OutputFile], entries: [ItemRef: String]) {
        let previous = previous.flatMap { site.sameTitles(as: $0.site) ? $0 : nil }
        var made: [ItemRef: String] = [:]
        made.reserveCapacity(site.actors.count + site.events.count + site.briefs.count + site.topics.count + site.sources.count)
        /// The item's entry from `previous` when the item is unchanged, else `make()`'s.
        func reused<T: Equatable>(_ ref: ItemRef, _ item: T, _ old: (SiteModel) -> T?, _ make: () -> String) -> String {
            let text: String
            if let previous, let kept = previous.entries[ref], old(previous.site) == item {
                text = kept
            } else {
                text = make()
            }
            made[ref] = text
            return text
        }
        var entries: [String] = []
        entries.reserveCapacity(site.actors.count + site.events.count + site.briefs.count + site.topics.count + site.sources.count)
        var actorNumber: [String: Int] = [:]
        for (i, a) in site.actors.enumerated() { actorNumber[a.id] = i }
        func actors(_ list: [Located<String>]) -> [Int] {
            var seen = Set<Int>()
            return list.compactMap { actorNumber[$0.value] }.filter { seen.insert($0).inserted }
        }
        let title = Excerpt.titles(site)
        for a in site.actors {
            entries.append(reused(ItemRef(.actor, a.id), a, { $0.actor(a.id) }) {
                let excerpt = a.role ?? Excerpt.plain(a.body.markdown, limit: excerptLimit, title: title)
                return entry(.actor, a.name, nil, a.id, [], excerpt, extra: a.aliases)
            })
        }
        for t in site.topics {
            entries.append(reused(ItemRef(.topic, t.id), t, { $0.topic(t.id) }) {
                entry(.topic, t.title, nil, t.id, actors(t.stances.map(\.actor)),
                      t.question.map { Excerpt.cut($0, limit: excerptLimit) } ?? Excerpt.plain(t.body.markdown, limit: excerptLimit, title: title))
            })
        }
        for b in site.briefs {
            entries.append(reused(ItemRef(.brief, b.id), b, { $0.brief(b.id) }) {
                entry(.brief, b.title, b.date, b.id, actors(b.actors),
                      b.summary.map { Excerpt.cut($0, limit: excerptLimit) } ?? Excerpt.plain(b.body.markdown, limit: excerptLimit, title: title))
            })
        }
        for e in site.events {
            entries.append(reused(ItemRef(.event, e.id), e, { $0.event(e.id) }) {
                // Event titles say most; a shorter excerpt keeps the index small.
                let limit = max(40, excerptLimit + 30 - e.title.count)
                return entry(.event, e.title, e.date, e.id, actors(e.actors), Excerpt.plain(e.body.markdown, limit: min(limit, excerptLimit), title: title))
            })
        }
        for s in site.sources {
            entries.append(reused(ItemRef(.source, s.id), s, { $0.source(s.id) }) {
                let excerpt = [s.publisher, s.author].compactMap { $0 }.joined(separator: ", ")
                return entry(.source, s.title, s.published, s.id, [], excerpt)
            })
        }
        // Shards of whole entries.
        let head = "(window.dossierSearch = window.dossierSearch || []).push({\"v\":1,\"kinds\":[" + kinds.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "],\"first\":"
        var files: [OutputFile] = []
        var current = "", first = 0, count = 0
        func flush() {
            let text = head + String(first) + ",\"entries\":[\n" + current + "\n]});\n"
            files.append(OutputFile(path: "search/index-\(files.count + 1).js", bytes: Array(text.utf8)))
            first += count
            current = ""
            count = 0
        }
        for e in entries {
            if count > 0, current.utf8.count + e.utf8.count > shardLimit { flush() }
            if count > 0 { current += ",\n" }
            current += e
            count += 1
        }
        if count > 0 || files.isEmpty { flush() }
        return (files, made)
    }

    static func entry(_ kind: ItemKind, _ title: String, _ date: PartialDate?, _ id: String, _ actors: [Int], _ excerpt: String,
                      extra: [String] = []) -> String {
        var words: [String] = []
        let shown = title + " " + excerpt
        // Folded words are stored only where folding does more than lowercasing (accents, wide forms), since
        // the script lowercases what it shows anyway.
        if !shown.unicodeScalars.allSatisfy({ $0.isASCII || foldsToNothing.contains($0) }) {
            let folded = fold(shown)
            if folded != split(shown.lowercased()) { words = folded }
        }
        for alias in extra { words += fold(alias) }
        var seen = Set<String>()
        words = words.filter { seen.insert($0).inserted }
        var fields: [JSONValue] = [.int(kinds.firstIndex(of: kind)!), .string(title), .string(date?.description ?? ""), .string(id),
                                   .array(actors.map { .int($0) }), .string(excerpt)]
        if !words.isEmpty { fields.append(.string(words.joined(separator: " "))) }
        return JSONValue.array(fields).serialized(escapingHTML: true)
    }

    /// Common non-ASCII punctuation (ellipsis, dashes, curly quotes, guillemets, no-break space, middle dot),
    /// which folding never turns into letters or digits, so text with only these beside ASCII needs no folded words.
    static let foldsToNothing: Set<Unicode.Scalar> = ["\u{2026}", "\u{2014}", "\u{2013}", "\u{201C}", "\u{201D}", "\u{2018}",
                                                       "\u{2019}", "\u{00AB}", "\u{00BB}", "\u{00A0}", "\u{00B7}"]

    /// The words of `text`, folded for case and diacritics (`Société` → `societe`), split at anything that is not a
    /// letter or digit — the same folding the search script applies to queries.
    public static func fold(_ text: String) -> [String] {
        split(text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased())
    }

    /// The runs of letters and digits in `folded`.
    static func split(_ folded: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in folded.unicodeScalars {
            if c.properties.isAlphabetic || c.properties.numericType != nil {
                current.unicodeScalars.append(c)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

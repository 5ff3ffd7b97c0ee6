import DossierModel
import Foundation

/// Turns one content file's text into a typed item, reporting every problem in it.
///
/// Parsing checks each file on its own (types, required fields, known values); references between
/// items are checked later by `Resolver`, which sees the whole site.
enum ItemParser {
    /// What parsing one file produced: the item (nil when the file is unusable) and its diagnostics.
    struct Parsed<Item> {
        var item: Item?
        var diagnostics: [Diagnostic]
    }

    /// Each kind's front-matter keys, listed once: listing them from the kind's field table cost about 20,000
    /// instructions a file (callgrind).
    private enum KnownKeys {
        static let actor = Actor.fieldKeys, event = Event.fieldKeys, topic = Topic.fieldKeys, brief = Brief.fieldKeys,
                   source = Source.fieldKeys
    }

    static func fields(of text: String, path: String, what: String, known: [String],
                       requireFrontMatter: Bool = true) -> (FieldReader, FieldReader.Fields?, Body) {
        let reader = FieldReader(path: path, lineOffset: 2)
        switch FrontMatter.split(text, path: path) {
        case .failure(let diagnostic):
            reader.add(diagnostic)
            return (reader, nil, .empty)
        case .success(let fm):
            guard let yaml = fm.yaml else {
                if requireFrontMatter {
                    reader.add(.error(SourceLocation(path: path, line: 1, column: 1),
                                      "\(what) needs front matter: start the file with a '---' line, then 'key: value' lines, then '---'",
                                      code: "front-matter-missing"))
                }
                return (reader, nil, fm.body)
            }
            let emptyFields = FieldReader.Fields(mark: nil)
            guard !yaml.trimmingSpaces.isEmpty else {
                return (reader, emptyFields, fm.body)
            }
            guard let node = reader.compose(yaml) else { return (reader, nil, fm.body) }
            return (reader, reader.fields(node, what: "the front matter", known: known), fm.body)
        }
    }

    static func actor(id: String, path: String, text: String) -> Parsed<Actor> {
        let what = "an actor"
        let (r, f, body) = fields(of: text, path: path, what: what, known: KnownKeys.actor)
        guard let f else { return Parsed(item: nil, diagnostics: r.diagnostics) }
        // A missing or bad name leaves the id, so the actor's references still get checked in the same run.
        var actor = Actor(id: id, name: id, body: body, location: SourceLocation(path: path))
        r.read(Actor.fields, from: f, into: &actor, what: what)
        for node in r.list(f, "relations") {
            guard let rf = r.fields(node, what: "a relation", known: EntryFields.relation.keys) else { continue }
            guard let toNode = rf["to"], let to = r.string(rf, "to", required: true, what: "a relation") else {
                r.missing("to", in: rf, what: "a relation")
                continue
            }
            actor.relations.append(Relation(to: Located(to, at: r.location(of: toNode)),
                                            type: r.string(rf, "type", what: "a relation") ?? "related-to",
                                            since: r.date(rf, "since", what: "a relation"),
                                            sources: r.citations(rf)))
        }
        return Parsed(item: actor, diagnostics: r.diagnostics)
    }

    static func event(id: String, path: String, text: String) -> Parsed<Event> {
        let what = "an event"
        let (r, f, body) = fields(of: text, path: path, what: what, known: KnownKeys.event)
        guard let f else { return Parsed(item: nil, diagnostics: r.diagnostics) }
        // An item with a missing or bad field is still returned, so its references get checked in the same run.
        var event = Event(id: id, title: id, date: PartialDate(year: 0), body: body, location: SourceLocation(path: path))
        r.read(Event.fields, from: f, into: &event, what: what)
        if let end = event.end, end < event.date, let node = f["end"] {
            r.error(at: node, "'end' (\(end)) is before 'date' (\(event.date))", code: "invalid-date")
        }
        return Parsed(item: event, diagnostics: r.diagnostics)
    }

    static func topic(id: String, path: String, text: String) -> Parsed<Topic> {
        let what = "a topic"
        let (r, f, body) = fields(of: text, path: path, what: what, known: KnownKeys.topic)
        guard let f else { return Parsed(item: nil, diagnostics: r.diagnostics) }
        var topic = Topic(id: id, title: id, body: body, location: SourceLocation(path: path))
        r.read(Topic.fields, from: f, into: &topic, what: what)
        for node in r.list(f, "stances") {
            guard let sf = r.fields(node, what: "a stance", known: EntryFields.stance.keys) else {
                continue
            }
            let actorNode = sf["actor"]
            let actor = r.string(sf, "actor", required: true, what: "a stance")
            let position = r.choice(sf, "position", as: Stance.Position.self, required: true, what: "a stance")
            guard let actor, let actorNode, let position else { continue }
            topic.stances.append(Stance(actor: Located(actor, at: r.location(of: actorNode)), position: position,
                                        asOf: r.date(sf, "as_of", what: "a stance"), summary: r.string(sf, "summary", what: "a stance"),
                                        sources: r.citations(sf), location: r.location(of: node)))
        }
        return Parsed(item: topic, diagnostics: r.diagnostics)
    }

    static func brief(id: String, path: String, text: String) -> Parsed<Brief> {
        let what = "a brief"
        let (r, f, body) = fields(of: text, path: path, what: what, known: KnownKeys.brief)
        guard let f else { return Parsed(item: nil, diagnostics: r.diagnostics) }
        var brief = Brief(id: id, title: id, date: PartialDate(year: 0), body: body, location: SourceLocation(path: path))
        r.read(Brief.fields, from: f, into: &brief, what: what)
        for node in r.list(f, "judgments") {
            guard let jf = r.fields(node, what: "a judgment", known: EntryFields.judgment.keys),
                  let text = r.string(jf, "text", required: true, what: "a judgment") else { continue }
            let likelihood = term(r, jf, "likelihood", allowed: Judgment.likelihoodTerms)
            let confidence = term(r, jf, "confidence", allowed: Judgment.confidenceLevels)
            let lowered = text.lowercased()
            if Judgment.likelihoodTerms.contains(where: { containsWord(lowered, $0) }),
               Judgment.confidenceLevels.contains(where: { containsWord(lowered, $0 + " confidence") }),
               let textNode = jf["text"] {
                r.warning(at: textNode, "judgment text mixes a likelihood term and a confidence level in one sentence; ICD 203 asks to keep them apart (use the 'likelihood' and 'confidence' fields)",
                          code: "mixed-analytic-language")
            }
            brief.judgments.append(Judgment(text: text, likelihood: likelihood, confidence: confidence, location: r.location(of: node)))
        }
        return Parsed(item: brief, diagnostics: r.diagnostics)
    }

    private static func term(_ r: FieldReader, _ f: FieldReader.Fields, _ key: String, allowed: [String]) -> String? {
        guard let node = f[key], let value = r.string(f, key, what: "a judgment") else { return nil }
        let normalized = value.lowercased()
        guard allowed.contains(normalized) else {
            r.error(at: node, "'\(key)' must be one of the ICD 203 terms: \(allowed.joined(separator: ", ")); found '\(value)'",
                    code: "invalid-analytic-term")
            return nil
        }
        return normalized
    }

    private static func containsWord(_ text: String, _ phrase: String) -> Bool {
        // The phrases are ASCII, and no other text of a lowercased string is canonically equivalent to them: when
        // their bytes do not occur, Foundation's search cannot find them either, and most texts are spared it.
        guard mayContain(text, phrase) else { return false }
        var searchRange = text.startIndex..<text.endIndex
        while let r = text.range(of: phrase, range: searchRange) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            searchRange = r.upperBound..<text.endIndex
        }
        return false
    }

    /// Whether the UTF-8 bytes of `phrase` occur in those of `text`, found without copying either.
    private static func mayContain(_ text: String, _ phrase: String) -> Bool {
        phrase.isEmpty || ByteSearch.firstOffset(of: phrase.utf8.span, in: text.utf8.span) != nil
    }

    static func source(id: String, path: String, text: String, format: Source.Format) -> Parsed<Source> {
        let what = "a source"
        let (r, f, fileBody) = fields(of: text, path: path, what: what, known: KnownKeys.source, requireFrontMatter: false)
        let fields = f ?? FieldReader.Fields(mark: nil)
        if f == nil, r.diagnostics.hasErrors { return Parsed(item: nil, diagnostics: r.diagnostics) }
        var body = fileBody
        var published = r.date(fields, "published", what: what)
        // The seed form: a first line `date YYYY-MM-DD …` gives the published date; it is metadata, not article text.
        let (datedText, lineDate) = splitDateLine(body.markdown)
        if let lineDate {
            body.markdown = datedText
            if published == nil { published = lineDate }
        }
        var reliability = r.string(fields, "reliability", what: what)
        if let grade = reliability {
            if Source.reliabilityGrades[grade.uppercased()] == nil, let node = fields["reliability"] {
                r.error(at: node, "'reliability' must be an Admiralty grade A, B, C, D, E or F; found '\(grade)'",
                        code: "invalid-reliability")
                reliability = nil
            } else {
                reliability = grade.uppercased()
            }
        }
        r.checkAddresses(fields, ["url", "archived_url"], rule: .web, what: what)
        let title = r.string(fields, "title", what: what) ?? firstSentence(of: body.markdown) ?? id
        var source = Source(id: id, title: title, published: published, reliability: reliability, format: format, body: body,
                            location: SourceLocation(path: path))
        r.read(Source.fields, from: fields, into: &source, what: what)
        readOriginal(into: &source, r, fields, what: what)
        return Parsed(item: source, diagnostics: r.diagnostics)
    }

    /// Reads `original` (a file in `Content/sources/originals/`) and `original_sha256` (64 hex digits); the loader
    /// then checks the file itself (`KeptOriginals`), since it can change while the source stays the same.
    private static func readOriginal(into source: inout Source, _ r: FieldReader, _ fields: FieldReader.Fields, what: String) {
        if let path = r.string(fields, "original", what: what), let node = fields["original"] {
            let name = path.dropFirst("originals/".count)
            let plain = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
            if path.hasPrefix("originals/"), !name.isEmpty, !name.hasPrefix("."), plain {
                source.original = path
                source.originalLocation = r.location(of: node)
            } else {
                r.error(at: node, "'original' must name a file in Content/sources/originals/, such as 'originals/\(source.id).html'; found \(Diagnostic.quoted(path))",
                        code: "invalid-original")
            }
        }
        if let hash = r.string(fields, "original_sha256", what: what), let node = fields["original_sha256"] {
            if hash.utf8.count == 64, hash.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }) {
                source.originalSHA256 = hash.lowercased()
                source.originalSHA256Location = r.location(of: node)
            } else {
                r.error(at: node, "'original_sha256' must be the 64 hexadecimal digits of a SHA-256; found \(Diagnostic.quoted(hash))",
                        code: "invalid-original")
            }
        }
    }

    /// Splits a leading `date YYYY-MM-DD` token (after optional spaces) off the text.
    static func splitDateLine(_ text: String) -> (String, PartialDate?) {
        var s = Substring(text)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        guard s.hasPrefix("date ") else { return (text, nil) }
        let afterKeyword = s.dropFirst(5).drop { $0 == " " }
        let token = afterKeyword.prefix { !$0.isWhitespace }
        guard let date = PartialDate.parse(String(token)) else { return (text, nil) }
        let rest = afterKeyword.dropFirst(token.count).drop { $0 == " " || $0 == "\t" }
        return (String(rest), date)
    }

    /// The text's first sentence, used as a title when none is given (see `SourceTitle`).
    static func firstSentence(of text: String) -> String? { SourceTitle.firstSentence(of: text) }
}

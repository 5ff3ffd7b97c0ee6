import DossierModel

/// Reads typed fields out of one YAML mapping of front matter, turning every mistake into a diagnostic.
///
/// Scalars are read as text (no YAML type resolution) and interpreted here, so
/// `2026-02` stays a date string and a wrong type points at the exact value written.
final class FieldReader {
    let path: String
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, lineOffset: Int) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// Parses `yaml` into a node tree; a syntax error becomes a diagnostic at its line and column.
    func compose(_ yaml: String) -> YAMLNode? {
        do {
            return try YAMLNode.parse(yaml)
        } catch {
            self.error(at: error.mark, "malformed YAML: \(error.message)", code: "yaml-syntax")
            return nil
        }
    }

    func location(_ mark: YAMLNode.Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: lineOffset, column: 1) }
        return SourceLocation(path: path, line: mark.line + lineOffset - 1, column: mark.column)
    }

    func location(of node: YAMLNode) -> SourceLocation { location(node.mark) }

    func error(at mark: YAMLNode.Mark?, _ message: String, code: String) {
        diagnostics.append(.error(location(mark), message, code: code))
    }

    func error(at node: YAMLNode, _ message: String, code: String) {
        diagnostics.append(.error(location(of: node), message, code: code))
    }

    func warning(at node: YAMLNode, _ message: String, code: String) {
        diagnostics.append(.warning(location(of: node), message, code: code))
    }

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    // MARK: Mappings

    /// The fields of a mapping node, in order; reports a non-mapping and duplicate keys.
    func fields(_ node: YAMLNode, what: String, known: [String]) -> Fields? {
        guard case .mapping(let pairs, let mark) = node else {
            error(at: node, "\(what) must be a mapping of 'key: value' lines, not \(describe(node))", code: "wrong-type")
            return nil
        }
        var fields = Fields(mark: mark)
        for (key, value) in pairs {
            guard case .scalar(let k, _, _) = key else {
                error(at: key, "a key in \(what) must be a plain name", code: "wrong-type")
                continue
            }
            if fields.values[k] != nil {
                error(at: key, "key '\(k)' appears more than once in \(what)", code: "yaml-duplicate-key")
                continue
            }
            if !known.contains(k) {
                let hint = Self.closest(k, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                warning(at: key, "unknown field '\(k)' in \(what)\(hint); it is ignored", code: "unknown-field")
            }
            fields.values[k] = value
        }
        return fields
    }

    /// The fields of one mapping, by key; the mapping's position points at a missing field.
    struct Fields {
        var mark: YAMLNode.Mark?
        var values: [String: YAMLNode] = [:]

        subscript(key: String) -> YAMLNode? {
            guard let v = values[key], !FieldReader.isNull(v) else { return nil }
            return v
        }
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let s, .plain, _) = node else { return false }
        return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
    }

    // MARK: Typed values

    func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// A required or optional text value.
    func string(_ fields: Fields, _ key: String, required: Bool = false, what: String) -> String? {
        guard let node = fields[key] else {
            if required { missing(key, in: fields, what: what) }
            return nil
        }
        guard case .scalar(let s, _, _) = node else {
            error(at: node, "'\(key)' must be text, not \(describe(node))", code: "wrong-type")
            return nil
        }
        let value = s.trimmingSpaces
        if required && value.isEmpty {
            error(at: node, "'\(key)' must not be empty", code: "missing-field")
            return nil
        }
        return value.isEmpty ? nil : value
    }

    /// Reports each of `keys` whose text value is not an address `rule` allows (see `LinkAddress`).
    func checkAddresses(_ fields: Fields, _ keys: [String], rule: LinkAddress.Rule, what: String) {
        for key in keys {
            guard let node = fields[key], let value = string(fields, key, what: what),
                  let problem = LinkAddress.problem(value, rule: rule) else { continue }
            error(at: node, "'\(key)' \(problem)", code: "invalid-url")
        }
    }

    /// A list of link addresses (`same_as`): each entry that `LinkAddress` refuses is an error at that entry
    /// and is left out, so no refused address reaches a page.
    func addresses(_ fields: Fields, _ key: String) -> [String] {
        strings(fields, key).compactMap { entry in
            guard let problem = LinkAddress.problem(entry.value, rule: .link) else { return entry.value }
            diagnostics.append(.error(entry.location, "each entry of '\(key)' \(problem)", code: "invalid-url"))
            return nil
        }
    }

    func missing(_ key: String, in fields: Fields, what: String) {
        diagnostics.append(.error(location(fields.mark), "\(what) is missing the required field '\(key)'", code: "missing-field"))
    }

    /// `true` or `false` (YAML's spellings), or nil when absent.
    func bool(_ fields: Fields, _ key: String) -> Bool? {
        guard let node = fields[key] else { return nil }
        if case .scalar(let s, .plain, _) = node {
            switch s {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
            default: break
            }
        }
        error(at: node, "'\(key)' must be true or false", code: "wrong-type")
        return nil
    }

    /// An integer within `range`, or nil when absent.
    func int(_ fields: Fields, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = fields[key] else { return nil }
        if case .scalar(let s, .plain, _) = node, let v = Int(s), range.contains(v) {
            return v
        }
        error(at: node, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)", code: "wrong-type")
        return nil
    }

    /// A date in one of the forms `PartialDate.parse` accepts.
    func date(_ fields: Fields, _ key: String, required: Bool = false, what: String) -> PartialDate? {
        guard let node = fields[key] else {
            if required { missing(key, in: fields, what: what) }
            return nil
        }
        if case .scalar(let s, _, _) = node, let d = PartialDate.parse(s) { return d }
        let shown = node.scalarText.map { "'\($0)'" } ?? describe(node)
        error(at: node, "'\(key)' is not a valid date: \(shown) (use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
              code: "invalid-date")
        return nil
    }

    /// One of a fixed set of words, such as a stance's `position`.
    func choice<T: RawRepresentable & CaseIterable>(_ fields: Fields, _ key: String, as type: T.Type, required: Bool = false,
                                                    what: String) -> T? where T.RawValue == String {
        choice(fields, key, allowed: T.allCases.map(\.rawValue), required: required, what: what) { T(rawValue: $0) }
    }

    /// The value `make` gives for the field's word, or an error listing the `allowed` words.
    func choice<T>(_ fields: Fields, _ key: String, allowed: [String], required: Bool = false, what: String,
                   _ make: (String) -> T?) -> T? {
        guard let node = fields[key] else {
            if required { missing(key, in: fields, what: what) }
            return nil
        }
        if case .scalar(let s, _, _) = node, let v = make(s.trimmingSpaces) { return v }
        let shown = node.scalarText.map { "'\($0)'" } ?? describe(node)
        error(at: node, "'\(key)' must be one of \(allowed.joined(separator: ", ")); found \(shown)", code: "invalid-value")
        return nil
    }

    /// A list of text values; a single value is accepted as a list of one.
    func strings(_ fields: Fields, _ key: String) -> [Located<String>] {
        guard let node = fields[key] else { return [] }
        let items: [YAMLNode]
        switch node {
        case .sequence(let seq, _): items = seq
        case .scalar: items = [node]
        default:
            error(at: node, "'\(key)' must be a list, like [a, b]", code: "wrong-type")
            return []
        }
        var out: [Located<String>] = []
        for item in items {
            guard case .scalar(let s, _, _) = item else {
                error(at: item, "each entry of '\(key)' must be a single value, not \(describe(item))", code: "wrong-type")
                continue
            }
            let v = s.trimmingSpaces
            if !v.isEmpty { out.append(Located(v, at: location(of: item))) }
        }
        return out
    }

    /// A list of mappings, such as `stances:` or `relations:`.
    func list(_ fields: Fields, _ key: String) -> [YAMLNode] {
        guard let node = fields[key] else { return [] }
        guard case .sequence(let seq, _) = node else {
            error(at: node, "'\(key)' must be a list of entries, each starting with '- '", code: "wrong-type")
            return []
        }
        return seq
    }

    /// The `sources:` of an event, stance, relation: each a source id or `{source, quote, note}`.
    func citations(_ owner: Fields, _ key: String = "sources") -> [Citation] {
        guard let node = owner[key] else { return [] }
        let items: [YAMLNode]
        switch node {
        case .sequence(let seq, _): items = seq
        case .scalar: items = [node]
        default:
            error(at: node, "'\(key)' must be a list of source ids or {source, quote} entries", code: "wrong-type")
            return []
        }
        var out: [Citation] = []
        for item in items {
            switch item {
            case .scalar(let s, _, _):
                out.append(Citation(source: s.trimmingSpaces, location: location(of: item)))
            case .mapping:
                guard let f = fields(item, what: "a citation", known: EntryFields.citation.keys) else { continue }
                guard let source = string(f, "source", required: true, what: "a citation") else { continue }
                let quote = string(f, "quote", what: "a citation")
                out.append(Citation(source: source, quote: quote, note: string(f, "note", what: "a citation"),
                                    location: location(of: f.values["source"]!),
                                    quoteLocation: f["quote"].map { quoteLocation($0) },
                                    occurrence: int(f, "occurrence", in: 1...9999)))
            default:
                error(at: item, "a citation must be a source id or {source, quote}", code: "wrong-type")
            }
        }
        return out
    }

    /// Where a quote's text begins: inside the quotation marks when it is quoted.
    private func quoteLocation(_ node: YAMLNode) -> SourceLocation {
        var loc = location(of: node)
        if case .scalar(_, let style, _) = node, style == .singleQuoted || style == .doubleQuoted { loc.column += 1 }
        return loc
    }

    /// The known name nearest to `word` by edit distance, for "did you mean" hints.
    static func closest(_ word: String, in candidates: [String]) -> String? {
        let best = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

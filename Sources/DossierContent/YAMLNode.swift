import Foundation
import CYaml

/// A YAML node of front matter, with the position it was written at.
///
/// Built straight from the bytes when the front matter is plain (`PlainYAML`), else from libyaml's event stream (the C
/// library inside Yams): front matter needs only scalars, mappings and sequences with positions, so skipping a generic
/// typed node tree keeps loading fast.
/// Scalars stay text; `FieldReader` decides what each field's text means.
indirect enum YAMLNode: Equatable {
    /// How a scalar was written: only plain scalars can mean null, true or a number.
    enum Style {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// A 1-based line and column (in Unicode scalars) within the YAML text.
    struct Mark: Equatable {
        var line: Int
        var column: Int
    }

    case scalar(String, Style, Mark)
    case mapping([(key: YAMLNode, value: YAMLNode)], Mark)
    case sequence([YAMLNode], Mark)

    var mark: Mark {
        switch self {
        case .scalar(_, _, let m), .mapping(_, let m), .sequence(_, let m): m
        }
    }

    /// The scalar's text, or nil for a mapping or sequence.
    var scalarText: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }

    /// A YAML syntax error with the position libyaml reports.
    struct SyntaxError: Error {
        var message: String
        var mark: Mark
    }

    /// Parses the first (and only) document of `yaml`; nil for an empty document.
    static func parse(_ yaml: String) throws(SyntaxError) -> YAMLNode? {
        if let node = PlainYAML.parse(yaml) { return node }
        return try parseWithLibYAML(yaml)
    }

    /// `parse` by libyaml's event API alone, for any YAML.
    static func parseWithLibYAML(_ yaml: String) throws(SyntaxError) -> YAMLNode? {
        do {
            return try parseEvents(yaml)
        } catch {
            throw translated(error, in: yaml)
        }
    }

    /// libyaml's message for the two slips authors make most, said in their terms: a tab in indentation, and a
    /// `: ` inside an unquoted value.
    static func translated(_ error: SyntaxError, in yaml: String) -> SyntaxError {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        // A tab in the indentation of the line libyaml stopped at, or of the nearest line before it.
        for number in stride(from: min(error.mark.line, lines.count), through: 1, by: -1) {
            let indentation = lines[number - 1].prefix { $0 == " " || $0 == "\t" }
            if let tab = indentation.firstIndex(of: "\t") {
                let column = indentation.distance(from: indentation.startIndex, to: tab) + 1
                return SyntaxError(message: "a tab in the indentation: indent with spaces (YAML does not allow tabs there)",
                                   mark: Mark(line: number, column: column))
            }
            if number < error.mark.line - 1 { break }
        }
        if error.message.hasPrefix("mapping values are not allowed"), error.mark.line <= lines.count,
           lines[error.mark.line - 1].prefix(max(0, error.mark.column - 1)).contains(": ") {
            let line = lines[error.mark.line - 1]
            let key = line.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
            let shown = key.hasPrefix("- ") ? String(key.dropFirst(2)) : key
            return SyntaxError(message: "the value of '\(shown)' has a ':' followed by a space, which YAML reads as a new key: put the value in quotes (\(shown): \"…\")",
                               mark: error.mark)
        }
        return error
    }

    /// Parses `yaml` with libyaml's event API.
    private static func parseEvents(_ yaml: String) throws(SyntaxError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw SyntaxError(message: "out of memory", mark: Mark(line: 1, column: 1)) }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(SyntaxError) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var composer = Composer(aliasBudget: YAMLNode.aliasBudget(forDocumentOf: buffer.count))
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw error(parser) }
                defer { yaml_event_delete(&event) }
                let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return composer.root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw SyntaxError(message: "front matter holds more than one YAML document (a second '---' inside it?)", mark: mark)
                    }
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    var text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
                    // A double-quoted scalar can spell control characters as escapes (`\a`, `\x1B`): they have no place
                    // in a value readers see, in pages, CSV or calendars (raw ones in the file are removed on reading).
                    if text.unicodeScalars.contains(where: YAMLNode.isControl) {
                        text = String(String.UnicodeScalarView(text.unicodeScalars.filter { !YAMLNode.isControl($0) }))
                    }
                    let style: Style = switch s.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: .literal
                    case YAML_FOLDED_SCALAR_STYLE: .folded
                    default: .plain
                    }
                    composer.add(.scalar(text, style, mark), anchor: anchorName(s.anchor), weight: 1 + Int(s.length))
                case YAML_SEQUENCE_START_EVENT:
                    composer.open(.sequence, mark: mark, anchor: anchorName(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    composer.open(.mapping, mark: mark, anchor: anchorName(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    composer.close()
                case YAML_ALIAS_EVENT:
                    let name = anchorName(event.data.alias.anchor) ?? ""
                    guard let (node, weight) = composer.anchors[name] else {
                        throw SyntaxError(message: "unknown alias '*\(name)'", mark: mark)
                    }
                    composer.aliasBudget -= weight
                    guard composer.aliasBudget >= 0 else {
                        throw SyntaxError(message: "aliases ('*\(name)') expand to more than the front matter can hold: write the "
                                          + "values out, or repeat fewer of them", mark: mark)
                    }
                    composer.add(node, anchor: nil, weight: weight)
                default:
                    break
                }
            }
        }
    }

    /// How much aliases may add to a document of `size` bytes, in nodes plus scalar bytes: a few times the document
    /// and at least 1 MiB, so ordinary reuse passes and "billion laughs" (aliases of aliases, or one long string
    /// repeated thousands of times) stops at once instead of taking minutes and gigabytes.
    static func aliasBudget(forDocumentOf size: Int) -> Int { max(1 << 20, size * 4) }

    /// C0 controls but tab and newline, DEL, and C1 controls.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n") || (0x7F...0x9F).contains(s.value)
    }

    private static func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func error(_ parser: yaml_parser_t) -> SyntaxError {
        var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if let context = parser.context.map({ String(cString: $0) }) { message += " " + context }
        let mark = parser.problem_mark
        return SyntaxError(message: message, mark: Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }

    /// Nodes are equal when they have the same text, style and marks, and equal children in the same order.
    static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        switch (a, b) {
        case let (.scalar(x, s, m), .scalar(y, t, n)): x == y && s == t && m == n
        case let (.mapping(x, m), .mapping(y, n)): m == n && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.sequence(x, m), .sequence(y, n)): m == n && x == y
        default: false
        }
    }

    /// Builds nodes from events with a stack of open collections.
    private struct Composer {
        enum Kind { case sequence, mapping }

        struct Open {
            var kind: Kind
            var mark: Mark
            var anchor: String?
            var items: [YAMLNode] = []
            /// Nodes plus scalar bytes of the collection as aliases expand it.
            var weight = 1
        }

        var stack: [Open] = []
        var root: YAMLNode?
        /// Each anchored node with its expanded weight.
        var anchors: [String: (YAMLNode, Int)] = [:]
        /// What aliases may still add (see `aliasBudget`).
        var aliasBudget: Int

        mutating func open(_ kind: Kind, mark: Mark, anchor: String?) {
            stack.append(Open(kind: kind, mark: mark, anchor: anchor))
        }

        mutating func close() {
            guard let open = stack.popLast() else { return }
            let node: YAMLNode
            switch open.kind {
            case .sequence:
                node = .sequence(open.items, open.mark)
            case .mapping:
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                pairs.reserveCapacity(open.items.count / 2)
                var i = 0
                while i + 1 < open.items.count {
                    pairs.append((open.items[i], open.items[i + 1]))
                    i += 2
                }
                node = .mapping(pairs, open.mark)
            }
            add(node, anchor: open.anchor, weight: open.weight)
        }

        mutating func add(_ node: YAMLNode, anchor: String?, weight: Int) {
            if let anchor { anchors[anchor] = (node, weight) }
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].items.append(node)
                stack[stack.count - 1].weight += weight
            }
        }
    }
}

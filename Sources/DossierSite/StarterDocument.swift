import DossierModel
import Foundation

/// An example value in a starter file: one line of YAML after its key, or a list of entries, each written with the
/// fields of the entry table its key's type names (`relations` → `EntryFields.relation`, `sources` → `citation`).
indirect enum StarterExample: Sendable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case value(String)
    case entries([[String: StarterExample]])

    /// A value written as it is: `Example Agency`, `[example-report]`, `"a quote"`.
    init(stringLiteral value: String) { self = .value(value) }

    /// A list of entries, each a mapping of keys to values.
    init(arrayLiteral entries: [String: StarterExample]...) { self = .entries(entries) }
}

/// A field as a starter file writes it: its key, the comment made from its table row, and the table of its entries.
struct StarterField: Sendable {
    let key: String
    let comment: String
    let entries: EntryFields?

    /// The starter's view of a table row: the comment is the row's doc (Markdown's backticks as quotes), marked
    /// `required` when it is, with the words a choice allows and the forms of a date.
    init<Item>(_ spec: FieldSpec<Item>) {
        key = spec.key
        entries = spec.type.entryFields
        var comment = spec.doc.replacingOccurrences(of: "`", with: "'")
        switch spec.type {
        case .choice(let words): comment += " (\(words.joined(separator: " | ")))"
        case .date: comment += " (YYYY, YYYY-MM or YYYY-MM-DD)"
        default: break
        }
        self.comment = spec.required ? "required: " + comment : comment
    }
}

/// One file of the starter site made from a field table: the comment at its top, the examples written in the table's
/// order with each field's comment, then the Markdown body (front matter) or nothing (`site.yml`).
struct StarterDocument: Sendable {
    let path: String
    let intro: String
    let fields: [StarterField]
    let examples: [String: StarterExample]
    /// The Markdown after the front matter; nil for a file of settings with no `---` lines.
    let body: String?

    /// A file whose keys and comments come from `table` and whose values are `examples`.
    init<Item>(_ path: String, _ table: [FieldSpec<Item>], intro: String, _ examples: [String: StarterExample], body: String?) {
        self.path = path
        self.intro = intro
        self.fields = table.map { StarterField($0) }
        self.examples = examples
        self.body = body
    }

    /// Comments start in one column, past the longest line of code shorter than this; a longer line's comment follows it.
    static let commentColumn = 40

    /// The file's text.
    var text: String {
        let lines = Self.lines(fields, examples, indent: "")
        let width = lines.map(\.code.count).filter { $0 < Self.commentColumn }.max() ?? 0
        let yaml = lines.map { line in
            line.code + String(repeating: " ", count: max(1, width + 1 - line.code.count)) + "# " + line.comment
        }
        let intro: [String] = self.intro.isEmpty ? [] : self.intro.split(separator: "\n").map { "# " + $0 }
        let settings = (intro + yaml).joined(separator: "\n") + "\n"
        guard let body else { return settings }
        return "---\n" + settings + "---\n" + body
    }

    /// The lines of `examples`, in the order of `fields`, `indent` in; each entry of a list of entries starts with `- `
    /// two spaces in from its key, and its fields four.
    static func lines(_ fields: [StarterField], _ examples: [String: StarterExample], indent: String)
        -> [(code: String, comment: String)] {
        var out: [(code: String, comment: String)] = []
        for field in fields {
            switch examples[field.key] {
            case nil: continue
            case .value(let value)?: out.append((indent + field.key + ": " + value, field.comment))
            case .entries(let entries)?:
                out.append((indent + field.key + ":", field.comment))
                let inner = field.entries?.fields.map { StarterField($0) } ?? []
                for entry in entries {
                    var lines = Self.lines(inner, entry, indent: indent + "    ")
                    if !lines.isEmpty { lines[0].code = indent + "  - " + lines[0].code.dropFirst(indent.count + 4) }
                    out += lines
                }
            }
        }
        return out
    }
}

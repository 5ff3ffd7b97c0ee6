import DossierModel
import Foundation
import Testing

/// The README's field lists are made from the field tables (`SiteConfig.fields`, `Actor.fields`, …): between
/// `<!-- fields:NAME -->` and `<!-- /fields -->` each list must be what `FieldList.markdown` makes. `make fields`
/// rewrites them.
@Suite struct FieldListTests {
    /// The repository's README. Symbolic links are resolved first: `Tests/sanitize` compiles this file through a
    /// link to its folder.
    static let readme = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func readmeFieldListsAreTheTables() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let expected = FieldList.replacingLists(in: text)
        if ProcessInfo.processInfo.environment["DOSSIER_WRITE_FIELDS"] == "1", expected != text {
            try expected.write(to: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        for name in FieldList.names {
            #expect(text.contains(FieldList.block(name)),
                    "README's list '\(name)' differs from the field table: run `make fields` to write it again")
        }
        #expect(expected == text, "README's field lists differ from the field tables: run `make fields`")
    }

    @Test func everyListIsInTheReadme() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        for name in FieldList.names { #expect(text.contains("<!-- fields:\(name) -->"), "README has no list '\(name)'") }
    }

    @Test func aListShowsEveryFieldWithItsTypeAndWhetherItIsRequired() {
        let list = FieldList.markdown(FieldList.rows(Actor.fields))
        #expect(list.contains("| `name` | text | required | the name readers see |"))
        #expect(list.contains("| `kind` | person \\| organization \\| government \\| group \\| other |  |"))
        #expect(list.components(separatedBy: "\n").count == Actor.fields.count + 2)
    }
}

/// Makes the README's field lists from the tables.
enum FieldList {
    /// The lists, by the name their markers use.
    static let names = ["site", "actor", "relation", "event", "topic", "stance", "brief", "judgment", "source", "citation"]

    /// One row per field: key, type in words, required, what it is.
    static func rows<Item>(_ table: [FieldSpec<Item>]) -> [(String, String, Bool, String)] {
        table.map { ($0.key, $0.type.words, $0.required, $0.doc) }
    }

    static func rows(_ name: String) -> [(String, String, Bool, String)] {
        switch name {
        case "site": rows(SiteConfig.fields)
        case "actor": rows(Actor.fields)
        case "event": rows(Event.fields)
        case "topic": rows(Topic.fields)
        case "brief": rows(Brief.fields)
        case "source": rows(Source.fields)
        case "relation": rows(EntryFields.relation.fields)
        case "stance": rows(EntryFields.stance.fields)
        case "judgment": rows(EntryFields.judgment.fields)
        default: rows(EntryFields.citation.fields)
        }
    }

    /// A Markdown table of `rows`.
    static func markdown(_ rows: [(String, String, Bool, String)]) -> String {
        (["| Field | Written as | | What it is |", "| --- | --- | --- | --- |"]
            + rows.map { "| `\($0.0)` | \($0.1) | \($0.2 ? "required" : "") | \($0.3) |" }).joined(separator: "\n")
    }

    /// The list `name` with its markers.
    static func block(_ name: String) -> String {
        "<!-- fields:\(name) -->\n" + markdown(rows(name)) + "\n<!-- /fields -->"
    }

    /// `text` with each marked list made again from its table.
    static func replacingLists(in text: String) -> String {
        var out = text
        for name in names {
            let start = "<!-- fields:\(name) -->"
            guard let a = out.range(of: start), let b = out.range(of: "<!-- /fields -->", range: a.upperBound..<out.endIndex) else {
                continue
            }
            out.replaceSubrange(a.lowerBound..<b.upperBound, with: block(name))
        }
        return out
    }
}

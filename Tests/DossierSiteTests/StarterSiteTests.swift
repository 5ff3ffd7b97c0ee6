import DossierContent
import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// `dossier init`'s starter site is written from the field tables: each key it writes is a field of its file's table
/// (or of the entry table above it), each required field is there, and each comment is the field's doc.
/// (`CommandLineTests` runs `dossier init`, then `build` and `check`.)
@Suite struct StarterSiteTests {
    /// A field table as these tests read it: each key's type, and which keys are required.
    struct Table {
        var types: [String: FieldType]
        var docs: [String: String]
        var required: [String]

        init<Item>(_ fields: [FieldSpec<Item>]) {
            types = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.type) })
            docs = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.doc) })
            required = fields.filter(\.required).map(\.key)
        }
    }

    /// The table of the starter file at `path`, by its folder.
    static func table(_ path: String) -> Table? {
        if path == "Content/site.yml" { return Table(SiteConfig.fields) }
        let folder = path.split(separator: "/").dropFirst().first.map(String.init)
        switch ItemKind.allCases.first(where: { $0.folder == folder }) {
        case .actor: return Table(Actor.fields)
        case .event: return Table(Event.fields)
        case .topic: return Table(Topic.fields)
        case .brief: return Table(Brief.fields)
        case .source: return Table(Source.fields)
        case nil: return nil
        }
    }

    /// The YAML of a starter file: its front matter, or all of it for `site.yml`.
    static func yaml(_ text: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---" else { return lines }
        return Array(lines.dropFirst().prefix { $0 != "---" })
    }

    /// A line's key, the column it starts at (past any `- `), its value and its comment; nil for a comment line.
    static func parse(_ line: Substring) -> (key: String, column: Int, value: String, comment: String)? {
        let column = line.prefix { $0 == " " || $0 == "-" }.count
        let rest = line.dropFirst(column)
        guard !rest.hasPrefix("#"), let colon = rest.firstIndex(of: ":") else { return nil }
        let hash = rest.range(of: " # ")
        let value = rest[rest.index(after: colon)..<(hash?.lowerBound ?? rest.endIndex)].trimmingCharacters(in: .whitespaces)
        return (String(rest[..<colon]), column, value, hash.map { String(rest[$0.upperBound...]) } ?? "")
    }

    @Test func everyKeyIsATableFieldWithItsDocAndEveryRequiredFieldIsWritten() throws {
        let documents = StarterSite.files.filter { $0.path.hasPrefix("Content/") }
        #expect(Set(documents.map { $0.path.split(separator: "/")[1] }) == Set(ItemKind.allCases.map { Substring($0.folder) } + ["site.yml"]))
        for (path, text) in documents {
            let root = try #require(Self.table(path), "\(path) has no field table")
            var written: [String] = []
            // The tables of the lists of entries the line may be in, innermost last, by the column their keys start at.
            var open: [(column: Int, table: Table)] = []
            for line in Self.yaml(text) {
                guard let (key, column, value, comment) = Self.parse(line) else { continue }
                while let last = open.last, last.column > column { open.removeLast() }
                let inner = open.last(where: { $0.column == column })?.table
                let table = try #require(column == 0 ? root : inner, "\(path): \(line) is in no list of entries")
                if column == 0 { written.append(key) }
                let type = try #require(table.types[key], "\(path): '\(key)' is not a field of its table")
                let doc = try #require(table.docs[key]).replacingOccurrences(of: "`", with: "'")
                #expect(comment.hasPrefix(table.required.contains(key) ? "required: " + doc : doc), "\(path): \(line)")
                if value.isEmpty, let entries = type.entryFields { open.append((column + 4, Table(entries.fields))) }
            }
            for key in root.required { #expect(written.contains(key), "\(path) lacks the required field '\(key)'") }
        }
    }

    /// The example keys of `examples` that `fields` does not name, nested ones as `key.inner`: a starter file writes
    /// only its table's keys, so a misspelt example key would otherwise vanish from the file unnoticed.
    static func unwritten(_ examples: [String: StarterExample], _ fields: [StarterField]) -> [String] {
        examples.flatMap { key, example -> [String] in
            guard let field = fields.first(where: { $0.key == key }) else { return [key] }
            guard case .entries(let entries) = example else { return [] }
            let inner = field.entries?.fields.map { StarterField($0) } ?? []
            return entries.flatMap { unwritten($0, inner) }.map { key + "." + $0 }
        }
    }

    @Test func everyExampleValueIsWritten() {
        for document in StarterSite.documents {
            #expect(Self.unwritten(document.examples, document.fields).sorted() == [], "\(document.path)")
        }
    }

    @Test func theStarterSiteLoadsWithoutADiagnostic() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-starter-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try StarterSite.write(to: folder) == StarterSite.files.map(\.path))
        let result = SiteLoader(siteFolder: folder).load()
        #expect(SiteFixture.lines(result.diagnostics) == [])
        let site = try #require(result.site)
        #expect(site.config.title == "My briefing")
        #expect(site.actors.first { $0.id == "example-agency" }?.relations.map(\.to.value) == ["example-corp"])
        #expect(site.topics.first?.stances.first?.sources.first?.quote == "it would review the contract")
        #expect(site.briefs.first?.judgments.first?.confidence == "moderate")
    }
}

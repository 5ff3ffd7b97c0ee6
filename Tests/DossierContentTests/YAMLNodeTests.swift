@testable import DossierContent
import Testing

@Suite struct YAMLNodeTests {
    @Test func readsScalarsMappingsSequencesWithPositions() throws {
        let node = try #require(try YAMLNode.parse("title: \"A: b\"\nlist: [x, 'y']\nnested:\n  - k: v\n"))
        guard case .mapping(let pairs, let mark) = node else { Issue.record("not a mapping"); return }
        #expect(mark == YAMLNode.Mark(line: 1, column: 1))
        #expect(pairs.map { $0.key.scalarText } == ["title", "list", "nested"])
        guard case .scalar(let title, .doubleQuoted, let titleMark) = pairs[0].value else { Issue.record("title"); return }
        #expect(title == "A: b")
        #expect(titleMark == YAMLNode.Mark(line: 1, column: 8))
        guard case .sequence(let items, _) = pairs[1].value else { Issue.record("list"); return }
        #expect(items.map(\.scalarText) == ["x", "y"])
        #expect(items[1].mark == YAMLNode.Mark(line: 2, column: 11))
        guard case .sequence(let nested, _) = pairs[2].value, case .mapping(let inner, _) = nested[0] else { Issue.record("nested"); return }
        #expect(inner[0].value.mark == YAMLNode.Mark(line: 4, column: 8))
    }

    @Test func resolvesAnchorsAndAliases() throws {
        let node = try #require(try YAMLNode.parse("a: &x hello\nb: *x\n"))
        guard case .mapping(let pairs, _) = node else { Issue.record("not a mapping"); return }
        #expect(pairs[1].value.scalarText == "hello")
    }

    @Test func reportsSyntaxErrorsWithPositions() {
        #expect(throws: YAMLNode.SyntaxError.self) { try YAMLNode.parse("a: [1, 2\nb: 3\n") }
        do {
            _ = try YAMLNode.parse("a: b\n  c: d\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.mark.line == 2)
            #expect(error.message.contains("mapping values are not allowed"))
        }
        #expect(throws: YAMLNode.SyntaxError.self) { try YAMLNode.parse("a: 1\n---\nb: 2\n") }
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try YAMLNode.parse("") == nil)
        #expect(try YAMLNode.parse("# only a comment\n") == nil)
    }
}


@testable import DossierContent
import Foundation
import Testing

/// The plain front-matter reader gives exactly libyaml's nodes for what it reads, and leaves everything else to
/// libyaml.
@Suite struct PlainYAMLTests {
    /// Front matter in the plain subset: read without libyaml, to the same nodes, styles and marks.
    @Test(arguments: [
        "title: Brief 0\ndate: 2026-01-01\nsummary: \"Safeguards federal review.\"\nactors: [actor-00000, actor-00001]\ntopics: [topic-0000]\njudgments:\n  - text: \"Risk oversight.\"\n    likelihood: likely\n    confidence: moderate\n",
        "title: \"Oversight access\"\ndate: 2026-01-01\nactors: [actor-00000]\nimportance: 1\nsources:\n  - source: source-00801\n    quote: \"guardrails model\"\n",
        "name: Actor 0\nkind: person\naffiliations: [actor-00001]\naliases: [\"A0\"]\nrelations:\n  - to: actor-00003\n    type: negotiated-with\n    sources:\n      - source: source-00378\n        quote: \"designation engineering\"\n",
        "title: Report 0\npublisher: Wire 0\nurl: https://news.example/0?a=b&c=d\npublished: 2026-01-01\nreliability: A\n",
        "title: Café déjà vu — ça\nactors: [a, \"b c, d\", \"é\", e-1, x.y/z]\nnote: 'single quoted'\n",
        "a:\n- x\n- 'y'\nb: q\n",
        "list: []\nempty: \"\"\nalso: ''\n",
        "k: v   \n\n   \nk2: w\n",
        "title: Foo [draft] {x} & more, \"quoted\" mid\ntime: 12:30\n",
        "s:\n  - a\n  -   b: 1\n      c: 2\n  - \"d\"\n",
        "deep:\n  inner:\n    x: 1\n  other: 2\ntop: 3",
        "x: 1\nx: 2\n",
        "a_b-c: ~\nyes: no\nn: 1.5e3\n",
        "title: 😀 emoji\nlist: [\"😀\", b]\n",
    ])
    func readsThePlainSubsetAsLibYAMLDoes(_ yaml: String) throws {
        let plain = PlainYAML.parse(yaml)
        let expected = try YAMLNode.parseWithLibYAML(yaml)
        #expect(plain != nil)
        #expect(plain == expected)
    }

    /// Everything outside the subset is declined, so libyaml reads it (and reports its errors).
    @Test(arguments: [
        "a: 1 # comment", "a:\tb", "a: |\n  x\n", "a: >\n  x\n", "a: &x 1\nb: *x", "a: !tag 1", "a:", "a:\nb: 1", "- a\n- b",
        "  a: 1", "a: b: c", "a: \"x\\ny\"", "a: [x,]", "a: [x", "a: x\n  continued", "a: x\u{2028}y", "a: x\u{85}y", "---\na: 1",
        "\u{FEFF}a: 1", "a: {b: 1}", "? a\n: b", "a : b", "", "\n\n", "a: [\"x\\\"\"]", "a: -5", "a: - x", "a:\n  - x\n  -\n",
        "a: x:", "a: \"x\" y", "a: [b c]", "a: [-b]", "a: [b: c]", "a:\n  b: 1\n c: 2", "a: 1\n b: 2", "a: \u{7F}", "a: \r\n",
        "a: [\"x\"]y", "a: 'x'y", "a:\n    - x\n  - y", "a: 'it''s'",
    ])
    func declinesEverythingElse(_ yaml: String) {
        #expect(PlainYAML.parse(yaml) == nil, "\(yaml.debugDescription)")
    }

    /// The example site's front matter is all in the subset, and reads the same either way.
    @Test func exampleSiteFrontMatterReadsTheSameEitherWay() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Content").standardized
        var read = 0
        for kind in ["actors", "events", "topics", "briefs", "sources"] {
            let folder = content.appendingPathComponent(kind)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".md") {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                guard case .success(let split) = FrontMatter.split(text, path: name), let yaml = split.yaml else { continue }
                let expected = try YAMLNode.parseWithLibYAML(yaml)
                if let plain = PlainYAML.parse(yaml) {
                    #expect(plain == expected, "\(kind)/\(name)")
                    read += 1
                }
            }
        }
        #expect(read >= 30)
    }
}

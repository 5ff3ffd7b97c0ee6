import Testing
@testable import DossierMarkdown

/// Parsing must be safe to run concurrently (extension registration is
/// one-time, no shared mutable state).
@Suite struct ConcurrencyTests {
    static func sample(_ i: Int) -> String {
        """
        # Doc \(i)

        Text é \(i) [[item-\(i)|Item \(i)]] and [@src-\(i % 7) "quote
        number \(i)"] ~~old~~ www.example.com/\(i)

        | a | b |
        |---|---|
        | [[cell-\(i)]] | - [ ] x |

        - [x] task [[t-\(i)]]

        Note[^n\(i)].

        [^n\(i)]: Footnote [[f-\(i)]].

        ```
        [[not-\(i)]]
        ```
        """
    }

    /// Without serializing cmark-gfm's parsing (see `Cmark.withInlineParserLock`)
    /// concurrent parses lose strikethrough and autolinks.
    @Test func concurrentParsesMatchSequentialOnes() async {
        let count = 200
        let sequential = (0..<count).map { Markdown.parse(Self.sample($0)) }
        // A few rounds, as races show up only sometimes.
        for round in 0..<3 {
            let concurrent = await withTaskGroup(of: (Int, MarkdownDocument).self) { group in
                for i in 0..<count {
                    group.addTask { (i, Markdown.parse(ConcurrencyTests.sample(i))) }
                }
                var results = [MarkdownDocument?](repeating: nil, count: count)
                for await (i, document) in group { results[i] = document }
                return results
            }
            for i in 0..<count {
                #expect(concurrent[i] == sequential[i], "round \(round), document \(i)")
            }
        }
        for i in 0..<count {
            #expect(sequential[i].references.count == 5, "document \(i)")
            #expect(sequential[i].htmlTemplate.contains("<del>old</del>"), "document \(i)")
        }
        #expect(sequential[3].references.map(\.reference) == [
            .link(target: "item-3", label: "Item 3"),
            .citation(source: "src-3", quote: "quote number 3"),
            .link(target: "cell-3", label: nil),
            .link(target: "t-3", label: nil),
            .link(target: "f-3", label: nil),
        ])
    }
}

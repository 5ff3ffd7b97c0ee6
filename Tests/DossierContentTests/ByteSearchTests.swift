@testable import DossierContent
import Testing

/// Finding a needle by its rarest byte gives what a plain search gives, at every offset and from every start.
@Suite struct ByteSearchTests {
    @Test func firstOffsetMatchesAPlainSearch() {
        let hay = Array("the quick brown fox jumps over the lazy dog; the quiet fox quits".utf8)
        let needles = ["the", "qui", "fox", "quits", "dog;", "x", "zz", "the quick brown fox jumps over the lazy dog; the quiet fox quits!", ""]
        for needle in needles.map({ Array($0.utf8) }) {
            for from in 0...hay.count {
                let expected = needle.isEmpty ? nil : (from..<max(from, hay.count - needle.count + 1)).first { hay[$0..<($0 + needle.count)].elementsEqual(needle) }
                let found = ByteSearch.firstOffset(of: needle.span, in: hay.span, from: from)
                #expect(found == expected, "\(needle) \(from)")
            }
        }
    }
}

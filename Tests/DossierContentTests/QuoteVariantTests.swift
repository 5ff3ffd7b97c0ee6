@testable import DossierContent
import Testing

/// An English article as it arrives from a newsroom: curly and nested quotation marks, dashes of three kinds
/// (and `--`), an ellipsis, no-break and thin spaces, a soft hyphen, a ligature, zero-width characters, a
/// decomposed accent and a soft line wrap.
private let english = QuoteText("""
    The board’s chair, Margaret Ellison, called the offer “thorough and fair…” before adding
    that shareholders would “decide for themselves.”

    “We are not selling the company — not now, not at this price,” said Toma\u{301}s Rivera, the chief executive.

    Analysts at Harcourt\u{A0}&\u{A0}Lowe called it a “low-risk gamble” by a govern\u{AD}ment-backed fund, and said the \u{FB01}nal price\u{2009}–\u{2009}$41 a share\u{2009}–\u{2009}was “the ceiling, not the floor.”

    He said: ‘I told them, “no deal,” and I meant it.’

    The deal -- if it happens -- would close in 2027.

    The offer was rejected. Later, the offer was rejected again.

    The filing was signed by the C\u{200D}E\u{200B}O on Friday\u{FEFF}.
    """)

/// A Japanese article with full-width letters, digits and brackets, and CJK quotation brackets.
private let japanese = QuoteText("""
    日本製鉄の橋本英二会長は「買収は米国の利益にもなる」と述べた。

    同社はＵＳスチールの買収額を１４１億ドル（約２兆円）と説明した。

    『交渉は続ける』と橋本氏は語った。
    """)

/// What a search found, in words: `= part | part` (with `×N` when the quote occurs N times) or `! message`.
private func outcome(_ text: QuoteText, _ quote: String) -> String {
    switch text.search(quote) {
    case .found(let matches):
        let parts = matches[0].parts.map { text.text($0) }.joined(separator: " | ")
        return "= " + parts + (matches.count > 1 ? " ×\(matches.count)" : "")
    case .failed(let problem):
        return "! " + problem.message
    }
}

/// Each quote with what must come of it: `= …` is the exact original text matched (its parts joined by ` | `),
/// `! …` a failure whose message contains the rest (`!` alone: not found, with or without a hint).
private let variants: [(quote: String, text: QuoteText, expected: String)] = [
    // Quotation marks are one family, however typed.
    ("called the offer “thorough and fair…”", english, "= called the offer “thorough and fair…”"),
    ("called the offer \"thorough and fair...\"", english, "= called the offer “thorough and fair…”"),
    ("called the offer ‘thorough and fair…’", english, "= called the offer “thorough and fair…”"),
    ("called the offer «thorough and fair…»", english, "= called the offer “thorough and fair…”"),
    ("called the offer „thorough and fair…‟", english, "= called the offer “thorough and fair…”"),
    ("“the ceiling, not the floor.”", english, "= “the ceiling, not the floor.”"),
    ("‘I told them, “no deal,” and I meant it.’", english, "= ‘I told them, “no deal,” and I meant it.’"),
    ("\"I told them, 'no deal,' and I meant it.\"", english, "= ‘I told them, “no deal,” and I meant it.’"),
    // Dashes are one dash, with or without spaces; `--` and a hyphen between spaces are dashes.
    ("“We are not selling the company — not now, not at this price,”", english,
     "= “We are not selling the company — not now, not at this price,”"),
    ("\"We are not selling the company -- not now, not at this price,\"", english,
     "= “We are not selling the company — not now, not at this price,”"),
    ("We are not selling the company–not now", english, "= We are not selling the company — not now"),
    ("We are not selling the company - not now", english, "= We are not selling the company — not now"),
    ("the final price—$41 a share—was", english, "= the \u{FB01}nal price\u{2009}–\u{2009}$41 a share\u{2009}–\u{2009}was"),
    ("The deal — if it happens — would close in 2027.", english, "= The deal -- if it happens -- would close in 2027."),
    ("The deal ‒ if it happens ― would close", english, "= The deal -- if it happens -- would close"),
    // A hyphen stays a hyphen.
    ("The deal-if it happens-would close", english, "!"),
    ("a “low—risk gamble”", english, "!"),
    // Spaces of every kind, soft hyphens, zero-width characters, ligatures, decomposed accents.
    ("before adding that shareholders", english, "= before adding\nthat shareholders"),
    ("Analysts at Harcourt & Lowe called it", english, "= Analysts at Harcourt\u{A0}&\u{A0}Lowe called it"),
    ("by a government-backed fund", english, "= by a govern\u{AD}ment-backed fund"),
    ("said the ﬁnal price", english, "= said the \u{FB01}nal price"),
    ("signed by the CEO on Friday.", english, "= signed by the C\u{200D}E\u{200B}O on Friday\u{FEFF}."),
    ("said Tomás Rivera, the chief executive", english, "= said Toma\u{301}s Rivera, the chief executive"),
    // Case and words still matter.
    ("we are not selling the company", english, "!"),
    ("We are not selling the company, not now", english, "!"),
    ("We are not buying the company", english, "! ; the closest passage is \"“We are not selling the company"),
    ("the ceiling, not the roof", english, "!"),
    ("thorough and fai", english, "!"),
    ("horough and fair", english, "!"),
    ("thorough and fair", english, "= thorough and fair"),
    // An ellipsis is text first ("thorough and fair…” before adding" would be too short a part if elided).
    ("“thorough and fair…” before adding", english, "= “thorough and fair…” before adding"),
    // Elision: parts in order, in one paragraph, each at least three words.
    ("The board’s chair … called the offer", english, "= The board’s chair | called the offer"),
    ("The board’s chair [...] “decide for themselves.”", english, "= The board’s chair | “decide for themselves.”"),
    ("The board’s chair [the elided words] called", english, "!"),
    ("… not now, not at this price", english, "= not now, not at this price"),
    ("We are not selling the company …", english, "= We are not selling the company"),
    ("“… not now, not at this price,”", english, "= not now, not at this price,”"),
    ("…", english, "! : the quote is only an ellipsis"),
    ("[…]", english, "! : the quote is only an ellipsis"),
    ("The board’s chair … offer", english, "! : part 2 (\"offer\") is too short"),
    ("called the offer … The board’s chair", english, "! : part 2 (\"The board’s chair\") comes before part 1"),
    ("called the offer … the chief executive", english, "! : part 2 (\"the chief executive\") is not in the same paragraph as part 1"),
    ("called the offer … the chief investor", english, "! : part 2 (\"the chief investor\") is not in the source"),
    // Several places.
    ("offer was rejected", english, "= offer was rejected ×2"),
    ("Later, the offer was rejected again.", english, "= Later, the offer was rejected again."),
    // Japanese: CJK brackets are quotation marks, full-width forms are their half-width letters.
    ("「買収は米国の利益にもなる」", japanese, "= 「買収は米国の利益にもなる」"),
    ("“買収は米国の利益にもなる”", japanese, "= 「買収は米国の利益にもなる」"),
    ("『交渉は続ける』", japanese, "= 『交渉は続ける』"),
    ("USスチールの買収額を141億ドル(約2兆円)", japanese, "= ＵＳスチールの買収額を１４１億ドル（約２兆円）"),
    ("US スチール", japanese, "!"),
    ("買収は日本の利益にもなる", japanese, "! ; the closest passage is \"買収は米国の利益にもなる\""),
    ("日本製鉄の橋本英二会長は…米国の利益にもなる", japanese, "= 日本製鉄の橋本英二会長は | 米国の利益にもなる"),
    ("橋本…利益", japanese, "! : part 1 (\"橋本\") is too short"),
    ("日本製鉄の橋本英二会長は…交渉は続ける", japanese, "! : part 2 (\"交渉は続ける\") is not in the same paragraph as part 1"),
]

@Suite struct QuoteVariantTests {
    @Test(arguments: variants.indices)
    func eachVariantHasItsOutcome(_ index: Int) {
        let (quote, text, expected) = variants[index]
        let got = outcome(text, quote)
        if expected.hasPrefix("=") {
            #expect(got == expected, "quote \(quote)")
        } else {
            #expect(got.hasPrefix("!"), "quote \(quote): \(got)")
            if expected.count > 2 { #expect(got.contains(expected.dropFirst(2)), "quote \(quote): \(got)") }
        }
    }

    @Test func thereAreAtLeastFortyVariantsWithMisquotesAmongThem() {
        #expect(variants.count >= 40)
        #expect(variants.filter { $0.expected.hasPrefix("!") }.count >= 15)
    }

    @Test func matchedRangesLandOnTheSourceScalars() {
        // The range of a match is the source's own scalars, so marks land on them.
        guard case .found(let matches) = english.search("by a government-backed fund") else {
            Issue.record("not found")
            return
        }
        let scalars = english.scalars
        #expect(String(String.UnicodeScalarView(scalars[matches[0].parts[0]])) == "by a govern\u{AD}ment-backed fund")
    }
}

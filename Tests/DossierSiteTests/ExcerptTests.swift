@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The byte-level fast paths of excerpts and search entries give exactly what the character-level ways give.
@Suite struct ExcerptTests {
    @Test(arguments: [
        "", " .", "a .", "a . b , c ; d : e )", "no change.", "two  .", "(a )", "Société , dit-il .", "« x » .",
        "e\u{301} .", "a .\u{301}", "\u{600} .", "tab\t.", "end ", "… .", "x\r\n .",
    ])
    func spacesBeforePunctuationGoAsCharacterByCharacter(_ text: String) {
        #expect(text.replacingSpaceBeforePunctuation == text.characterwiseSpaceRemoval)
    }

    /// The scan for marks reads eight bytes at a time: a space and a mark anywhere in a text, within a word of
    /// eight bytes or across two, next to ASCII or not, go as character by character.
    @Test func spacesBeforePunctuationGoAtEveryPosition() {
        for length in 2...20 {
            for position in 1..<length {
                for mark in [".", ",", ";", ":", ")"] {
                    for neighbour in ["a", "é", "\u{301}"] {
                        var characters = Array(repeating: "x", count: length)
                        characters[position - 1] = " "
                        characters[position] = mark
                        if position + 1 < length { characters[position + 1] = neighbour }
                        let text = characters.joined()
                        #expect(text.replacingSpaceBeforePunctuation == text.characterwiseSpaceRemoval, "\(text)")
                    }
                }
            }
        }
    }

    @Test(arguments: [0, 1, 5, 9, 12, 20])
    func cutGoesAsCharacterByCharacter(_ limit: Int) {
        for text in ["", "short", "A deal was struck, at last.", "one two three four five six", "abcdefghijklmnopqrstuvwxyz",
                     "Société générale a dit", "x\r\ny\r\nz\r\nw\r\nv\r\nu", "a (b) c: d; e. f, g h i j k l m"] {
            #expect(Excerpt.cut(text, limit: limit) == Excerpt.characterwiseCut(text, limit: limit), "\(text) \(limit)")
        }
    }

    @Test(arguments: [
        "", " ", "a", "a .", "a . .", "x ,y .", " lead", "trail  ", "\u{301} x", "x \u{301}", "crlf\r\n", "tab\t",
        "Société , dit-il .", "e\u{301} .", "a .\u{301}", "two  .", "(a ) .",
    ])
    func scannedTextIsFinishedAsCharacterByCharacter(_ text: String) {
        #expect(Excerpt.finish(Array(text.utf8)) == Excerpt.characterwiseFinish(Array(text.utf8)))
    }

    /// The limit only stops the scan early: an excerpt of any length is the whole text's excerpt cut to it, across
    /// markup, links, accents, combining marks and CJK.
    @Test(arguments: [
        "## Société générale\n\nThe *agency* said [[corp|Corp Ltd]] would **not** sign [@src] — « jamais », dit-il.",
        "- e\u{301}te\u{301} à Tōkyō: 東京都の会議は`延期`された。\n- second | cell",
        "Plain words only, one after another, with no markup at all in them.",
    ])
    func excerptLimitOnlyStopsEarly(_ markdown: String) {
        let whole = Excerpt.plain(markdown, limit: markdown.utf8.count + 1)
        for limit in 1...whole.count + 2 {
            #expect(Excerpt.plain(markdown, limit: limit) == Excerpt.cut(whole, limit: limit), "limit \(limit)")
        }
    }

    @Test func spacesBeforePunctuationGo() {
        #expect("A deal , said the agency .".replacingSpaceBeforePunctuation == "A deal, said the agency.")
    }

    /// Search folds case, accents and wide forms, and cuts CJK text into characters.
    @Test func searchFoldsWordsAndCJK() {
        #expect(SearchIndex.fold("Word\u{2014}Test \u{00AB}ÉTÉ\u{00BB}") == ["word", "test", "ete"])
        #expect(SearchIndex.fold("Ｔｏｋｙｏ 東京都 in") == ["tokyo", "東", "京", "都", "in"])
    }

    /// Folding run by run (only runs with non-ASCII characters go through Foundation) gives the words folding the
    /// whole text at once gives, on random mixes of ASCII, accents, combining marks, quotes, wide forms and CJK.
    @Test func searchFoldsRunByRunAsTheWholeText() {
        let pieces = ["a", "Z", "7", " ", ".", "-", "'", "\u{2019}", "\u{201C}", "\u{2014}", "é", "É", "e\u{301}", "\u{301}",
                      "ß", "İ", "ﬁ", "Ｔ", "１", "東", "か", "한", "Ω", "ø", "\u{00A0}", "\t", "\u{200B}", "²", "Ⅻ"]
        var random = SplitMix64(state: 25)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(SearchIndex.fold(text) == Self.foldWhole(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The words of `text` folded as one string, then split at anything but letters and digits, CJK alone.
    static func foldWhole(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var words: [String] = [], current = ""
        for c in folded.unicodeScalars {
            if SearchIndex.isCJK(c) {
                if !current.isEmpty { words.append(current); current = "" }
                words.append(String(c))
            } else if c.properties.isAlphabetic || c.properties.numericType != nil {
                current.unicodeScalars.append(c)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// The calendar's first-paragraph scan agrees with splitting the whole body.
@Suite struct CalendarParagraphTests {
    @Test(arguments: ["", "one", "one\n\ntwo", "\n\none\n\ntwo", "\n\n\n", "\n\n\n\nx", "a\n\n\n\nb", "é\n\nb", "a\nb\n\nc", "\n", "x\n"])
    func firstParagraphIsSplitsFirst(_ body: String) {
        #expect(ICalendar.firstParagraph(body).map(String.init) == body.split(separator: "\n\n").first.map(String.init))
    }
}

/// The output manifest written directly is byte for byte what `JSONEncoder` writes.
@Suite struct ManifestEncodingTests {
    @Test(arguments: [
        [:],
        ["index.html": "ab"],
        ["b/index.html": "1", "a/index.html": "2", "a-b/x.html": "3", "a/b.html": "4", "A.html": "5", "assets/é.css": "6",
         "assets/z.css": "7", "assets/Z.css": "8"],
        ["b/index.html": "1", "a/index.html": "2", "a-b/x.html": "3", "a/b.html": "4", "A.html": "5", "a_b.html": "6",
         "a.b.html": "7", "assets/Z.css": "8", "assets/z.css": "9", "a~b.html": "10"],
        ["odd \"name\".html": "x", "plain.html": "y"],
        ["tab\there.html": "x"],
    ] as [[String: String]])
    func manifestIsWhatTheEncoderWrites(_ files: [String: String]) throws {
        let manifest = OutputWriter.Manifest(files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        #expect(try manifest.encoded() == encoder.encode(manifest))
    }
}

@testable import DossierSite
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

    @Test func spacesBeforePunctuationGo() {
        #expect("A deal , said the agency .".replacingSpaceBeforePunctuation == "A deal, said the agency.")
    }

    /// Search folds case, accents and wide forms, and cuts CJK text into characters.
    @Test func searchFoldsWordsAndCJK() {
        #expect(SearchIndex.fold("Word\u{2014}Test \u{00AB}ÉTÉ\u{00BB}") == ["word", "test", "ete"])
        #expect(SearchIndex.fold("Ｔｏｋｙｏ 東京都 in") == ["tokyo", "東", "京", "都", "in"])
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

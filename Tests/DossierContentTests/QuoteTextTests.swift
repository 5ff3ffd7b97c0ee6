@testable import DossierContent
import Testing

/// Quotes are found in ASCII and other text alike, and telling the two apart looks at every byte.
@Suite struct QuoteTextTests {
    @Test func anyByteAboveASCIIIsSeenWhereverItIs() {
        for length in 0...20 {
            let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            let allASCII = QuoteText.isASCII(ascii.span)
            #expect(allASCII, "length \(length)")
            for position in 0..<length {
                var other = ascii
                other[position] = 0xC3
                let otherIsASCII = QuoteText.isASCII(other.span)
                #expect(!otherIsASCII, "length \(length), byte \(position)")
            }
        }
    }

    @Test func quotesMatchAcrossSpacingQuotationMarksAndDashes() {
        let ascii = QuoteText("He said:  \"we will\nnot sign\" - today.")
        #expect(ascii.find("said: “we will not sign” – today").map { ascii.text($0) } == "said:  \"we will\nnot sign\" - today")
        let other = QuoteText("Le ministre a dit : « nous ne signerons pas » — hier.")
        #expect(other.find("« nous ne signerons pas » - hier").map { other.text($0) } == "« nous ne signerons pas » — hier")
        #expect(other.find("nous signerons") == nil)
    }

    @Test func quotesShownOnPagesLoseOnlyTheirOwnOuterMarks() {
        #expect(QuoteText.shown("“for a week, no longer.”") == "for a week, no longer.")
        #expect(QuoteText.shown("\"no deal\"") == "no deal")
        #expect(QuoteText.shown("‘I told them, “no deal”’") == "I told them, “no deal”")
        #expect(QuoteText.shown("「買収は続く」") == "買収は続く")
        #expect(QuoteText.shown("'it's over'") == "it's over")
        // Two quotations, or marks that are not the quote's own, stay as written.
        #expect(QuoteText.shown("“yes” and “no”") == "“yes” and “no”")
        #expect(QuoteText.shown("He said “no”") == "He said “no”")
        #expect(QuoteText.shown("“") == "“")
    }

    /// `place(of:at:in:)` must pick the place `occurrencesBefore` and `find(_:occurrence:)` pick together, in a text
    /// that folds alike but is written differently (other spacing and quotation marks, so other scalar offsets).
    @Test func aPlaceFoundInTheSourceIsTheSameOccurrenceInAnotherTextThatFoldsAlike() {
        let source = QuoteText("The \"deal\" was off. Then the deal was on.\n\nLater the  deal was off again; no deal.")
        let page = QuoteText("The “deal” was off.   Then the deal was on.\n\nLater the deal was off again; no deal.")
        #expect(source.foldsLike(page))
        let scalars = Array(source.text.unicodeScalars)
        for quote in ["deal", "the deal", "deal was off", "no deal", "missing words"] {
            for index in 0...scalars.count {
                let expected = page.find(quote, occurrence: source.occurrencesBefore(quote, at: index))
                #expect(source.place(of: quote, at: index, in: page) == expected, "\(quote) at \(index)")
            }
        }
        #expect(!source.foldsLike(QuoteText("The deal was off.")))
    }
}

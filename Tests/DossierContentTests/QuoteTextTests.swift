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
}

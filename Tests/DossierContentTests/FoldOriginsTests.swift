@testable import DossierContent
import DossierTestSupport
import Testing

/// The compact origin map answers exactly as the plain array of origins it replaces.
@Suite struct FoldOriginsTests {
    /// Origins that step by 0, 1, a few, or by hundreds (a long dropped run), across many blocks, with bytes taken
    /// back as folding takes back a trailing space.
    @Test func everyOriginIsTheOneAppended() {
        var generator = SplitMix64(state: 25)
        for round in 0..<40 {
            var map = FoldOrigins(capacity: 0)
            var plain: [Int] = []
            var origin = Int(generator.next() % 3)
            for _ in 0..<Int(generator.next() % 900) {
                switch generator.next() % 20 {
                case 0: origin += 255 + Int(generator.next() % 600)
                case 1, 2: origin += Int(generator.next() % 255)
                case 3, 4, 5: break
                default: origin += 1
                }
                map.append(origin)
                plain.append(origin)
                if generator.next() % 50 == 0 {
                    map.removeLast()
                    plain.removeLast()
                    origin = plain.last ?? 0
                }
            }
            #expect(map.count == plain.count, "round \(round)")
            for (offset, expected) in plain.enumerated() where map[offset] != expected {
                Issue.record("round \(round): byte \(offset) came from \(map[offset]), not \(expected)")
                break
            }
        }
    }

    /// A match after a run of dropped characters longer than a block can span still maps to its own words.
    @Test func aMatchAfterALongDroppedRunIsFoundInItsPlace() {
        let dropped = String(repeating: "\u{200B}", count: 700)
        for text in ["one \(dropped)two three four", "é \(dropped)two three four", "\(String(repeating: "x", count: 63))\(dropped) two three four"] {
            let quoteText = QuoteText(text)
            #expect(quoteText.find("two three four").map { quoteText.text($0) } == "two three four")
        }
    }
}

import DossierModel
import DossierSupport
import Testing

@Suite struct PartialDateTests {
    @Test func parsesEveryPrecision() {
        #expect(PartialDate.parse("2026") == PartialDate(year: 2026))
        #expect(PartialDate.parse("2026-02") == PartialDate(year: 2026, month: 2))
        #expect(PartialDate.parse("2026-02-27") == PartialDate(year: 2026, month: 2, day: 27))
        #expect(PartialDate.parse("2026-02-27T14:30:00Z") == PartialDate(year: 2026, month: 2, day: 27, time: "14:30:00Z"))
        #expect(PartialDate.parse("2026-02-27T14:30+01:00")?.precision == .time)
    }

    @Test func rejectsImpossibleDates() {
        for text in ["2026-13", "2026-02-30", "2025-02-29", "26-02-01", "2026/02/01", "2026-02-27T25:00", "yesterday", ""] {
            #expect(PartialDate.parse(text) == nil, "\(text)")
        }
        #expect(PartialDate.parse("2024-02-29") != nil)
    }

    @Test func formatsForReaders() {
        #expect(PartialDate.parse("2026-02-27")!.formatted() == "27 February 2026")
        #expect(PartialDate.parse("2026-02")!.formatted() == "February 2026")
        #expect(PartialDate.parse("2026")!.formatted() == "2026")
        #expect(PartialDate.parse("2026-02-27")!.formatted(approximate: true) == "about late February 2026")
        #expect(PartialDate.parse("2026-02-12")!.formatted(approximate: true) == "about mid February 2026")
        #expect(PartialDate.parse("2026-02-03")!.formatted(approximate: true) == "about early February 2026")
        #expect(PartialDate.parse("2026-03")!.formatted(approximate: true) == "about March 2026")
        #expect(PartialDate.parse("2026")!.formatted(approximate: true) == "about 2026")
        #expect(PartialDate.parse("2026-02-27T14:30:05Z")!.formatted() == "27 February 2026, 14:30")
        #expect(PartialDate.parse("2026-02-07T14:30Z")!.formatted(approximate: true) == "about early February 2026")
        #expect(PartialDate.parse("2026-02-07T14:30Z")!.description == "2026-02-07T14:30Z")
        #expect(PartialDate(year: 987, month: 3).description == "0987-03")
    }

    @Test func sortsLessPreciseFirst() {
        let dates = ["2026-02-27", "2026", "2026-02", "2025-12-31", "2026-02-27T09:00Z"].compactMap(PartialDate.parse)
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026", "2026-02", "2026-02-27", "2026-02-27T09:00Z"])
    }

    @Test func comparesAsItsFieldsDo() {
        let dates = ["2026", "2026-01", "2026-02", "2026-02-01", "2026-02-27", "2026-02-27T09:00Z", "2026-02-27T09:00:30Z",
                     "2026-02-27T10:00+01:00", "2025-12-31", "2027"].compactMap(PartialDate.parse)
        for a in dates {
            for b in dates {
                #expect((a < b) == ((a.year, a.month ?? 0, a.day ?? 0, a.time ?? "") < (b.year, b.month ?? 0, b.day ?? 0, b.time ?? "")),
                        "\(a) < \(b)")
            }
        }
    }
}

@Suite struct DiagnosticTests {
    @Test func printsLikeACompiler() {
        let d = Diagnostic.error(SourceLocation(path: "Content/actors/a.md", line: 3, column: 7), "unknown actor 'b'", code: "unknown-id")
        #expect(d.description == "Content/actors/a.md:3:7: error: unknown actor 'b'")
        let w = Diagnostic.warning(SourceLocation(path: "Content/site.yml"), "ignored", code: "x")
        #expect(w.description == "Content/site.yml: warning: ignored")
        #expect([d, w].hasErrors)
        #expect(![w].hasErrors)
    }

    @Test func idsAreLowercaseWordsAndDashes() {
        #expect(ItemID.isValid("dario-amodei"))
        #expect(ItemID.isValid("ft-2026-03-05"))
        #expect(!ItemID.isValid("Dario"))
        #expect(!ItemID.isValid("a_b"))
        #expect(!ItemID.isValid(""))
        #expect(!ItemID.isValid("é"))
    }
}

@Suite struct TextBuilderTests {
    @Test(arguments: [0, 7, 10, 99, 100, 2026, 12345, -5, -2026])
    func numbersArePaddedAsStringPaddingDoes(_ n: Int) {
        for width in [1, 2, 4, 6] {
            var text = TextBuilder()
            text.append(n, width: width)
            let digits = String(n)
            #expect(text.text == String(repeating: "0", count: max(0, width - digits.count)) + digits)
        }
    }

    @Test func piecesAreJoinedInOrder() {
        var text = TextBuilder(capacity: 4)
        text.append("café")
        text.append(" — ")
        text.append("x/y/z".split(separator: "/")[1])
        text.append(42)
        #expect(text.text == "café — y42")
    }
}

@Suite struct BlankTextTests {
    @Test(arguments: ["", " ", "\t\n  \n", "\r", "\n\r", "\r\n", " \r\n ", "x", " x ", "\u{A0}", " \u{301}", "<p></p>", "\n\n\r\r"])
    func blankIsWhatTrimmingLeavesEmpty(_ text: String) {
        #expect(text.isBlank == text.trimmingSpaces.isEmpty)
    }
}

@Suite struct UniquedTests {
    @Test(arguments: [0, 1, 5, 16, 17, 40])
    func keepsFirstOccurrencesInOrderAsASetFilterDoes(_ count: Int) {
        let list = (0..<count).map { "id-\(($0 * 7) % max(1, count / 2 + 1))" }
        var seen = Set<String>()
        #expect(list.uniqued() == list.filter { seen.insert($0).inserted })
    }
}

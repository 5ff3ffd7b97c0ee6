@testable import DossierContent
import Foundation
import Testing

/// The loader's byte scans, which pass over words of eight bytes at a time, find what a byte-by-byte scan finds,
/// wherever the byte falls: within a word, across two, or in the bytes after the last.
@Suite struct ByteScanTests {
    @Test func controlsAreFoundAtEveryPositionAndLength() {
        let specials: [[UInt8]] = [[0x0D], [0x07], [0x7F], [0x00], [0x1F], [0x09], [0x0A], [0xC3, 0xA9], [0x20], [0x7E]]
        for length in 1...20 {
            for position in 0..<length {
                for special in specials {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes.replaceSubrange(position..<position + 1, with: special)
                    let carriageReturn = bytes.contains(0x0D)
                    let control = bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
                    let found = TextDecoding.scanControls(Data(bytes))
                    #expect(found.carriageReturn == carriageReturn && found.control == control, "\(special) at \(position) of \(length)")
                }
            }
        }
    }

    @Test func aCarriageReturnBeforeAControlIsStillReported() {
        let found = TextDecoding.scanControls(Data("one\r\ntwo three four\u{7}".utf8))
        #expect(found.carriageReturn && found.control)
    }

    @Test func theLineWithTooManyPipesIsTheOneAPlainScanFinds() {
        let limit = SiteLoader.maxTableColumns
        for (pipesPerLine, padding) in [(limit, 0), (limit + 1, 0), (limit + 1, 3), (limit, 7), (limit + 1, 13)] {
            for lineCount in 1...3 {
                for wide in 0..<lineCount {
                    var text = ""
                    for line in 0..<lineCount {
                        let pipes = line == wide ? pipesPerLine : limit / 2
                        text += String(repeating: "x", count: padding + line) + String(repeating: "| ", count: pipes) + "\n"
                    }
                    let expected = pipesPerLine > limit ? wide + 1 : nil
                    #expect(SiteLoader.lineWithTooManyColumns(text) == expected, "\(pipesPerLine) pipes on line \(wide + 1) of \(lineCount)")
                }
            }
        }
        #expect(SiteLoader.lineWithTooManyColumns("a|b\n|c|") == nil)
        #expect(SiteLoader.lineWithTooManyColumns(String(repeating: "|", count: limit + 1)) == 1)
    }
}

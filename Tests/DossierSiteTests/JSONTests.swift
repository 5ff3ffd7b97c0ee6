@testable import DossierSite
import Foundation
import Synchronization
import Testing

/// JSON strings read back as what was written, and escape exactly what JSON, HTML script elements and JavaScript
/// source need escaped.
@Suite struct JSONTests {
    /// Every control character, every ASCII character, the JavaScript line separators and some multi-byte text.
    static let everything: String = {
        var scalars = (0..<0x80).map { Unicode.Scalar(UInt8($0)) }
        scalars += ["é", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "€", "😀"]
        return String(String.UnicodeScalarView(scalars))
    }()

    @Test(arguments: [false, true])
    func stringsReadBackAsWritten(_ escapingHTML: Bool) throws {
        let text = JSONValue.array([.string(JSONTests.everything), .object([(JSONTests.everything, .int(1))])])
            .serialized(escapingHTML: escapingHTML)
        let read = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any]
        #expect(read?.first as? String == JSONTests.everything)
        #expect((read?.last as? [String: Int])?.keys.first == JSONTests.everything)
    }

    /// A character to escape is escaped wherever it falls in a short string, in JSON and in XML, whose prefilters read
    /// eight bytes at a time: within a word, across two, or in the bytes after the last.
    @Test(arguments: [false, true])
    func escapesAtEveryPositionAndLength(_ escapingHTML: Bool) throws {
        for length in 1...20 {
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{1}", "<", "&", "\u{2028}", "é", "'", "\u{FFFE}"] {
                    var text = Array(repeating: "a", count: length)
                    text[position] = special
                    let string = text.joined()
                    let json = JSONValue.array([.string(string)]).serialized(escapingHTML: escapingHTML)
                    #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] == [string], "\(special) at \(position) of \(length)")
                    #expect(json.contains("<") == (!escapingHTML && special == "<"), "\(special) at \(position) of \(length)")
                    let xml = XML.escape(string)
                    let expected = string.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
                        .replacingOccurrences(of: "\u{1}", with: "").replacingOccurrences(of: "\u{FFFE}", with: "")
                    #expect(xml == expected, "\(special) at \(position) of \(length)")
                }
            }
        }
    }

    @Test(arguments: [false, true])
    func escapesWhatMustBeAndNothingElse(_ escapingHTML: Bool) {
        let text = JSONValue.string(JSONTests.everything).serialized(escapingHTML: escapingHTML)
        let inner = text.unicodeScalars.dropFirst().dropLast()
        #expect(!inner.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(inner.contains { $0 == "<" || $0 == ">" || $0 == "&" } == !escapingHTML)
        #expect(text.contains("\\u2028\\u2029\u{2027}\u{202A}€😀"))
        #expect(text.contains("\\\"") && text.contains("\\\\") && text.contains("\\n") && text.contains("\\u001f"))
        #expect(text.contains("0123456789:;") && text.contains("[\\\\]^_`abc"))
    }

    /// An array whose items are made as they are written reads as the same array made first, compact and pretty, at
    /// any depth and empty, and each item is made once.
    @Test(arguments: [false, true])
    func itemsMadeAsWrittenAreTheArrayMadeFirst(_ pretty: Bool) {
        final class Count: Sendable { let value = Mutex(0) }
        let made = Count()
        let items = ["a", "<b>", JSONTests.everything]
        @Sendable func value(_ s: String) -> JSONValue { .object([("name", .string(s)), ("tags", .array([.int(1), .null]))]) }
        let lazy = JSONValue.object([("none", .each([String](), value)), ("items", .each(items) { s in
            made.value.withLock { $0 += 1 }
            return .array([value(s), .each([s], value)])
        })])
        let eager = JSONValue.object([("none", .array([])), ("items", .array(items.map { .array([value($0), .array([value($0)])]) }))])
        #expect(lazy.bytes(escapingHTML: true, pretty: pretty) == eager.bytes(escapingHTML: true, pretty: pretty))
        #expect(made.value.withLock { $0 } == items.count)
    }
}

import DossierModel
import DossierSupport
import Foundation

/// Turns a content file's bytes into the text the loader reads: UTF-8 with `\n` line ends, no byte-order mark,
/// and no control characters, with each problem reported once at its line and column.
enum TextDecoding {
    /// The text of `data`; bytes that are not UTF-8 are an error at the first of them (and read as U+FFFD, so one
    /// bad byte does not hide the rest of the file's problems); control characters other than tab and newline are
    /// removed with a warning at the first, since they would reach pages, feeds, CSV and calendars.
    static func decode(_ data: Data, path: String, _ diagnostics: inout [Diagnostic]) -> String {
        var text: String
        if let valid = String(validatingUTF8Data: data) {
            text = valid
        } else {
            text = String(decoding: data, as: UTF8.self)
            let offset = firstInvalidByte(data) ?? 0
            let (line, column) = position(ofByte: offset, in: data)
            diagnostics.append(.error(SourceLocation(path: path, line: line, column: column),
                                      String(format: "byte 0x%02X is not UTF-8 text: save the file as UTF-8", data[data.startIndex + offset]),
                                      code: "not-utf8"))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let (carriageReturn, control) = scanControls(data)
        if carriageReturn { text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        if control { text = removingControls(text, path: path, &diagnostics) }
        return text
    }

    /// Whether `data` holds a carriage return, and whether it holds another control character: one pass over the
    /// bytes, which nearly always finds neither (this runs on every content file).
    static func scanControls(_ data: Data) -> (carriageReturn: Bool, control: Bool) {
        var carriageReturn = false, control = false
        // Most words of eight bytes hold none below U+0020 and no DEL, and are passed over at once.
        ByteSpan.forEachCandidate(in: data.span, mayHold: { ByteWord.hasBelow($0, 0x20) | ByteWord.has($0, 0x7F) != 0 }) { _, byte in
            if byte == 0x0D { carriageReturn = true } else if isControl(byte) { control = true }
            return !control
        }
        return (carriageReturn, control)
    }

    private static func isControl(_ byte: UInt8) -> Bool { (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F }

    private static func removingControls(_ text: String, path: String, _ diagnostics: inout [Diagnostic]) -> String {
        let bytes = Array(text.utf8)
        let first = bytes.firstIndex(where: isControl)!
        let count = bytes.count(where: isControl)
        let (line, column) = position(ofByte: first, in: bytes)
        let code = String(format: "U+%04X", bytes[first])
        diagnostics.append(.warning(SourceLocation(path: path, line: line, column: column),
                                    "\(count) control character\(count == 1 ? "" : "s") (\(code)\(count > 1 ? " and others" : "")) "
                                        + "removed: they have no place in text readers see", code: "control-character"))
        return String(decoding: bytes.filter { !isControl($0) }, as: UTF8.self)
    }

    /// The offset of the first byte that does not begin (or continue) a valid UTF-8 sequence.
    static func firstInvalidByte(_ data: Data) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line and column (in characters) of the byte at `offset`.
    static func position<Bytes: BidirectionalCollection<UInt8>>(ofByte offset: Int, in bytes: Bytes) -> (line: Int, column: Int) {
        let before = bytes.prefix(offset)
        let line = before.count { $0 == 0x0A } + 1
        let lineStart = before.lastIndex(of: 0x0A).map { before.index(after: $0) } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }
}

import DossierSupport
import Testing

/// The span scanners the text code shares: every offset and length, against a plain search.
@Suite struct ByteSpanTests {
    @Test func firstIndexFindsTheFirstMatchFromAnyStart() {
        for length in 0..<40 {
            for at in [nil] + Array(0..<length) {
                var bytes = [UInt8](repeating: 0x61, count: length)
                if let at { bytes[at] = 0x0A }
                if let at, at + 9 < length { bytes[at + 9] = 0x0A }
                for start in 0...length {
                    let expected = bytes[start...].firstIndex(of: 0x0A)
                    let found = ByteSpan.firstIndex(of: 0x0A, in: bytes.span, from: start)
                    #expect(found == expected, "\(length) \(String(describing: at)) \(start)")
                }
            }
        }
    }

    @Test func bytesAppendedFromASpanAreCopiedWhole() {
        var out: [UInt8] = [1, 2]
        let more = Array(UInt8(0)..<UInt8(200))
        out.append(span: more.span.extracting(3..<150))
        #expect(out == [1, 2] + Array(more[3..<150]))
    }

    @Test func aWordLoadReadsEightBytesInOrder() {
        let bytes: [UInt8] = [9, 1, 2, 3, 4, 5, 6, 7, 8]
        let word = ByteSpan.load(bytes.span, at: 1)
        #expect(word == 0x0807_0605_0403_0201)
    }
}

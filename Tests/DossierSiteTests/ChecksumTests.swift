@testable import DossierSite
import DossierSupport
import Foundation
import Testing

/// The output manifest's checksum is XXH64 as the reference implementation computes it, and a rebuild writes a file
/// exactly when its bytes change, even when its size stays the same.
@Suite struct ChecksumTests {
    /// Bytes `(i * 37 + 11) % 256` for i = 0, 1, 2, …
    static let pattern: [UInt8] = (0..<800).map { UInt8(($0 * 37 + 11) % 256) }

    /// Values from the reference implementation (Python's `xxhash.xxh64(data).hexdigest()`, xxHash 0.8), at lengths
    /// that reach every branch: the 32-byte stripes, then 8-byte, 4-byte and single-byte tails.
    @Test(arguments: [
        (0, "ef46db3751d8e999"), (1, "f592c0c7639c4cb6"), (3, "22c08528601d4f27"), (4, "fb1e5cf2f1ae4d95"),
        (7, "5613ac510496c04e"), (8, "57cb2b7521f3e21a"), (12, "2f53b00266039e64"), (31, "e4a0e629e519a4ae"),
        (32, "cc6b8aaada790b2d"), (33, "35ec49850475a832"), (36, "bebb6d8c24fb3cfa"), (40, "3b21ed23eea85c2d"),
        (63, "bf9f0ba3cf95b28a"), (64, "155ccce4bf32befc"), (100, "4826e367566ea023"), (771, "f055e0b40cc61f27"),
    ])
    func matchesTheReferenceXXH64(_ length: Int, _ expected: String) {
        #expect(OutputWriter.checksum(Array(ChecksumTests.pattern[..<length])) == expected)
    }

    /// Stripes are loaded 32 bytes at a time from wherever the bytes start: a span that begins at an odd address must
    /// hash as its aligned copy does.
    @Test func bytesAtAnyAlignmentHashAsTheirCopy() {
        let bytes = ChecksumTests.pattern.span.bytes
        for start in 0..<9 {
            for length in [31, 32, 33, 64, 100, 771 - start] {
                let copy = Array(ChecksumTests.pattern[start..<(start + length)])
                #expect(XXH64.hash(bytes.extracting(start..<(start + length))) == XXH64.hash(copy.span.bytes), "\(start), \(length)")
            }
        }
    }

    @Test func knownStringsHaveTheirPublishedValues() {
        #expect(OutputWriter.checksum(Array("a".utf8)) == "d24ec4f1a98c6e5b")
        #expect(OutputWriter.checksum(Array("abc".utf8)) == "44bc2cf5ad770999")
    }

    @Test func sameSizeChangeIsWrittenAndTheManifestFollowsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-checksum-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(folder: folder)
        let page = "a/index.html"
        let first = try writer.write([OutputFile(path: page, bytes: Array("<p>one</p>".utf8))])
        #expect(first.written == 1)
        let second = try writer.write([OutputFile(path: page, bytes: Array("<p>two</p>".utf8))])
        #expect(second.written == 1 && second.unchanged == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8) == "<p>two</p>")
        #expect(writer.readManifest()?.files == [page: OutputWriter.checksum(Array("<p>two</p>".utf8))])
        let third = try writer.write([OutputFile(path: page, bytes: Array("<p>two</p>".utf8))])
        #expect(third.written == 0 && third.unchanged == 1)
    }
}

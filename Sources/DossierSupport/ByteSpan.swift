#if canImport(Glibc)
import Glibc
#endif

/// Byte scanning and copying over `Span<UInt8>`, the bounds-checked view that replaced the pointer loops: one
/// place for the loops that text scanners share.
public enum ByteSpan {
    /// The offset of the first `byte` at or after `start` in `bytes`, or nil. glibc's `memchr` reads 32 bytes a step;
    /// a loop over words of eight took 2.5 % of a clean build's instructions here (quote searches run it over every
    /// source page's text for each cited passage). Safety: the pointer and count come from the span itself, and
    /// `memchr` reads only `start..<count` of it.
    @inlinable
    public static func firstIndex(of byte: UInt8, in bytes: Span<UInt8>, from start: Int) -> Int? {
        guard start >= 0, start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let hit = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
    }

    /// Calls `visit` with each byte of `bytes` that may be of interest and its offset, in order, until it returns
    /// false: every byte of a word of eight that `mayHold` flags (see `ByteWord`), and every byte of the tail
    /// shorter than a word. A word `mayHold` clears is passed over at once, which is what makes a scan for rare
    /// bytes fast; `mayHold` may flag a word for nothing, never miss one.
    @inlinable
    public static func forEachCandidate(in bytes: Span<UInt8>, mayHold: (UInt64) -> Bool, _ visit: (Int, UInt8) -> Bool) {
        var i = 0
        let n = bytes.count
        while i < n {
            if i + 8 <= n, !mayHold(load(bytes, at: i)) {
                i += 8
                continue
            }
            let end = Swift.min(i + 8, n)
            while i < end {
                guard visit(i, bytes[i]) else { return }
                i += 1
            }
        }
    }

    /// The eight bytes at `offset` of `bytes`, the first lowest. The load is bounds-checked; the "unsafe" in its
    /// name is about reading memory as another type, which is harmless for an integer (every bit pattern is one).
    @inlinable @inline(__always)
    public static func load(_ bytes: Span<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}

extension Array where Element == UInt8 {
    /// A copy of `bytes` (see `append(span:)`).
    @inlinable
    public init(copying bytes: Span<UInt8>) {
        self.init()
        append(span: bytes)
    }

    /// Appends a copy of `bytes` (as fast as copying from a buffer pointer: the loop becomes a `memcpy`).
    @inlinable @inline(__always)
    public mutating func append(span bytes: Span<UInt8>) {
        append(addingCapacity: bytes.count) { (out: inout OutputSpan<UInt8>) in
            for k in bytes.indices { out.append(bytes[k]) }
        }
    }
}

/// Tests eight bytes at once for a kind of byte (SIMD within a register), so that searching and escaping loops pass
/// over text a word at a time and look at single bytes only in a word that may hold one.
///
/// Each test says whether some byte of a word has a property; it never misses one, and the loops that use it
/// check every byte of a flagged word again, so a word flagged for nothing costs time, never a wrong result.
public enum ByteWord {
    /// Eight copies of `byte`.
    @inlinable @inline(__always)
    public static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// Nonzero when some byte of `word` is zero.
    @inlinable @inline(__always)
    public static func hasZero(_ word: UInt64) -> UInt64 { (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 }

    /// Nonzero when some byte of `word` is `byte`.
    @inlinable @inline(__always)
    public static func has(_ word: UInt64, _ byte: UInt8) -> UInt64 { hasZero(word ^ repeated(byte)) }

    /// Nonzero when some byte of `word` is below `limit`, which is at most 0x80.
    @inlinable @inline(__always)
    public static func hasBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 { (word &- repeated(limit)) & ~word & 0x8080_8080_8080_8080 }
}

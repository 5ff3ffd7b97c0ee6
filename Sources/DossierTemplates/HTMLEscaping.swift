/// The bytes `{{x}}` escapes in HTML, shared with the build's own markup helpers so both escape alike.
public enum HTMLEscaping {
    /// Whether `b` is one of `&` `<` `>` `"` `'`: one bit per character, and every byte above `>` (0x3E) is plain.
    @inlinable @inline(__always)
    public static func isSpecial(_ b: UInt8) -> Bool {
        b <= 0x3E && (specialMask >> UInt64(b)) & 1 != 0
    }

    /// Bits set for `"` (0x22), `&` (0x26), `'` (0x27), `<` (0x3C) and `>` (0x3E).
    @usableFromInline
    static let specialMask: UInt64 = (1 << 0x22) | (1 << 0x26) | (1 << 0x27) | (1 << 0x3C) | (1 << 0x3E)
}

/// Tests eight bytes at once for bytes that need escaping (SIMD within a register), so that escaping loops pass
/// over clean text a word at a time and look at single bytes only in a word that may hold one.
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

    /// The eight bytes at `offset` of `bytes`, in memory order (the first byte lowest on little-endian machines;
    /// the tests above do not depend on the order).
    @inlinable @inline(__always)
    public static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self)
    }

    /// Nonzero when some byte of `word` is one of `&` `<` `>` `"` `'`, the characters HTML escapes.
    @inlinable @inline(__always)
    public static func hasHTMLSpecial(_ word: UInt64) -> UInt64 {
        has(word, 0x26) | has(word, 0x3C) | has(word, 0x3E) | has(word, 0x22) | has(word, 0x27)
    }
}

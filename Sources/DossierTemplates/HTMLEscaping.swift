import DossierSupport

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

/// The word tests the template renderer and the XML escaper use beside DossierSupport's.
extension ByteWord {
    /// The eight bytes at `offset` of `bytes`, in memory order (the first byte lowest on little-endian machines;
    /// `ByteWord`'s tests do not depend on the order).
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

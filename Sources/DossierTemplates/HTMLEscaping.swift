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

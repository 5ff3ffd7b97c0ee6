/// XXH64 (xxHash, 64-bit, seed 0): the checksum the output manifest keeps for each file, and the digest the load
/// cache keeps for each content file.
///
/// Both only tell a build whether bytes it has seen before are the same again (sizes are compared too), so they need
/// to catch accidental change, not resist forgery. XXH64 does that at memory speed, where SHA-256 cost about a
/// twentieth of a clean build's CPU. The algorithm and its constants are those of the reference implementation
/// (`xxhash.h`, XXH64), so any xxHash tool gives the same values.
public enum XXH64 {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The checksum of `bytes` as 16 lowercase hex digits.
    public static func hex(_ bytes: Span<UInt8>) -> String {
        let value = hash(bytes.bytes)
        var digits = InlineArray<16, UInt8>(repeating: 0)
        for i in 0..<16 {
            let digit = UInt8(truncatingIfNeeded: (value >> UInt64(60 - 4 * i)) & 0xF)
            digits[i] = digit < 10 ? 0x30 + digit : 0x57 + digit
        }
        return String(copying: try! UTF8Span(validating: digits.span))
    }

    /// The XXH64 of `bytes` with seed 0.
    ///
    /// Words are read with `RawSpan.unsafeLoadUnaligned`, which is bounds-checked: its "unsafe" is about reading
    /// memory as another type, harmless for an integer or a vector of them, which every bit pattern is.
    public static func hash(_ bytes: RawSpan) -> UInt64 {
        let count = bytes.byteCount
        let base = bytes
        var offset = 0
        var h: UInt64
        if count >= 32 {
            var v1 = p1 &+ p2, v2 = p2, v3: UInt64 = 0, v4: UInt64 = 0 &- p1
            while offset + 32 <= count {
                // The stripe's four words in one load: one bounds check per 32 bytes instead of four.
                let stripe = base.unsafeLoadUnaligned(fromByteOffset: offset, as: SIMD4<UInt64>.self)
                v1 = round(v1, stripe[0].littleEndian)
                v2 = round(v2, stripe[1].littleEndian)
                v3 = round(v3, stripe[2].littleEndian)
                v4 = round(v4, stripe[3].littleEndian)
                offset += 32
            }
            h = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = p5
        }
        h &+= UInt64(count)
        while offset + 8 <= count {
            h ^= round(0, base.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
            h = rotate(h, 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= count {
            h ^= UInt64(base.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian) &* p1
            h = rotate(h, 23) &* p2 &+ p3
            offset += 4
        }
        while offset < count {
            h ^= UInt64(base.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt8.self)) &* p5
            h = rotate(h, 11) &* p1
            offset += 1
        }
        return avalanche(h)
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* p2, 31) &* p1
    }

    @inline(__always)
    private static func merge(_ accumulator: UInt64, _ value: UInt64) -> UInt64 {
        (accumulator ^ round(0, value)) &* p1 &+ p4
    }

    @inline(__always)
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }
}

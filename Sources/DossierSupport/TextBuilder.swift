/// Builds text from pieces as UTF-8 bytes and makes one `String` at the end.
///
/// `String.append` costs a few hundred instructions a call in this toolchain (small-string checks, growth,
/// ASCII flags), which adds up where text is assembled piece by piece for thousands of pages; copying bytes costs
/// a few dozen.
public struct TextBuilder {
    /// The bytes so far.
    @usableFromInline var bytes: [UInt8] = []

    /// An empty builder with room for `capacity` bytes.
    public init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    /// A builder that goes on from `bytes` (UTF-8), taking them without a copy.
    public init(bytes: consuming [UInt8]) {
        self.bytes = bytes
    }

    /// Appends a string's UTF-8 bytes.
    @inlinable
    public mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends a substring's UTF-8 bytes.
    @inlinable
    public mutating func append(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends a number in decimal, with leading zeros up to `width` digits (as `String(n)` padded on the left).
    public mutating func append(_ n: Int, width: Int = 1) {
        guard n >= 0 else {
            let digits = String(n)
            for _ in 0..<max(0, width - digits.utf8.count) { bytes.append(UInt8(ascii: "0")) }
            append(digits)
            return
        }
        var divisor = 1
        var length = 1
        while n / divisor >= 10 { divisor *= 10; length += 1 }
        for _ in 0..<max(0, width - length) { bytes.append(UInt8(ascii: "0")) }
        var rest = n
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// The text built.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text built, as UTF-8 bytes: for text written out as bytes, with no `String` made.
    public consuming func utf8() -> [UInt8] { bytes }
}

import DossierSupport

/// The growable byte buffer a render appends into: one allocation per render (sized from a hint),
/// and appends that are a bounds check plus a `memcpy`, cheaper than `[UInt8].append(contentsOf:)`.
struct OutputBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends `length` bytes starting at `start`.
    @inline(__always)
    mutating func append(_ start: UnsafePointer<UInt8>, _ length: Int) {
        if length <= 0 { return }
        if count + length > capacity { grow(toAtLeast: count + length) }
        (base + count).initialize(from: start, count: length)
        count += length
    }

    /// Appends the bytes of a buffer.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let start = bytes.baseAddress { append(start, bytes.count) }
    }

    /// Appends the bytes of an array.
    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a string's UTF-8 bytes.
    @inline(__always)
    mutating func append(_ string: String) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { append($0) }
        if done == nil {
            var copy = string
            copy.withUTF8 { append($0) }
        }
    }

    /// Appends a string's UTF-8 bytes, HTML-escaped.
    @inline(__always)
    mutating func appendEscaped(_ string: String) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if done == nil {
            var copy = string
            copy.withUTF8 { appendEscaped($0) }
        }
    }

    /// Appends `source`, replacing `&` `<` `>` `"` `'` with `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`;
    /// unescaped runs are copied whole.
    mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        let n = source.count
        var runStart = 0
        var i = 0
        while i < n {
            // Clean text is passed over eight bytes at a time; a word that may hold a special byte, and the last
            // few bytes, are looked at one by one.
            var end = n
            if i + 8 <= n {
                if ByteWord.hasHTMLSpecial(ByteWord.load(source, at: i)) == 0 {
                    i += 8
                    continue
                }
                end = i + 8
            }
            while i < end {
                let b = start[i]
                if HTMLEscaping.isSpecial(b) {
                    append(start + runStart, i - runStart)
                    let replacement: StaticString
                    switch b {
                    case 0x26: replacement = "&amp;"
                    case 0x3C: replacement = "&lt;"
                    case 0x3E: replacement = "&gt;"
                    case 0x22: replacement = "&quot;"
                    default: replacement = "&#39;"
                    }
                    append(replacement.utf8Start, replacement.utf8CodeUnitCount)
                    runStart = i + 1
                }
                i += 1
            }
        }
        append(start + runStart, n - runStart)
    }

    /// Doubles the buffer, or, for one append more than doubling holds (a long page body), makes room for it and a
    /// sixteenth more (at least the old capacity), so the little that follows (the rest of the page) fits without
    /// doubling a buffer that large: a 20 MB body took a 41 MB buffer, now 22 MB. Each growth at least doubles.
    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = needed > capacity * 2 ? needed + max(capacity, needed / 16) : capacity * 2
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Calls `body` with the bytes appended so far, without copying them.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes appended so far.
    func makeBytes() -> [UInt8] {
        withBytes { Array($0) }
    }

    /// The bytes appended so far, as a string.
    func makeString() -> String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }
}

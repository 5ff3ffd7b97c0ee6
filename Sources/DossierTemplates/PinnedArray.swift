/// An array whose elements stay at one address from the time they are added until the array goes: the one place
/// in DossierTemplates that holds memory the renderer reads without a reference count.
///
/// Safety argument (unsafe code kept inside this one owning type): the elements live in memory this object
/// allocates, initialises and frees itself (in `deinit`), so an address into it is valid for exactly as long as
/// the object lives and is not changed. Changes (`append`, `remove`, setting an element) are made only by an owner
/// that holds the sole reference (`TemplateObject` checks `isKnownUniquelyReferenced` before it changes one, and a
/// template's node memory is never changed after parsing), so no other thread can see an array while it changes,
/// which is why it is declared Sendable (unchecked) when its elements are `Sendable`. Readers that go without a
/// reference count (`Unretained`, `InPlace`, `ValueRef`, all in this file) are used only while an owner keeps it
/// alive and unchanged: a render holds its root value and its library for the whole render and changes neither.
final class PinnedArray<Element> {
    private var start: UnsafeMutablePointer<Element>
    /// The number of elements.
    private(set) var count: Int
    private var capacity: Int

    /// An empty array with room for `capacity` elements.
    init(minimumCapacity capacity: Int) {
        self.capacity = max(capacity, 1)
        start = .allocate(capacity: self.capacity)
        count = 0
    }

    /// An array holding a copy of `elements`.
    convenience init(_ elements: [Element]) {
        self.init(minimumCapacity: elements.count)
        for element in elements { append(element) }
    }

    deinit {
        start.deinitialize(count: count)
        start.deallocate()
    }

    /// The element at `i`; setting it is for the sole owner only.
    @inline(__always)
    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "index out of range")
            return start[i]
        }
        set {
            precondition(i >= 0 && i < count, "index out of range")
            start[i] = newValue
        }
    }

    /// Adds `element` at the end (for the sole owner only), doubling the room when it is full.
    func append(_ element: Element) {
        if count == capacity { reallocate(capacity: capacity * 2) }
        (start + count).initialize(to: element)
        count += 1
    }

    /// Removes the element at `i` (for the sole owner only), moving the later ones down.
    func remove(at i: Int) {
        precondition(i >= 0 && i < count, "index out of range")
        (start + i).deinitialize(count: 1)
        (start + i).moveInitialize(from: start + i + 1, count: count - i - 1)
        count -= 1
    }

    /// A copy with room for at least `minimumCapacity` elements (for a change to an array that is shared).
    func copy(minimumCapacity: Int = 0) -> PinnedArray {
        let copy = PinnedArray(minimumCapacity: max(minimumCapacity, count))
        copy.start.initialize(from: start, count: count)
        copy.count = count
        return copy
    }

    private func reallocate(capacity newCapacity: Int) {
        let newStart = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newStart.moveInitialize(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }

    /// The elements where they are, read without a reference count while this array lives unchanged.
    @inline(__always)
    var inPlace: InPlace<Element> { InPlace(elements: UnsafeBufferPointer(start: start, count: count)) }
}

extension PinnedArray: @unchecked Sendable where Element: Sendable {}

/// A reference to a `Sendable` object that takes no reference count, for what a render reads most: valid while
/// something else keeps the object alive (see `PinnedArray`). `Sendable`, since its object is.
struct Unowned<Object: AnyObject & Sendable>: Sendable {
    private let object: Unmanaged<Object>

    /// A reference to `object`, which the caller keeps alive for as long as this is used.
    init(_ object: Object) { self.object = .passUnretained(object) }

    /// Calls `body` with the object, taking no reference count.
    @inline(__always)
    func read<R>(_ body: (Object) -> R) -> R { object._withUnsafeGuaranteedRef(body) }
}

/// A `PinnedArray` held without a reference count, for the template nodes a render walks (copying a strong
/// reference costs a retain and a release). Valid while the array's owner (a template's `NodeStore`) lives.
struct Unretained<Element: Sendable>: Sendable, RandomAccessCollection {
    private let array: Unowned<PinnedArray<Element>>

    /// A view of `array`, which the caller keeps alive for as long as the view is used.
    init(_ array: PinnedArray<Element>) { self.array = Unowned(array) }

    var startIndex: Int { 0 }

    @inline(__always)
    var endIndex: Int { array.read { $0.count } }

    @inline(__always)
    subscript(i: Int) -> Element { array.read { $0[i] } }

    /// The elements where they are, their address and count read once: for a loop over a list of nodes.
    @inline(__always)
    var inPlace: InPlace<Element> { array.read { $0.inPlace } }

    /// The first element, read in place (a node payload kept alone in its array, never empty): reading one of
    /// its fields copies that field only.
    @inline(__always)
    var payload: Element {
        unsafeAddress { array.read { $0.inPlace.elements.baseAddress! } }
    }
}

/// The elements of a `PinnedArray`, read in place; valid while the array lives unchanged.
struct InPlace<Element> {
    fileprivate let elements: UnsafeBufferPointer<Element>

    /// No elements.
    static var empty: InPlace { InPlace(elements: UnsafeBufferPointer(start: nil, count: 0)) }

    /// The number of elements.
    @inline(__always)
    var count: Int { elements.count }

    /// The element at `i` (`0 ..< count`; the loops that read them go no further).
    @inline(__always)
    subscript(i: Int) -> Element { elements[i] }
}

extension InPlace where Element == UInt8 {
    /// Appends the bytes `range` (within `0 ..< count`) to `out`.
    @inline(__always)
    func append(_ range: Range<Int>, to out: inout OutputBuffer) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        out.append(elements.baseAddress! + range.lowerBound, range.count)
    }
}

extension InPlace where Element == TemplateObject.Entry {
    /// Where the value of entry `i` (`0 ..< count`) is.
    @inline(__always)
    func value(at i: Int) -> ValueRef { ValueRef(pointer: (elements.baseAddress! + i).pointer(to: \.value)!) }
}

/// Where a value is, read in place without a reference count: in an object's entries (a `PinnedArray`), in a list
/// while a render walks it, or the root of a render. Made only in this file, by `InPlace` and the two functions
/// below, each of which keeps the value alive and unchanged for as long as a `ValueRef` to it is used.
struct ValueRef {
    fileprivate let pointer: UnsafePointer<TemplateValue>

    /// The value, read in place.
    @inline(__always)
    var value: TemplateValue { unsafeAddress { pointer } }

    /// Calls `body` with a reference to `root`, valid during the call.
    @inline(__always)
    static func with<E: Error>(_ root: TemplateValue, _ body: (ValueRef) throws(E) -> Void) throws(E) {
        try withUnsafePointer(to: root) { (pointer) throws(E) in try body(ValueRef(pointer: pointer)) }
    }

    /// Calls `body` with a reference to each of `items` in turn, valid during that call.
    @inline(__always)
    static func forEach<E: Error>(in items: [TemplateValue], _ body: (ValueRef) throws(E) -> Void) throws(E) {
        try items.withUnsafeBufferPointer { (items) throws(E) in
            guard let first = items.baseAddress else { return }
            for j in items.indices { try body(ValueRef(pointer: first + j)) }
        }
    }
}

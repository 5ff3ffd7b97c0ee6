import Foundation

/// A value a template renders: a typed tree (no `Any`), so rendering never needs reflection.
///
/// Truthiness (for `{{#x}}` and `{{^x}}`): `.bool(false)`, `.null`, an empty `.list`, and an empty
/// `.string` or `.html` are falsey; everything else (including the number 0 and every object) is truthy.
/// The Mustache spec leaves empty strings to the implementation and has no case for them; treating
/// them as falsey lets `{{#subtitle}}…{{/subtitle}}` hide an empty field.
public enum TemplateValue: Sendable, Equatable {
    /// Text, HTML-escaped by `{{x}}` and written as is by `{{{x}}}` and `{{&x}}`.
    case string(String)
    /// A number; integral values render without a fraction (`1.0` renders as `1`).
    case number(Double)
    /// A boolean; renders as `true` or `false` when interpolated.
    case bool(Bool)
    /// A list; a section iterates over it, pushing each item onto the context stack.
    case list([TemplateValue])
    /// A map of names to values; a section pushes it onto the context stack, where names are looked up.
    case object(TemplateObject)
    /// Pre-rendered HTML, never escaped, even by `{{x}}`.
    case html(String)
    /// No value: falsey, renders as nothing, and counts as a resolved name in strict mode.
    case null
}

extension TemplateValue {
    /// Converts the output of `JSONSerialization` (or any tree of Foundation/Swift scalars, arrays and
    /// dictionaries) into a value; JSON booleans become `.bool` and never `.number`, even on Linux.
    public init(json: Any) {
        if type(of: json) == Bool.self, let b = json as? Bool {
            self = .bool(b)
            return
        }
        switch json {
        case let s as String:
            self = .string(s)
        case let n as NSNumber:
            if TemplateValue.isBoolean(n) {
                self = .bool(n.boolValue)
            } else {
                self = .number(n.doubleValue)
            }
        case is NSNull:
            self = .null
        case let a as [Any]:
            self = .list(a.map { TemplateValue(json: $0) })
        case let d as [String: Any]:
            var object = TemplateObject(minimumCapacity: d.count)
            for (key, value) in d {
                object[TemplateKey(key)] = TemplateValue(json: value)
            }
            self = .object(object)
        case let a as NSArray:
            self = .list(a.map { TemplateValue(json: $0) })
        case let d as NSDictionary:
            var object = TemplateObject()
            for (key, value) in d {
                object[TemplateKey(String(describing: key))] = TemplateValue(json: value)
            }
            self = .object(object)
        case let v as TemplateValue:
            self = v
        default:
            // `Optional.none` wrapped in `Any` is null; a scalar JSON never produces becomes its text.
            if let optional = json as? any OptionalValue, optional.isNone {
                self = .null
            } else {
                self = .string(String(describing: json))
            }
        }
    }

    /// Whether an `NSNumber` holds a boolean: `JSONSerialization` returns the shared CFBoolean
    /// instances for `true`/`false`, whose class differs from every other number's (Linux and Darwin).
    private static func isBoolean(_ n: NSNumber) -> Bool {
        let booleanClass = type(of: NSNumber(value: true))
        if type(of: n) == booleanClass { return true }
        #if canImport(Darwin)
        return CFGetTypeID(n) == CFBooleanGetTypeID()
        #else
        return false
        #endif
    }
}

extension TemplateValue {
    /// Whether a section `{{#x}}` renders (and an inverted section `{{^x}}` does not).
    @inlinable
    public var isTruthy: Bool {
        switch self {
        case .bool(let b): return b
        case .null: return false
        case .list(let items): return !items.isEmpty
        case .string(let s): return !s.isEmpty
        case .html(let s): return !s.isEmpty
        case .number, .object: return true
        }
    }

    /// The text `{{x}}` writes for a number: integers without a fraction, others in Swift's shortest form.
    public static func format(number d: Double) -> String {
        if d.isFinite, d.rounded(.towardZero) == d, abs(d) < 1e15 {
            return String(Int64(d))
        }
        return d.description
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    /// A string literal is a `.string` value, so test data and defaults read naturally.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    /// An array literal is a `.list` value.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A dictionary literal is an `.object` value; for a repeated key the last value wins.
    public init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        var object = TemplateObject(minimumCapacity: elements.count)
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    /// A boolean literal is a `.bool` value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    /// An integer literal is a `.number` value.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
    /// A floating-point literal is a `.number` value.
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Lets `TemplateValue(json:)` recognise an `Optional.none` hidden inside an `Any`.
private protocol OptionalValue {
    var isNone: Bool { get }
}

extension Optional: OptionalValue {
    fileprivate var isNone: Bool { self == nil }
}

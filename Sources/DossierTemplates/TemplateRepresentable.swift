/// A value a template can show: a typed view turns itself into the `TemplateValue` tree the renderer reads.
///
/// Page views are small typed structs, one per thing a template shows; each spells its template names in one
/// place, its `templateValue`, so what a template may name is found by reading one type instead of string-keyed
/// literals scattered through the code that reads the model.
public protocol TemplateRepresentable {
    /// This value as a template sees it.
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
    /// A template value is already what a template reads.
    @inlinable public var templateValue: TemplateValue { self }
}

extension String: TemplateRepresentable {
    /// Text, escaped where the template writes it with `{{x}}`.
    @inlinable public var templateValue: TemplateValue { .string(self) }
}

extension Bool: TemplateRepresentable {
    /// A flag, for `{{#x}}` and `{{^x}}`.
    @inlinable public var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    /// A count or a number, written without a fraction.
    @inlinable public var templateValue: TemplateValue { .number(Double(self)) }
}

extension Double: TemplateRepresentable {
    /// A number.
    @inlinable public var templateValue: TemplateValue { .number(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    /// The wrapped value, or `null` when there is none: every name a template may use is always present.
    @inlinable public var templateValue: TemplateValue {
        switch self {
        case .some(let value): value.templateValue
        case .none: .null
        }
    }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    /// A list of the elements' values, which a section iterates over.
    @inlinable public var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

/// Markup made before rendering (a chart, a Markdown body), written as it is even by `{{x}}`.
public struct HTMLText: TemplateRepresentable, Sendable, Equatable {
    /// The markup.
    public let html: String

    /// Wraps markup the build made itself; it is never escaped.
    @inlinable public init(_ html: String) { self.html = html }

    /// The markup as an `.html` value.
    @inlinable public var templateValue: TemplateValue { .html(html) }
}

/// A view already turned into its template value, typed by the view it came from: a build makes the views many
/// pages share (an actor's link, an event's summary) once, and each page takes the value without making it again.
public struct SharedView<View: TemplateRepresentable>: TemplateRepresentable, Sendable {
    /// The view's value, made once.
    public let templateValue: TemplateValue

    /// Turns `view` into its value now.
    @inlinable public init(_ view: View) { templateValue = view.templateValue }
}

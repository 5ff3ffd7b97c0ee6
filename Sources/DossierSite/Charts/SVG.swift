import DossierModel

/// Small helpers for writing inline SVG: numbers with one decimal, escaped text, and the shape that
/// stands for each stance position (so a position never depends on colour alone).
enum SVG {
    /// `v` with at most one decimal, as SVG attributes want it (`12`, `12.5`).
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Escaped SVG text.
    static func text(_ s: String) -> String { XML.escape(s) }

    /// `s` shortened to at most `max` characters with an ellipsis.
    static func truncated(_ s: String, _ max: Int) -> String {
        s.count <= max ? s : String(s.prefix(max - 1)).trimmingSpaces + "…"
    }

    /// The opening `<svg>` tag of a picture named by its `<title>` and described by its `<desc>`. Its marks are
    /// links, so it keeps the SVG document role rather than `img`, whose parts a screen reader could not reach.
    static func open(id: String, width: Double, height: Double, title: String, desc: String, cssClass: String) -> String {
        "<svg class=\"chart \(cssClass)\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" style=\"min-width:\(n(minWidth(width)))px\" aria-labelledby=\"\(id)-title\" aria-describedby=\"\(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(text(title))</title><desc id=\"\(id)-desc\">\(text(desc))</desc>"
    }

    /// The narrowest a picture `width` wide may be drawn: its 12 px labels stay at least 11 px; a narrower
    /// container scrolls it instead.
    static func minWidth(_ width: Double) -> Double { (width * 11 / 12).rounded(.up) }

    /// `content` as a link to `href`, named by `title` (its tooltip and accessible name).
    static func link(href: String, title: String, cssClass: String = "mark-link", _ content: String) -> String {
        "<a class=\"\(cssClass)\" href=\"\(XML.escape(href))\" aria-label=\"\(XML.escape(title))\"><title>\(text(title))</title>\(content)</a>"
    }

    /// A `<text>` element: `shown` at (`x`, `y`), with the full text as its `<title>` when `shown` was shortened.
    static func label(_ shown: String, full: String, x: Double, y: Double, cssClass: String, anchor: ChartText.Anchor = .start,
                      extra: String = "") -> String {
        let anchorAttr = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        let title = shown == full ? "" : "<title>\(text(full))</title>"
        return "<text class=\"\(cssClass)\" x=\"\(n(x))\" y=\"\(n(y))\"\(anchorAttr)\(extra)>\(title)\(text(shown))</text>"
    }

    /// A shape and glyph for `position` centred at (`x`, `y`) with radius `r`: a circle with + (supports), a square
    /// with − (opposes), a diamond with ± (mixed), a circle with = (neutral), a circle with ? (unclear).
    static func positionMark(_ position: Stance.Position, x: Double, y: Double, r: Double) -> String {
        let cls = "mark mark-\(position.rawValue)"
        let shape: String
        switch position {
        case .oppose:
            shape = "<rect class=\"\(cls)\" x=\"\(n(x - r))\" y=\"\(n(y - r))\" width=\"\(n(2 * r))\" height=\"\(n(2 * r))\" rx=\"1.5\"/>"
        case .mixed:
            let d = r * 1.25
            shape = "<path class=\"\(cls)\" d=\"M\(n(x)) \(n(y - d))L\(n(x + d)) \(n(y))L\(n(x)) \(n(y + d))L\(n(x - d)) \(n(y))Z\"/>"
        default:
            shape = "<circle class=\"\(cls)\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\"/>"
        }
        let glyph: String = switch position {
        case .support: "+"
        case .oppose: "−"
        case .mixed: "±"
        case .neutral: "="
        case .unclear: "?"
        }
        return shape + "<text class=\"mark-glyph\" x=\"\(n(x))\" y=\"\(n(y + r * 0.42))\" text-anchor=\"middle\" font-size=\"\(n(r * 1.3))\">\(glyph)</text>"
    }
}

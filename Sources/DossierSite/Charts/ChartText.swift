/// Text measured before it is drawn, so pictures can place labels where they fit instead of hoping.
///
/// Widths are estimated from DejaVu Sans, the widest of the sans-serif faces the theme falls back to, so
/// real text is at most as wide as its estimate; boxes span the font's full ascent and descent, as a
/// browser's `getBBox` does.
enum ChartText {
    /// Advance widths of printable ASCII (32…126) in DejaVu Sans, in 1/2048 em.
    private static let ascii: [Int] = [
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
        1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
        1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    ]

    /// The estimated width of `s` drawn at `size` px, bold or not, with a small margin.
    static func width(_ s: String, size: Double, bold: Bool = false) -> Double {
        var units = 0
        for scalar in s.unicodeScalars {
            let v = Int(scalar.value)
            if v >= 32 && v < 127 { units += ascii[v - 32] } else if v >= 0x2000 && v <= 0x206F { units += 2048 } else { units += 1500 }
        }
        return Double(units) / 2048 * size * (bold ? 1.12 : 1) * 1.04
    }

    /// The box of a text drawn with its baseline at `y`, anchored at `x` (`start`, `middle` or `end`).
    static func box(_ s: String, x: Double, y: Double, size: Double, bold: Bool = false, anchor: Anchor = .start) -> Box {
        let w = width(s, size: size, bold: bold)
        let left: Double = switch anchor {
        case .start: x
        case .middle: x - w / 2
        case .end: x - w
        }
        return Box(x: left, y: y - 0.93 * size, width: w, height: 1.17 * size)
    }

    /// Where a text's `x` is: its start, its middle or its end.
    enum Anchor: String { case start, middle, end }

    /// `s` cut at a word, or failing that a character, so it fits `maxWidth` with an ellipsis; `s` if it fits.
    static func fitted(_ s: String, maxWidth: Double, size: Double, bold: Bool = false) -> String {
        guard width(s, size: size, bold: bold) > maxWidth else { return s }
        var chars = Array(s)
        while !chars.isEmpty && width(String(chars) + "…", size: size, bold: bold) > maxWidth { chars.removeLast() }
        return String(chars).trimmingSpaces + "…"
    }

    /// `s` broken at spaces into lines no wider than `maxWidth`, at most `maxLines`; the last is cut to fit.
    static func wrapped(_ s: String, maxWidth: Double, size: Double, bold: Bool = false, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || width(candidate, size: size, bold: bold) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            let rest = lines[(maxLines - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(maxLines - 1)) + [rest]
        }
        return lines.map { fitted($0, maxWidth: maxWidth, size: size, bold: bold) }
    }
}

/// An axis-aligned rectangle in a picture's coordinates.
struct Box: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    /// Whether the two boxes overlap, counting `gap` around each as taken.
    func intersects(_ other: Box, gap: Double = 0) -> Bool {
        x - gap < other.x + other.width && other.x - gap < x + width
            && y - gap < other.y + other.height && other.y - gap < y + height
    }

    /// Whether the box lies inside `0…width × 0…height`, `margin` in from each edge.
    func inside(width w: Double, height h: Double, margin: Double = 1) -> Bool {
        x >= margin && y >= margin && x + width <= w - margin && y + height <= h - margin
    }
}

/// The room left for labels in one picture: boxes are claimed as labels and marks are placed, and a new label
/// goes to the first of its candidate places that is inside the picture and free.
struct LabelSpace {
    let width: Double
    let height: Double
    /// Space kept clear around every box.
    var gap = 2.0
    private(set) var taken: [Box] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Whether `box` is inside the picture and clear of everything claimed.
    func isFree(_ box: Box) -> Bool {
        box.inside(width: width, height: height) && !taken.contains { $0.intersects(box, gap: gap) }
    }

    /// Marks `box` as taken (a mark or a label drawn regardless).
    mutating func claim(_ box: Box) { taken.append(box) }

    /// The index of the first free candidate, which is claimed; nil when none is free.
    mutating func place(_ candidates: [Box]) -> Int? {
        guard let i = candidates.firstIndex(where: isFree) else { return nil }
        claim(candidates[i])
        return i
    }
}

/// The result of parsing Markdown once: HTML with a placeholder where each
/// reference was, plus the references found and the document's plain text.
///
/// cmark-gfm's syntax tree is made of C pointers and cannot cross
/// concurrency domains, so everything the caller needs is extracted into
/// this `Sendable` value. The caller later decides what each reference
/// renders as and fills the placeholders in one pass with ``html(_:)``,
/// without parsing the Markdown a second time.
public struct MarkdownDocument: Sendable, Hashable {
    /// The references found, in source order (by line, then column).
    /// Placeholder `i` in ``htmlTemplate`` stands for `references[i]`.
    public let references: [LocatedReference]

    /// Every `[@` in the text that does not begin a citation Dossier understood, in source order.
    public let strayCitations: [StrayCitation]

    /// The text a reader sees: text and code, soft breaks as spaces, hard
    /// breaks as newlines, blocks separated by `"\n\n"` (table cells by tabs,
    /// rows by newlines). A link reference appears as its label or target; a
    /// citation is omitted entirely. Raw HTML, images and footnote markers
    /// are omitted. Used to check quotes against what readers actually read.
    /// Empty when the document was parsed with ``MarkdownOptions/plainText`` false.
    public var plainText: String {
        guard !references.isEmpty || PlaceholderToken.containsReserved(utf8: plainTemplate.utf8.span) else { return plainTemplate }
        return PlaceholderToken.substitute(in: plainTemplate) { index in
            references.indices.contains(index) ? references[index].reference.plainText : ""
        }
    }

    /// The plain text with placeholders, filled on demand: only sources need the plain text.
    let plainTemplate: String

    /// The rendered HTML in which each reference is replaced by a placeholder
    /// token (U+FDD0, the reference index in decimal, U+FDD1). Exposed for
    /// tests and debugging; use ``html(_:)`` to produce real output.
    public let htmlTemplate: String

    /// `htmlTemplate` between its placeholders (`slots.count + 1` pieces): byte ranges of it, or copies when a
    /// stray reserved character had to be replaced.
    private enum Pieces: Sendable, Hashable {
        case ranges([Range<Int>])
        case copies([String])
    }

    private let pieces: Pieces
    /// Reference index of each placeholder, in output order (footnotes are
    /// rendered at the end, so output order may differ from source order).
    let slots: [Int]

    init(references: [LocatedReference], strayCitations: [StrayCitation] = [], plainTemplate: String, htmlTemplate: String) {
        self.references = references
        self.strayCitations = strayCitations
        self.plainTemplate = plainTemplate
        self.htmlTemplate = htmlTemplate
        if let located = PlaceholderToken.locate(htmlTemplate, referenceCount: references.count) {
            pieces = .ranges(located.ranges)
            slots = located.slots
        } else {
            let split = PlaceholderToken.split(htmlTemplate, referenceCount: references.count)
            pieces = .copies(split.pieces)
            slots = split.slots
        }
    }

    /// Piece `k` of the template, between placeholders `k - 1` and `k`.
    private func piece(_ k: Int) -> Substring {
        switch pieces {
        case .ranges(let ranges):
            let utf8 = htmlTemplate.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: ranges[k].lowerBound)
            return htmlTemplate[start..<utf8.index(start, offsetBy: ranges[k].count)]
        case .copies(let copies):
            return Substring(copies[k])
        }
    }

    /// The final HTML: each placeholder `i` is replaced by
    /// `fill(i, references[i])`, whose result is raw HTML inserted as is
    /// (the caller must escape what needs escaping).
    public func html(_ fill: (Int, LocatedReference) -> String) -> String {
        // Without placeholders the template is the HTML: shared, not copied (a long body is then held once).
        guard !slots.isEmpty else {
            if case .ranges = pieces { return htmlTemplate }
            return String(piece(0))
        }
        var fills: [String] = []
        fills.reserveCapacity(slots.count)
        var length = htmlTemplate.utf8.count
        for index in slots {
            fills.append(fill(index, references[index]))
            length += fills[fills.count - 1].utf8.count
        }
        // One allocation for the whole page body, instead of one growth per piece.
        var output = ""
        output.reserveCapacity(length)
        output += piece(0)
        for k in fills.indices {
            output += fills[k]
            output += piece(k + 1)
        }
        return output
    }

    /// Two documents are equal when their references, plain text and HTML
    /// template are (the derived placeholder split is not compared).
    public static func == (lhs: MarkdownDocument, rhs: MarkdownDocument) -> Bool {
        lhs.references == rhs.references && lhs.strayCitations == rhs.strayCitations && lhs.plainTemplate == rhs.plainTemplate
            && lhs.htmlTemplate == rhs.htmlTemplate
    }

    /// Hashes the same parts that `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(references)
        hasher.combine(strayCitations)
        hasher.combine(plainTemplate)
        hasher.combine(htmlTemplate)
    }
}

import DossierContent

/// Renders a plain-text source as HTML paragraphs with each cited passage marked.
enum SourceText {
    /// Paragraphs are separated by blank lines; each cited passage becomes `<mark id="q-n">`, split at
    /// paragraph breaks so the markup stays valid.
    static func html(_ scalars: [Unicode.Scalar], passages: [CitedPassage]) -> String {
        var out = ""
        var paragraph = ""
        var i = 0
        var next = 0
        var open: CitedPassage?
        var continued = false
        func flushParagraph() {
            let trimmed = paragraph.trimmingSpaces
            if !trimmed.isEmpty { out += "<p>" + paragraph + "</p>\n" }
            paragraph = ""
        }
        func openMark(_ p: CitedPassage) {
            paragraph += continued ? "<mark class=\"quote\">" : "<mark id=\"\(p.anchor)\" class=\"quote\">"
            continued = true
        }
        while i < scalars.count {
            if open == nil, next < passages.count, passages[next].range.lowerBound == i {
                open = passages[next]
                next += 1
                continued = false
                openMark(open!)
            }
            if let p = open, p.range.upperBound == i {
                paragraph += "</mark>"
                open = nil
                continue
            }
            if scalars[i] == "\n", i + 1 < scalars.count, scalars[i + 1] == "\n" || isBlankLineAhead(scalars, i + 1) {
                if open != nil { paragraph += "</mark>" }
                flushParagraph()
                while i < scalars.count, scalars[i] == "\n" || scalars[i] == " " || scalars[i] == "\t" { i += 1 }
                if let p = open {
                    if i >= p.range.upperBound { open = nil } else { openMark(p) }
                }
                continue
            }
            paragraph += HTML.escape(String(scalars[i]))
            i += 1
        }
        if open != nil { paragraph += "</mark>" }
        flushParagraph()
        return out
    }

    private static func isBlankLineAhead(_ s: [Unicode.Scalar], _ start: Int) -> Bool {
        var j = start
        while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
        return j < s.count && s[j] == "\n"
    }
}

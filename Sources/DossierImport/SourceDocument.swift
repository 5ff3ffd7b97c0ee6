import DossierModel
import Foundation

/// The fields of an imported source, as written to its front matter.
public struct SourceFields: Sendable, Equatable {
    public var title: String
    public var authors: [String]
    public var publisher: String?
    public var published: String?
    public var url: String?
    public var language: String?
    public var dir: String?
    public var retrieved: String?
    public var original: String
    public var originalSHA256: String

    /// The front matter and body of `Content/sources/<id>.md`.
    public func document(body: String) -> String {
        var lines = ["---", "title: \(YAMLText.quoted(title))"]
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("\(key): \(YAMLText.quoted(value))") }
        }
        add("author", authors.isEmpty ? nil : authors.joined(separator: ", "))
        add("publisher", publisher)
        add("published", published)
        add("url", url)
        add("language", language)
        add("dir", dir)
        add("retrieved", retrieved)
        add("original", original)
        add("original_sha256", originalSHA256)
        lines.append("---")
        return lines.joined(separator: "\n") + "\n\n" + body + "\n"
    }
}

/// YAML scalars written so any text reads back as itself.
enum YAMLText {
    /// `s` as a double-quoted YAML scalar, with backslashes, quotes and control characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x7F { out += String(format: "\\x%02X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}

/// Makes source ids from a publisher and a title: lowercase ASCII, letters transliterated, words joined by `-`.
public enum SourceSlug {
    /// The longest slug made, in characters (cut at a word boundary).
    public static let maximumLength = 60

    /// A slug of `parts` joined, or `source` when nothing usable remains.
    public static func make(_ parts: [String?]) -> String {
        let text = parts.compactMap { $0 }.joined(separator: " ")
        // ASCII needs no transliteration (ICU's transforms are the slow part of an import).
        let ascii = text.utf8.allSatisfy { $0 < 0x80 } ? text.replacingOccurrences(of: "&", with: " and ") : transliterated(text)
        var words: [String] = []
        var current = ""
        for u in ascii.lowercased().unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") { current.unicodeScalars.append(u) }
            else if u != "'" && u != "’" { if !current.isEmpty { words.append(current) }; current = "" }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for w in words where slug.count + w.count + 1 <= maximumLength || slug.isEmpty {
            slug += (slug.isEmpty ? "" : "-") + String(w.prefix(maximumLength))
        }
        return slug.isEmpty ? "source" : slug
    }

    /// `text` in Latin letters without diacritics (`Ελλάδα` → `ellada`), `&` spelt out.
    private static func transliterated(_ text: String) -> String {
        // Latin letters with diacritics only need folding; ICU's transform to Latin costs more than the rest of a slug.
        let isLatin = text.unicodeScalars.allSatisfy { $0.value < 0x250 || (0x1E00...0x1EFF).contains($0.value) || (0x2000...0x206F).contains($0.value) }
        let latin = isLatin ? text : text.applyingTransform(.toLatin, reverse: false) ?? text
        // Punctuation (curly quotes, dashes, no-break spaces) is the only non-ASCII text of most titles, and folding
        // leaves it as it is.
        let onlyPunctuation = latin.unicodeScalars.allSatisfy { $0.isASCII || (0xA0...0xBF).contains($0.value) || (0x2000...0x206F).contains($0.value) }
        let folded = onlyPunctuation ? latin
            : latin.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        var out = ""
        for u in folded.unicodeScalars {
            switch u {
            case "ß": out += "ss"
            case "æ": out += "ae"
            case "ø": out += "o"
            case "&": out += " and "
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// `base`, or `base-2`, `base-3`, … : the first not in `taken`.
    public static func unique(_ base: String, taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }
}

/// Dates as the loader accepts them: the page's own form when it is ISO 8601, else the day it names.
enum DateText {
    /// `s` in a form `PartialDate` reads, or nil when it names no date.
    static func normalize(_ s: String?) -> String? {
        guard let s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        if PartialDate.parse(s) != nil { return s }
        if s.count > 16, s.dropFirst(10).first == "T" {
            let minutes = String(s.prefix(16))
            if PartialDate.parse(minutes) != nil { return minutes }
        }
        if PartialDate.parse(String(s.prefix(10))) != nil { return String(s.prefix(10)) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        for format in ["EEE, dd MMM yyyy HH:mm:ss Z", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "yyyy/MM/dd", "dd.MM.yyyy"] {
            f.dateFormat = format
            if let date = f.date(from: s) {
                f.dateFormat = "yyyy-MM-dd"
                return f.string(from: date)
            }
        }
        return nil
    }
}

/// The word lists that tell page furniture from article text, after Readability's and trafilatura's published
/// heuristics: class and id words of navigation, ads, share bars, comments, related links and cookie notices, and
/// words that mark the main text.
enum Boilerplate {
    /// Elements that never hold article text.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "button", "input",
        "select", "textarea", "option", "nav", "aside", "footer", "head", "link", "meta", "dialog", "menu", "video",
        "audio", "picture", "img", "map", "area", "source", "track",
    ]

    /// ARIA roles of furniture.
    static let droppedRoles: Set<String> = [
        "navigation", "complementary", "banner", "contentinfo", "menu", "menubar", "dialog", "alertdialog", "search",
        "tablist", "toolbar",
    ]

    /// Class or id fragments of furniture (Readability's "unlikely candidates" plus trafilatura's boilerplate words).
    static let unlikely = [
        "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote", "share", "sharing", "cookie", "consent", "newsletter", "subscribe", "signup", "promo",
        "outbrain", "taboola", "recommend", "most-popular", "mostpopular", "trending", "byline", "author-info",
        "author-bio", "tags", "toolbar", "masthead", "modal", "overlay", "paywall", "read-more", "readmore",
        "also-read", "more-stories", "next-article", "skip-link", "sr-only", "visually-hidden", "print-only",
        "caption", "credit",
    ]

    /// Class or id fragments that keep an element despite an unlikely word (Readability's "maybe a candidate").
    static let maybe = ["and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "post-text"]

    /// Class or id fragments that lower a container's score (Readability's negative list).
    static let negative = [
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media",
        "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "widget", "caption", "credit", "newsletter", "cookie",
    ]

    /// Class or id fragments that raise a container's score (Readability's positive list).
    static let positive = ["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story"]

    /// Class tokens that are exactly advertising names (too short to match as fragments).
    static let adTokens: Set<String> = ["ad", "ads", "advert", "adverts", "advertisement", "dfp", "adslot", "ad-slot", "ad-container"]

    /// Whether any class token of `s` (lowercased, separated by spaces or `_`) is an advertising name. Every
    /// element's class and id go through this, so it compares bytes rather than making a string per token.
    static func hasAdToken(_ s: String) -> Bool {
        let bytes = s.utf8.span
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 || bytes[i] == 0x5F {
            let length = i - start
            if adTokenBytes.contains(where: { token in
                token.count == length && token.indices.allSatisfy { token[$0] == bytes[start + $0] }
            }) {
                return true
            }
            start = i + 1
        }
        return false
    }

    private static let adTokenBytes = adTokens.map { Array($0.utf8) }
}

/// Class and id words compared on UTF-8 bytes: the lists are short and the names are short, so a plain scan
/// beats `String.contains`, which goes through Foundation's locale-aware search.
struct WordList: Sendable {
    /// The words by their first byte: one pass over a text tries at each place only the words starting there.
    private let byFirst: [[[UInt8]]]

    init(_ words: [String]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for word in words where !word.isEmpty { table[Int(word.utf8.first!)].append(Array(word.utf8)) }
        byFirst = table
    }

    /// Whether `text` (already lowercased) contains one of the words.
    func matches(_ text: String) -> Bool {
        matches(text.utf8.span)
    }

    /// Whether `bytes` contain one of the words.
    func matches(_ bytes: [UInt8]) -> Bool {
        matches(bytes.span)
    }

    private func matches(_ bytes: Span<UInt8>) -> Bool {
        let count = bytes.count
        for i in 0..<count {
            for word in byFirst[Int(bytes[i])] where word.count <= count - i {
                var j = 1
                while j < word.count, bytes[i + j] == word[j] { j += 1 }
                if j == word.count { return true }
            }
        }
        return false
    }
}

extension Boilerplate {
    static let unlikelyWords = WordList(unlikely)
    static let maybeWords = WordList(maybe)
    static let negativeWords = WordList(negative)
    static let positiveWords = WordList(positive)
    static let bylineWords = WordList(["byline", "author", "dateline", "writtenby", "p-author"])
    static let hiddenStyles = WordList(["display:none", "visibility:hidden"])
}

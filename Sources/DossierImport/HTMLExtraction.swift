/// An article extracted from a page: its metadata, its text as blocks, and how the bytes were decoded.
public struct ExtractedArticle: Sendable, Equatable {
    public var metadata: PageMetadata
    public var blocks: [ArticleBlock]
    public var charset: Charset

    /// The article as Markdown, every character escaped so it renders as the page's text.
    public var markdown: String { blocks.markdown }
    /// The article as plain text, paragraphs separated by blank lines.
    public var text: String { blocks.plainText }
    /// The paragraph-level texts, in order.
    public var paragraphs: [String] { blocks.flatMap(\.paragraphs) }
}

/// Extracts the article and metadata from HTML bytes: charset detection, libxml2's HTML parser, then the
/// metadata reader and the Readability-style extractor.
public enum HTMLExtraction {
    /// The fewest words an article may have; below it the page is reported as having no article.
    public static let minimumWords = 20

    /// Extracts the article from `bytes`; `contentType` is the HTTP header when the page was downloaded, `input`
    /// names the page in errors.
    public static func extract(_ bytes: [UInt8], contentType: String? = nil, input: String) throws(ImportError) -> ExtractedArticle {
        let charset = Charset.detect(bytes, contentType: contentType)
        guard LibXMLParser.knowsEncoding(charset.name) else {
            throw ImportError(.unknownCharset(charset.name), input: input,
                              "unknown charset '\(charset.name)' in \(input) (from the \(charset.origin.rawValue))")
        }
        let body = charset.bomLength == 0 ? bytes : Array(bytes.dropFirst(charset.bomLength))
        guard looksLikeHTML(body, charset: charset), let tree = LibXMLParser.parse(body, encoding: charset.name) else {
            throw ImportError(.notHTML, input: input, "\(input) is not an HTML page")
        }
        let metadata = MetadataReader(tree: tree).read()
        var extractor = ArticleExtractor(tree: tree, title: metadata.title)
        let blocks = extractor.extract()
        let words = wordCount(blocks.plainText)
        guard words >= minimumWords || (words > 0 && blocks.plainText.count >= minimumWords * 4) else {
            let largest = max(words == 0 ? 0 : words, extractor.largestBlockWords())
            throw ImportError(.noArticle(words: largest), input: input,
                              "no article found in \(input): the largest text block has \(largest) word\(largest == 1 ? "" : "s")")
        }
        return ExtractedArticle(metadata: metadata, blocks: blocks, charset: charset)
    }

    /// The number of words in `text`, separated by ASCII whitespace (what the extracted text is folded to).
    static func wordCount(_ text: String) -> Int {
        var count = 0, inWord = false
        for b in text.utf8 {
            let space = b <= 0x20
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// Whether the bytes start like markup: a `<` before any NUL byte, after optional whitespace (UTF-16 pages are
    /// let through to the parser, which decodes them).
    static func looksLikeHTML(_ bytes: [UInt8], charset: Charset) -> Bool {
        if charset.name.uppercased().hasPrefix("UTF-16") { return true }
        let head = bytes.prefix(4096)
        if head.contains(0) { return false }
        guard let first = head.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) }) else { return false }
        return first == UInt8(ascii: "<") && head.contains(where: { $0 == UInt8(ascii: ">") })
    }
}

import Foundation

/// An input as fetched or read, before extraction: the bytes exactly as kept in `originals/`, what they are, and
/// where they came from.
public struct LoadedInput: Sendable {
    /// What kind of document the bytes are.
    public enum Kind: Sendable, Equatable { case html, pdf }

    /// The input as the user named it, for messages.
    public var input: String
    /// The bytes to keep as the original, byte for byte (a saved `.html.gz` stays compressed).
    public var original: [UInt8]
    /// The extension the original is kept under (`html`, `htm`, `html.gz`, `pdf`).
    public var originalExtension: String
    /// The document's bytes, decompressed.
    public var content: [UInt8]
    public var kind: Kind
    /// The HTTP `Content-Type`, when downloaded.
    public var contentType: String?
    /// The address it was downloaded from (after redirects), when downloaded.
    public var url: String?
    /// When it was downloaded (nil for files, whose retrieval date is unknown).
    public var retrieved: Date?

    /// Makes a loaded input.
    public init(input: String, original: [UInt8], originalExtension: String, content: [UInt8], kind: Kind,
                contentType: String? = nil, url: String? = nil, retrieved: Date? = nil) {
        self.input = input
        self.original = original
        self.originalExtension = originalExtension
        self.content = content
        self.kind = kind
        self.contentType = contentType
        self.url = url
        self.retrieved = retrieved
    }
}

/// Reads inputs from disk or standard input, recognising PDFs and gzip by their first bytes.
public enum InputReader {
    /// The largest input accepted, downloaded or read (20 MB).
    public static let maximumBytes = 20 * 1024 * 1024

    /// Reads the file at `path` (a saved page, possibly gzip-compressed, or a PDF).
    public static func file(_ path: String) throws(ImportError) -> LoadedInput {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(.unreadable, input: path, "cannot read \(path): no such file, or not readable")
        }
        guard data.count <= maximumBytes else {
            throw ImportError(.tooLarge(limit: maximumBytes), input: path, "\(path) is over the 20 MB limit")
        }
        let bytes = [UInt8](data)
        let lower = path.lowercased()
        if isGzip(bytes) {
            let content = try decompressed(path, input: path, name: path)
            let inner = lower.hasSuffix(".gz") ? (lower.dropLast(3).split(separator: ".").last.map(String.init) ?? "html") : "html"
            return LoadedInput(input: path, original: bytes, originalExtension: (isPDF(content) ? "pdf" : inner) + ".gz",
                               content: content, kind: isPDF(content) ? .pdf : .html)
        }
        if isPDF(bytes) { return LoadedInput(input: path, original: bytes, originalExtension: "pdf", content: bytes, kind: .pdf) }
        let ext = lower.hasSuffix(".htm") ? "htm" : "html"
        return LoadedInput(input: path, original: bytes, originalExtension: ext, content: bytes, kind: .html)
    }

    /// Takes HTML given on standard input (the CLI reads it; the library never touches the process's streams).
    public static func standardInput(_ bytes: [UInt8]) throws(ImportError) -> LoadedInput {
        guard bytes.count <= maximumBytes else {
            throw ImportError(.tooLarge(limit: maximumBytes), input: "-", "standard input is over the 20 MB limit")
        }
        guard isGzip(bytes) else {
            return LoadedInput(input: "-", original: bytes, originalExtension: isPDF(bytes) ? "pdf" : "html", content: bytes,
                               kind: isPDF(bytes) ? .pdf : .html)
        }
        let content = try gunzip(bytes, input: "-", name: "standard input")
        return LoadedInput(input: "-", original: bytes, originalExtension: (isPDF(content) ? "pdf" : "html") + ".gz",
                           content: content, kind: isPDF(content) ? .pdf : .html)
    }

    /// The decompressed bytes of gzip data held in memory, through the same libxml2 input layer as a file: the
    /// data goes to a private temporary file first, removed at once.
    private static func gunzip(_ bytes: [UInt8], input: String, name: String) throws(ImportError) -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-import-\(UUID().uuidString).gz")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw ImportError(.unreadable, input: input, "cannot decompress \(name): no room for a temporary file")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        return try decompressed(file.path, input: input, name: name)
    }

    /// The decompressed bytes of the gzip file at `path`, within the size limit.
    private static func decompressed(_ path: String, input: String, name: String) throws(ImportError) -> [UInt8] {
        guard let content = LibXMLParser.readGzipFile(path, limit: maximumBytes) else {
            throw ImportError(.unreadable, input: input, "cannot decompress \(name): the gzip data is damaged")
        }
        guard content.count <= maximumBytes else {
            throw ImportError(.tooLarge(limit: maximumBytes), input: input, "\(name) is over the 20 MB limit once decompressed")
        }
        return content
    }

    static func isGzip(_ b: [UInt8]) -> Bool { b.count > 2 && b[0] == 0x1F && b[1] == 0x8B }
    static func isPDF(_ b: [UInt8]) -> Bool { b.starts(with: Array("%PDF-".utf8)) }
}

import Crypto
import DossierModel
import Foundation

/// What an import will write: the source file and the original, ready to be written or shown by `--dry-run`.
public struct ImportPlan: Sendable {
    public var id: String
    /// `Content/sources/<id>.md`, relative to the site folder.
    public var path: String
    /// `Content/sources/originals/<id>.<ext>`, relative to the site folder.
    public var originalPath: String
    public var original: [UInt8]
    public var fields: SourceFields
    public var article: ExtractedArticle
    /// The id of the source this replaces (`--force` on a URL already imported), if any.
    public var replacing: String?

    /// The whole text of the source file, made when asked for (`--format json` never needs it).
    public var document: String { fields.document(body: article.markdown) }
}

/// The sources a site already has: their ids and the addresses they were imported from.
public struct ExistingSources: Sendable {
    public var ids: Set<String> = []
    /// Normalised URL → source id.
    public var urls: [String: String] = [:]

    /// Reads `Content/sources/` of `siteFolder`: file names for ids, the `url:` line of front matter for addresses.
    public init(siteFolder: URL) {
        let folder = siteFolder.appendingPathComponent("Content/sources")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? [] where !name.hasPrefix(".") {
            guard name.hasSuffix(".md") || name.hasSuffix(".txt") else { continue }
            let id = String(name[..<name.lastIndex(of: ".")!])
            ids.insert(id)
            if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), let url = ExistingSources.url(in: text) {
                urls[ExistingSources.normalize(url)] = id
            }
        }
    }

    /// Makes a list from known ids and addresses (for tests and for a run's own imports).
    public init(ids: Set<String> = [], urls: [String: String] = [:]) {
        self.ids = ids
        self.urls = urls
    }

    /// The `url:` value of a file's front matter.
    static func url(in text: String) -> String? {
        guard text.hasPrefix("---") else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line.hasPrefix("---") { break }
            guard line.hasPrefix("url:") else { continue }
            var value = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }

    /// An address in the form two spellings of one page share: no fragment, no trailing slash, lowercase scheme
    /// and host, `http` and `https` alike.
    public static func normalize(_ url: String) -> String {
        var s = url.trimmingCharacters(in: .whitespaces)
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        while s.hasSuffix("/") { s.removeLast() }
        guard let scheme = s.range(of: "://") else { return s }
        let rest = s[scheme.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        return rest[..<slash].lowercased() + rest[slash...]
    }

    /// The id of a source imported from any of `urls`.
    public func id(for urls: [String]) -> String? {
        urls.lazy.compactMap { self.urls[ExistingSources.normalize($0)] }.first
    }
}

/// Turns loaded inputs into source files of a site: extraction, id, duplicate check, front matter, and an atomic
/// write of the source and its original.
public struct SourceImporter: Sendable {
    public var siteFolder: URL

    /// Makes an importer for the site in `siteFolder`.
    public init(siteFolder: URL) {
        self.siteFolder = siteFolder
    }

    /// Extracts the article of a loaded page or PDF.
    public static func extract(_ loaded: LoadedInput) throws(ImportError) -> ExtractedArticle {
        switch loaded.kind {
        case .html: return try HTMLExtraction.extract(loaded.content, contentType: loaded.contentType, input: loaded.input)
        case .pdf: return try PDFText.extract(loaded.content, input: loaded.input)
        }
    }

    /// Plans the import of `loaded`: picks the id (`requestedID`, or a slug of publisher and title made unique),
    /// refuses an address already imported unless `force`, and renders the file. `existing` gains the new source.
    public func plan(_ loaded: LoadedInput, article: ExtractedArticle, requestedID: String? = nil, force: Bool = false,
                     existing: inout ExistingSources) throws(ImportError) -> ImportPlan {
        let m = article.metadata
        let url = m.canonicalURL ?? loaded.url
        let addresses = [m.canonicalURL, loaded.url, loaded.input.hasPrefix("http") ? loaded.input : nil].compactMap { $0 }
        let duplicate = existing.id(for: addresses)
        if let duplicate, !force, requestedID == nil || requestedID == duplicate {
            throw ImportError(.duplicate(existingID: duplicate), input: loaded.input,
                              "\(loaded.input) is already imported as '\(duplicate)' (\(url ?? "")); --force replaces it")
        }
        let id = try chooseID(loaded, article: article, requested: requestedID, duplicate: force ? duplicate : nil, existing: existing)
        let fields = SourceFields(
            title: m.title ?? article.paragraphs.first.map { String($0.prefix(120)) } ?? id, authors: m.authors,
            publisher: m.publisher, published: DateText.normalize(m.published), url: url, language: m.language, dir: m.dir,
            retrieved: loaded.retrieved.map(SourceImporter.timestamp),
            original: "originals/\(id).\(loaded.originalExtension)",
            originalSHA256: SourceImporter.hex(SHA256.hash(data: loaded.original)))
        existing.ids.insert(id)
        for a in addresses { existing.urls[ExistingSources.normalize(a)] = id }
        return ImportPlan(id: id, path: "Content/sources/\(id).md", originalPath: "Content/sources/\(fields.original)",
                          original: loaded.original, fields: fields,
                          article: article, replacing: force ? duplicate : nil)
    }

    private func chooseID(_ loaded: LoadedInput, article: ExtractedArticle, requested: String?, duplicate: String?,
                          existing: ExistingSources) throws(ImportError) -> String {
        if let requested {
            guard ItemID.isValid(requested) else {
                throw ImportError(.invalidID, input: loaded.input,
                                  "'\(requested)' is not a valid id: use lowercase letters, digits and '-'")
            }
            if existing.ids.contains(requested), requested != duplicate {
                throw ImportError(.duplicate(existingID: requested), input: loaded.input,
                                  "a source '\(requested)' already exists; choose another --id")
            }
            return requested
        }
        if let duplicate { return duplicate }
        let title = article.metadata.title ?? article.paragraphs.first.map { String($0.prefix(80)) }
        return SourceSlug.unique(SourceSlug.make([article.metadata.publisher, title]), taken: existing.ids)
    }

    /// `bytes` in lowercase hexadecimal, two digits a byte.
    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out += [digits[Int(b >> 4)], digits[Int(b & 0x0F)]] }
        return String(decoding: out, as: UTF8.self)
    }

    /// A download time as the loader reads it: UTC to the minute.
    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm'Z'"
        return f.string(from: date)
    }

    /// Writes the plan: both files go to temporary names beside their places, then are renamed into place, so an
    /// interrupted or failed import leaves the site as it was.
    public func write(_ plan: ImportPlan) throws(ImportError) {
        let fm = FileManager.default
        let source = siteFolder.appendingPathComponent(plan.path)
        let original = siteFolder.appendingPathComponent(plan.originalPath)
        let token = UUID().uuidString
        let tempSource = source.deletingLastPathComponent().appendingPathComponent(".\(plan.id).md.\(token)")
        let tempOriginal = original.deletingLastPathComponent().appendingPathComponent(".\(original.lastPathComponent).\(token)")
        let hadOriginal = fm.fileExists(atPath: original.path)
        do {
            try fm.createDirectory(at: original.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(plan.original).write(to: tempOriginal)
            try Data(plan.document.utf8).write(to: tempSource)
            try SourceImporter.replace(original, with: tempOriginal)
            do { try SourceImporter.replace(source, with: tempSource) } catch {
                if !hadOriginal { try? fm.removeItem(at: original) }
                throw error
            }
        } catch {
            try? fm.removeItem(at: tempSource)
            try? fm.removeItem(at: tempOriginal)
            throw ImportError(.write, input: plan.path, "cannot write \(plan.path): \(error.localizedDescription)")
        }
        removeStaleOriginals(of: plan)
    }

    /// `rename(2)`: atomic on one file system, replacing what is there.
    private static func replace(_ target: URL, with temp: URL) throws {
        guard rename(temp.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    /// After `--force`, an original of the same id kept under another extension is no longer the evidence.
    private func removeStaleOriginals(of plan: ImportPlan) {
        let folder = siteFolder.appendingPathComponent("Content/sources/originals")
        let keep = (plan.originalPath as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(plan.id + ".") && name != keep && !name.dropFirst(plan.id.count + 1).contains("-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

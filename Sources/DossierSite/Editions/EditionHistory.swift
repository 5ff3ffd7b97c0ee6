import DossierContent
import DossierModel
import Foundation

/// One published edition as its file in `Editions/` holds it: what changed, and the tracked content it was cut
/// from (nil for editions carried over from an older history that kept none).
public struct EditionRecord: Sendable, Hashable {
    /// The file format this build writes and reads.
    public static let format = 1

    public var edition: Edition
    public var snapshot: EditionSnapshot?

    /// Makes a record.
    public init(edition: Edition, snapshot: EditionSnapshot?) {
        self.edition = edition
        self.snapshot = snapshot
    }

    /// The file's name: the edition number with four digits or more (`0007.json`).
    public static func fileName(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".json"
    }

    /// The file's bytes: pretty-printed JSON with its keys in a fixed order, so a diff of two editions is readable.
    public var bytes: [UInt8] {
        JSONValue.object([("format", .int(EditionRecord.format))] + edition.jsonFields + [("snapshot", snapshot?.json ?? .null)])
            .bytes(pretty: true)
    }

    /// Reads a record from a file's bytes.
    static func decode(_ data: Data) throws -> EditionRecord {
        let file = try JSONDecoder().decode(File.self, from: data)
        guard file.format == format else { throw StoredEditionError(message: "format \(file.format) is not \(format)") }
        return EditionRecord(edition: try JSONDecoder().decode(Edition.self, from: data), snapshot: file.snapshot)
    }

    /// The parts of a file besides the edition.
    private struct File: Decodable {
        var format: Int
        var snapshot: EditionSnapshot?
    }
}

/// The published record of a site: one file per edition in its `Editions/` folder, committed with the content.
/// Only `dossier publish` and `dossier edition` add to it, one new file at a time; nothing rewrites a file.
public struct EditionHistory: Sendable, Hashable {
    /// The folder, beside `Content/`.
    public static let folderName = SiteLayout.editions

    /// Every edition, oldest first, numbered without gaps.
    public var records: [EditionRecord]

    /// The latest edition; nil before the first.
    public var latest: EditionRecord? { records.last }

    /// Makes a history of `records` (oldest first).
    public init(records: [EditionRecord] = []) {
        self.records = records
    }

    /// The folder of the site in `siteFolder`.
    public static func folder(_ siteFolder: URL) -> URL { siteFolder.appendingPathComponent(folderName) }

    /// Reads every `NNNN.json` of the site's `Editions/` folder (other files are left alone). A file that cannot be
    /// read, whose number is not its name, or a missing number is an error: the record must be whole.
    public static func load(siteFolder: URL) -> (history: EditionHistory, diagnostics: [Diagnostic]) {
        let folder = self.folder(siteFolder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter(isEditionFile)
        var records: [EditionRecord] = []
        var diagnostics: [Diagnostic] = []
        for name in names.sorted(by: { (Int($0.dropLast(5)) ?? 0) < (Int($1.dropLast(5)) ?? 0) }) {
            let path = "\(folderName)/\(name)"
            do {
                let record = try EditionRecord.decode(Data(contentsOf: folder.appendingPathComponent(name)))
                guard record.edition.edition == Int(name.dropLast(5)) else {
                    throw StoredEditionError(message: "it holds edition \(record.edition.edition)")
                }
                if let last = records.last, record.edition.edition != last.edition.edition + 1 {
                    diagnostics.append(.error(SourceLocation(path: path), "edition \(last.edition.edition + 1) is missing before this one",
                                              code: "editions"))
                }
                records.append(record)
            } catch {
                diagnostics.append(.error(SourceLocation(path: path), "cannot read this edition: \(describe(error))", code: "editions"))
            }
        }
        return (EditionHistory(records: records), diagnostics)
    }

    /// Whether `name` is an edition's file name: digits and `.json`.
    static func isEditionFile(_ name: String) -> Bool {
        name.hasSuffix(".json") && name.count > 5 && name.dropLast(5).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Records `record` as a new file in the site's `Editions/`, whole or not at all: written beside it under a
    /// temporary name, flushed to disk, then linked into place, which fails when that edition already exists
    /// (another run recorded it first). Returns the file's path relative to the site folder.
    @discardableResult
    public static func write(_ record: EditionRecord, siteFolder: URL) throws -> String {
        let folder = self.folder(siteFolder).path
        let name = EditionRecord.fileName(record.edition.edition)
        try OutputWriter.makeFolders(folder)
        let temporary = folder + "/." + name + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        defer { unlink(temporary) }
        try OutputWriter.write(record.bytes, to: temporary, atomically: false)
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        guard link(temporary, folder + "/" + name) == 0 else {
            let reason = errno == EEXIST ? "edition \(record.edition.edition) is already recorded" : String(cString: strerror(errno))
            throw OutputWriter.WriteError(path: "\(folderName)/\(name)", reason: reason)
        }
        return "\(folderName)/\(name)"
    }

    /// Carries the history an older Dossier kept in `output`'s `data/site.json` over into the site's `Editions/`,
    /// when that folder holds no edition yet; says so in a warning. The latest edition gets the stored model as
    /// its snapshot, so the next edition is compared with it.
    public static func migrate(siteFolder: URL, output: URL) -> [Diagnostic] {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder(siteFolder).path)) ?? []
        guard !existing.contains(where: isEditionFile) else { return [] }
        let url = output.appendingPathComponent("data/site.json")
        // Only the first format of site.json held the history (`{"version":1,` first): looked at before reading it all.
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return [] }
        let start = handle.readData(ofLength: 16)
        try? handle.close()
        guard start.starts(with: Array("{\"version\":1,".utf8)) else { return [] }
        let stored: StoredEdition
        do {
            guard let read = try ChangeLog.readStored(at: url) else { return [] }
            stored = read
        } catch {
            return []
        }
        let editions = stored.editions.sorted { $0.edition < $1.edition }
        guard let first = editions.first, let last = editions.last else { return [] }
        do {
            for edition in editions {
                try write(EditionRecord(edition: edition, snapshot: edition == last ? stored.snapshot : nil), siteFolder: siteFolder)
            }
        } catch {
            return [.error(SourceLocation(path: folderName), "cannot carry the edition history over from \(url.path): \(error)",
                           code: "editions")]
        }
        let range = first.edition == last.edition ? "edition \(last.edition)" : "editions \(first.edition)–\(last.edition)"
        return [.warning(SourceLocation(path: folderName),
                         "carried \(range) over from \(url.path) into \(folderName)/; commit that folder with your content",
                         code: "editions-migrated")]
    }

    /// An error in one line.
    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): "not JSON (\(c.debugDescription))"
        case DecodingError.keyNotFound(let key, let c): "'\((c.codingPath + [key]).map(\.stringValue).joined(separator: "."))' is missing"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "'\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        default: "\(error)"
        }
    }
}

/// What `dossier edition` did: the edition it recorded, or why it recorded none.
public struct EditionCut: Sendable {
    /// The edition recorded; nil when nothing tracked changed since the latest, or on errors.
    public var record: EditionRecord?
    /// Where it was recorded, relative to the site folder.
    public var path: String?
    /// The latest edition before this one; nil when there was none.
    public var previous: Int?
    /// Problems with the content or the history; nothing is recorded when any is an error.
    public var diagnostics: [Diagnostic] = []

    /// Loads and checks the site in `siteFolder` and, when its tracked content differs from the latest edition,
    /// records the next edition, cut at `time` with `note`. Builds nothing: `dossier build` then shows it.
    public static func cut(siteFolder: URL, at time: Date, note: String?) -> EditionCut {
        let loaded = SiteLoader(siteFolder: siteFolder).load()
        var diagnostics = loaded.diagnostics
        diagnostics += EditionHistory.migrate(siteFolder: siteFolder, output: siteFolder.appendingPathComponent("Output"))
        let (history, problems) = EditionHistory.load(siteFolder: siteFolder)
        diagnostics += problems
        var cut = EditionCut(previous: history.latest?.edition.edition, diagnostics: diagnostics)
        guard let site = loaded.site, !diagnostics.hasErrors,
              let record = ChangeLog(site: site, history: history, mode: .cut(at: time, note: note)).cut else { return cut }
        do {
            cut.path = try EditionHistory.write(record, siteFolder: siteFolder)
            cut.record = record
        } catch {
            cut.diagnostics.append(.error(SourceLocation(path: EditionHistory.folderName), "cannot record the edition: \(error)",
                                          code: "editions"))
        }
        return cut
    }
}

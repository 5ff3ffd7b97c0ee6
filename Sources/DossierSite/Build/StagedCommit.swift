import DossierSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a build's files reach `Output/` all at once: everything is first written into `Output/.dossier-staging/`
/// (same file system, so moving is a rename), and only when the whole build succeeded does a journal there list
/// the moves and removals; applying it is a run of renames. A build that fails or is killed before the journal
/// exists has not touched a file of `Output/`; one killed while applying it is finished by the next run
/// (`recover`), which then gives exactly the output that build made.
///
/// Moves are ordered so that a reader never follows a link to a page that is not there yet: new files first, then
/// replaced ones, then the top-level files, the home page last; removals come after every move.
struct StagedCommit {
    /// The output folder.
    let output: String
    /// How many threads move the files of one rank into place.
    var jobs: Jobs = .usableCores
    /// The folder of the spare pool (`SparePool`) that a commit links each replaced page into; nil replaces pages
    /// outright.
    var spares: String?

    static let folderName = ".dossier-staging"

    /// `Output/.dossier-staging`: everything of a build in progress.
    var folder: String { output + "/" + StagedCommit.folderName }
    /// Where a build into an empty folder writes its tree, moved into place folder by folder.
    var tree: String { folder + "/tree" }
    private var journalPath: String { folder + "/journal.json" }
    /// The new manifest, moved into place last.
    var manifestPath: String { folder + "/manifest.json" }

    /// What applying a build means: each staged file (relative to the staging folder) to its place (relative to the
    /// output folder), in order, then the output files to remove.
    struct Journal: Codable, Equatable {
        var moves: [Move]
        var removals: [String]

        /// The journal as JSON that `JSONDecoder` reads back (written by the build's own serializer: a journal of a
        /// whole site's pages is written on every full build, and `JSONEncoder` took a noticeable part of it).
        var json: JSONValue {
            .object([
                ("moves", .array(moves.map { move in
                    .object([("path", .string(move.path)), ("replaces", move.replaces.map(JSONValue.bool) ?? .null),
                             ("staged", .string(move.staged))])
                })),
                ("removals", .array(removals.map(JSONValue.string))),
            ])
        }

        struct Move: Codable, Equatable {
            var staged: String
            var path: String
            /// Whether a file of the last build is at `path` (so the move replaces it rather than adds a page).
            var replaces: Bool?
        }
    }

    /// A new staging folder: whatever an earlier run left is first finished or discarded (see `recover`).
    func prepare() throws {
        try recover()
        try OutputWriter.makeFolders(folder)
    }

    /// Finishes the commit an interrupted build had started (a journal is there), or discards what a build that
    /// never got that far staged. Returns whether a commit was finished.
    @discardableResult
    func recover() throws -> Bool {
        guard FileManager.default.fileExists(atPath: folder) else { return false }
        var finished = false
        if let data = FileManager.default.contents(atPath: journalPath),
           let journal = try? JSONDecoder().decode(Journal.self, from: data) {
            try apply(journal)
            finished = true
        }
        discard()
        return finished
    }

    /// Removes the staging folder and all in it.
    func discard() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Writes the journal (the commit point: from here on the build counts as done) and applies it. What would
    /// make a move fail (a folder where a file goes, a folder that cannot be written) is looked for while staging,
    /// so that a build that cannot finish stops before changing anything.
    func commit(_ journal: Journal) throws {
        try OutputWriter.write(Array(journal.json.serialized().utf8), to: journalPath)
        try apply(journal, retiringInto: spares)
        discard()
    }

    /// Moves each staged file into place (skipping those an earlier attempt moved), removes the removals, and puts
    /// the new manifest in place. With `spares`, each replaced page is kept there (`SparePool.retire`); a recovery
    /// keeps none, since a move an interrupted attempt made has already put a new page where the old one was.
    ///
    /// The moves of one rank (see `ordered`) are independent and run on all cores; ranks run one after the other,
    /// so new pages are in place before the pages that link to them, and the home page comes last.
    private func apply(_ journal: Journal, retiringInto spares: String? = nil) throws {
        let removals = Set(journal.removals)
        for group in StagedCommit.ranks(journal.moves) {
            let failures = group.concurrentMap(jobs: jobs) { move -> OutputWriter.WriteError? in
                do { try self.move(move, clearing: removals, retiringInto: spares) } catch let error as OutputWriter.WriteError { return error } catch {
                    return OutputWriter.WriteError(path: move.path, reason: "\(error)")
                }
                return nil
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        }
        for path in journal.removals {
            let url = URL(fileURLWithPath: output + "/" + path)
            var info = stat()
            // A folder here now holds new files (it replaced the removed file): leave it.
            if lstat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { unlink(url.path) }
            removeEmptyParents(of: url)
        }
        if access(manifestPath, F_OK) == 0, rename(manifestPath, output + "/" + OutputWriter.manifestName) != 0 {
            throw OutputWriter.WriteError(path: OutputWriter.manifestName, reason: String(cString: strerror(errno)))
        }
    }

    /// Renames one staged file into place; its folders are made only when the rename says they are missing (nearly
    /// never, when a build replaces pages), so a move costs one system call.
    private func move(_ move: Journal.Move, clearing removals: Set<String>, retiringInto spares: String?) throws {
        let source = folder + "/" + move.staged
        let target = output + "/" + move.path
        if move.replaces == true, let spares { SparePool.retire(target, into: spares) }
        if rename(source, target) == 0 { return }
        let failure = errno
        if failure == ENOENT, access(source, F_OK) != 0 { return }  // moved by an earlier, interrupted attempt
        guard failure == ENOENT || failure == ENOTDIR else {
            throw OutputWriter.WriteError(path: move.path, reason: String(cString: strerror(failure)))
        }
        try makeParents(of: move.path, clearing: removals)
        if rename(source, target) != 0 {
            throw OutputWriter.WriteError(path: move.path, reason: String(cString: strerror(errno)))
        }
    }

    /// 0 for a page new to the output, 1 for one that replaces a page, 2 for a top-level file, 3 for the home page.
    static func rank(_ move: Journal.Move) -> Int {
        move.path == "index.html" ? 3 : !move.path.contains("/") ? 2 : move.replaces == true ? 1 : 0
    }

    /// The moves split into runs of one rank (see `ordered`, which sorted them by rank): each run goes into place
    /// before the next starts.
    static func ranks(_ moves: [Journal.Move]) -> [[Journal.Move]] {
        var runs: [[Journal.Move]] = []
        for move in moves {
            if let last = runs.last?.last, rank(last) == rank(move) { runs[runs.count - 1].append(move) } else { runs.append([move]) }
        }
        return runs
    }

    /// Makes the folders above `path` in the output folder; a file the build removes that stands where a folder is
    /// now needed goes first.
    private func makeParents(of path: String, clearing removals: Set<String>) throws {
        var parent = ""
        for part in path.split(separator: "/").dropLast() {
            parent += parent.isEmpty ? String(part) : "/" + part
            let full = output + "/" + parent
            var info = stat()
            if lstat(full, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFDIR { continue }
                guard removals.contains(parent) else {
                    throw OutputWriter.WriteError(path: path, reason: "\(parent) is a file the build did not write")
                }
                unlink(full)
            }
            if mkdir(full, 0o755) != 0, errno != EEXIST {
                throw OutputWriter.WriteError(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    private func removeEmptyParents(of url: URL) {
        var dir = url.deletingLastPathComponent().standardizedFileURL
        let root = URL(fileURLWithPath: output).standardizedFileURL.path
        while dir.path.hasPrefix(root + "/") {
            guard rmdir(dir.path) == 0 else { return }
            dir = dir.deletingLastPathComponent()
        }
    }

    /// The order moves are applied in: by rank (see `rank`), then by path so the journal is the same for the same
    /// build. Within a rank the moves run on all cores, so no order among them is promised.
    static func ordered(_ moves: [Journal.Move]) -> [Journal.Move] {
        moves.sorted { (rank($0), $0.path) < (rank($1), $1.path) }
    }
}

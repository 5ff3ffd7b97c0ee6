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
/// Moves are ordered so that a reader never follows a link to a page that is not there yet: new files first
/// (deepest first), then replaced ones, the home page last; removals come after every move.
struct StagedCommit {
    /// The output folder.
    let output: String

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

        struct Move: Codable, Equatable {
            var staged: String
            var path: String
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
    /// make a move fail is looked for first, so that a build that cannot finish stops before changing anything.
    func commit(_ journal: Journal) throws {
        try preflight(journal)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try OutputWriter.write(Array(try encoder.encode(journal)), to: journalPath)
        try apply(journal)
        discard()
    }

    /// Refuses moves onto a folder, and into a folder this process may not write (a read-only `Output/` part).
    private func preflight(_ journal: Journal) throws {
        var writable: [String: Bool] = [:]
        for move in journal.moves {
            let target = output + "/" + move.path
            var info = stat()
            if lstat(target, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, !move.staged.hasPrefix("tree/") {
                throw OutputWriter.WriteError(path: move.path, reason: "a folder stands where this file goes; remove it")
            }
            let parent = (target as NSString).deletingLastPathComponent
            if writable[parent] == nil {
                writable[parent] = access(parent, F_OK) != 0 || access(parent, W_OK) == 0
            }
            if writable[parent] == false {
                throw OutputWriter.WriteError(path: move.path, reason: "its folder is not writable (\(String(cString: strerror(EACCES))))")
            }
        }
    }

    /// Moves each staged file into place (skipping those an earlier attempt moved), removes the removals, and puts
    /// the new manifest in place.
    private func apply(_ journal: Journal) throws {
        let removals = Set(journal.removals)
        for move in journal.moves {
            let source = folder + "/" + move.staged
            guard access(source, F_OK) == 0 else { continue }
            let target = output + "/" + move.path
            try makeParents(of: move.path, clearing: removals)
            if rename(source, target) != 0 {
                throw OutputWriter.WriteError(path: move.path, reason: String(cString: strerror(errno)))
            }
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

    /// The order moves are applied in: files new to the output first, deepest first, then replaced files the same
    /// way; the home page and the top-level files last of each group.
    static func ordered(_ moves: [Journal.Move], existing: (String) -> Bool) -> [Journal.Move] {
        moves.map { (move: $0, old: existing($0.path), depth: $0.path.split(separator: "/").count) }
            .sorted { a, b in
                if a.old != b.old { return !a.old }
                if a.depth != b.depth { return a.depth > b.depth }
                return a.move.path < b.move.path
            }
            .map(\.move)
    }
}

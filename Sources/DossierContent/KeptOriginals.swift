import Crypto
import DossierModel
import DossierSupport
import Foundation

/// Checks the originals `dossier import` keeps beside the sources (`Content/sources/originals/`): each one a
/// source names must be there, readable inside the site, and still have the SHA-256 its source recorded, since
/// the kept original is the evidence that the text is the page as retrieved.
///
/// The check runs on every load, because an original can change while its source file stays the same; a file
/// whose size and modification time are unchanged is not hashed again.
enum KeptOriginals {
    /// What an earlier load found for one original: its stamp and its SHA-256 in hex.
    struct Known: Sendable {
        var stamp: FileStamp
        var sha256: String
    }

    /// Checks the originals of `sources`, filling in the SHA-256 of those whose source recorded none, and returns
    /// the problems found and what the next load may trust.
    static func check(_ sources: inout [Source], reader: SiteFileReader, known: [String: Known], jobs: Jobs)
        -> (diagnostics: [Diagnostic], known: [String: Known]) {
        let kept = sources.indices.filter { sources[$0].original != nil }
        guard !kept.isEmpty else { return ([], [:]) }
        // The reader checks a file's own place only: the folder it lies in is checked here, once.
        if let refused = reader.checkFolder("Content/sources/originals") {
            return (kept.map { problem(sources[$0], refused) }, [:])
        }
        let found = kept.map { sources[$0] }.concurrentMap(jobs: jobs) { source in hash(of: source, reader: reader, known: known) }
        var diagnostics: [Diagnostic] = []
        var next: [String: Known] = [:]
        for (i, outcome) in zip(kept, found) {
            switch outcome {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let (path, entry)):
                next[path] = entry
                if let recorded = sources[i].originalSHA256, recorded != entry.sha256 {
                    diagnostics.append(mismatch(sources[i], found: entry.sha256))
                } else {
                    sources[i].originalSHA256 = entry.sha256
                }
            }
        }
        return (diagnostics, next)
    }

    /// The path (relative to the site folder) and SHA-256 of `source`'s original, or why it cannot be read.
    private static func hash(of source: Source, reader: SiteFileReader, known: [String: Known])
        -> Result<(String, Known), Diagnostic> {
        let relative = "Content/sources/" + source.original!
        let stamp = FileStamp(path: reader.root + "/" + relative)
        if let stamp, let before = known[relative], before.stamp == stamp { return .success((relative, before)) }
        switch reader.read(relative) {
        case .success(let data):
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            guard let stamp else { return .failure(problem(source, .missing)) }
            return .success((relative, Known(stamp: stamp, sha256: digest)))
        case .failure(let reason):
            return .failure(problem(source, reason))
        }
    }

    private static func problem(_ source: Source, _ reason: SiteFileReader.Problem) -> Diagnostic {
        let advice = reason == .missing
            ? " (restore it from version control, or remove 'original' and 'original_sha256' from the source)" : ""
        return .error(source.originalLocation ?? source.location,
                      "the kept original \(Diagnostic.quoted("Content/sources/" + source.original!)) \(reason.message)\(advice)",
                      code: "original-missing")
    }

    private static func mismatch(_ source: Source, found: String) -> Diagnostic {
        .error(source.originalSHA256Location ?? source.location,
               "the kept original \(Diagnostic.quoted("Content/sources/" + source.original!)) is not the page as retrieved: "
                   + "its SHA-256 is \(found), not the recorded \(source.originalSHA256!). Restore the file from version "
                   + "control; if the new file is the right evidence, import it again with --force",
               code: "original-changed")
    }
}

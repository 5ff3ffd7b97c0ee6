import ArgumentParser
import DossierSite
import Foundation

/// `dossier edition`: records an edition of the site in `Editions/`, for desks that publish with other tools.
struct RecordEdition: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edition",
        abstract: "Record the content as a new edition in Editions/, when it changed since the latest one.",
        discussion: """
        For desks that publish with other tools: `dossier publish` records an edition itself. Builds nothing; \
        `dossier build` then shows the edition on /changes/. The edition is dated today in the site's timezone \
        (or SOURCE_DATE_EPOCH's day). Exits 0 when an edition was recorded or nothing changed, 1 on content errors.
        """
    )

    @Option(help: ArgumentHelp("The site folder, holding Content/.", valueName: "path"))
    var site: String = "."

    @Option(help: ArgumentHelp("A note on the edition, shown on /changes/, in its feed and on the home page.", valueName: "text"))
    var note: String?

    func run() throws {
        let folder = try existingSiteFolder(site)
        try requireContent(in: folder)
        let cut = EditionCut.cut(siteFolder: folder, at: try editionTime(), note: editionNote(note))
        DiagnosticPrinter.print(cut.diagnostics)
        guard !cut.diagnostics.hasErrors else {
            FileHandle.standardError.write(Data("no edition recorded: \(DiagnosticPrinter.summary(cut.diagnostics))\n".utf8))
            throw ExitCode(1)
        }
        if let record = cut.record, let path = cut.path {
            print("recorded edition \(record.edition.edition) (\(record.edition.summary.lowercased())) in \(path); commit it, and `dossier build` shows it")
        } else {
            print(EditionWords.unchanged(since: cut.previous, note: note))
        }
    }
}

/// The time an edition is cut: now, or the `SOURCE_DATE_EPOCH` the environment sets (for reproducible runs).
func editionTime() throws -> Date {
    guard let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return Date() }
    guard let seconds = Int(value) else { throw ValidationError("SOURCE_DATE_EPOCH must be whole seconds since 1970, not '\(value)'") }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
}

/// A `--note` as an edition keeps it: trimmed, and nil when blank.
func editionNote(_ note: String?) -> String? {
    let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    return trimmed.isEmpty ? nil : trimmed
}

/// What the edition commands say.
enum EditionWords {
    /// That no edition was cut because nothing tracked changed.
    static func unchanged(since previous: Int?, note: String?) -> String {
        let since = previous.map { "since edition \($0)" } ?? "since the latest edition"
        return "nothing tracked changed \(since): no edition recorded" + (editionNote(note) == nil ? "" : " (the note was not kept)")
    }
}

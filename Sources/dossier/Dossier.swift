import ArgumentParser
import DossierModel
import DossierSite
import Foundation

/// The `dossier` command: parses flags, calls the library, prints what it returns.
@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Build briefing sites from Markdown: actors, timeline, stances, briefs and their evidence.",
        version: DossierVersion.current,
        subcommands: [Build.self, Check.self, Init.self, Watch.self, Serve.self, Publish.self, RecordEdition.self, Import.self],
        defaultSubcommand: nil
    )

    /// Runs the command; usage errors exit 2, content errors 1, as the README promises.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Prints diagnostics the way compilers do, one per line, to standard error.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}

/// The site folder `path` names, resolved against the current folder; a folder that does not exist is a usage
/// error (exit 2), not a content error.
func existingSiteFolder(_ path: String) throws -> URL {
    let url = folderURL(path)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
        throw ValidationError("no site folder at '\(path)': --site must name a folder holding Content/")
    }
    return url
}

/// Resolves a user's path argument against the current folder.
func folderURL(_ path: String) -> URL {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
}

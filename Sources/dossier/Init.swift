import ArgumentParser
import DossierSite
import Foundation

/// `dossier init`: writes a small starter site that builds at once.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a starter site (site.yml and one commented file of each kind) in a folder."
    )

    @Argument(help: ArgumentHelp("The folder to create the site in.", valueName: "path"))
    var path: String

    func run() throws {
        let folder = folderURL(path)
        do {
            let written = try StarterSite.write(to: folder)
            print("created a starter site in \(folder.path) (\(written.count) files)")
            print("next: cd \(path) && dossier build, then open Output/index.html")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

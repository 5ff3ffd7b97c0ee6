import ArgumentParser
import DossierServe
import DossierSite
import Foundation

/// `dossier watch`: builds, then rebuilds on every change under `Content/` and `Templates/` until Ctrl-C.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, then rebuild on every change under Content/ and Templates/ until Ctrl-C.",
        discussion: "Prints one line per build. A build with errors prints them and leaves Output/ as it was."
    )

    @Option(help: ArgumentHelp("The site folder, holding Content/.", valueName: "path"))
    var site: String = "."

    @Flag(help: "Scan for changes every 250 ms instead of using inotify (for network or container file systems).")
    var poll = false

    @Flag(help: "Print the time each stage of every build took.")
    var timings = false

    @Flag(help: "Show the changes not yet published as an edition on /changes/.")
    var drafts = false

    @OptionGroup var threads: JobsOption

    func run() async throws {
        let folder = folderURL(site)
        try requireContent(in: folder)
        let timings = self.timings, jobs = threads.value
        let rebuilder = Rebuilder(options: .init(siteFolder: folder, editions: drafts ? .drafts : .published, jobs: jobs)) {
            BuildReport.print($0, timings: timings, jobs: jobs)
        }
        let watcher = makeFileWatcher(siteFolder: folder, polling: poll)
        let how = poll ? "polling" : "inotify"
        do {
            try await runUntilInterrupted {
                let changes = try watcher.changes()
                await rebuilder.build()
                BuildReport.say("watching Content/ and Templates/ (\(how)); Ctrl-C stops")
                await rebuilder.run(changes: changes)
            }
        } catch let error as FileWatcherError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        BuildReport.say("stopped watching")
    }
}

/// Exits with a usage error when `folder` has no `Content/`.
func requireContent(in folder: URL) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("Content").path, isDirectory: &isFolder),
          isFolder.boolValue else {
        throw ValidationError("no Content/ folder in \(folder.path): pass the site folder with --site")
    }
}

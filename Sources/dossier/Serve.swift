import ArgumentParser
import DossierServe
import Foundation

/// `dossier serve`: builds, watches, and serves `Output/` with live reload until Ctrl-C.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, watch and serve Output/ over HTTP; open pages reload after each build, or show its errors.",
        discussion: "Listens on 127.0.0.1 only, unless --host names another address. Ctrl-C stops."
    )

    @Option(help: ArgumentHelp("The site folder, holding Content/.", valueName: "path"))
    var site: String = "."

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0 exposes the site to your network).", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "number"))
    var port: Int = 8000

    @Flag(help: "Scan for changes every 250 ms instead of using inotify.")
    var poll = false

    @Flag(help: "Print the time each stage of every build took.")
    var timings = false

    @OptionGroup var threads: JobsOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let folder = folderURL(site)
        try requireContent(in: folder)
        let timings = self.timings, jobs = threads.value
        var configuration = DevServer.Configuration(siteFolder: folder, host: host, port: port, polling: poll)
        configuration.jobs = jobs
        let server = DevServer(configuration: configuration) { event in
            switch event {
            case .built(let outcome):
                BuildReport.print(outcome, timings: timings, jobs: jobs)
            case .listening(let host, let port):
                let shown = host.contains(":") ? "[\(host)]" : host
                BuildReport.say("serving http://\(shown):\(port)/ — edit Content/ and pages reload (Ctrl-C stops)")
                if !["127.0.0.1", "localhost", "::1"].contains(host) {
                    BuildReport.say("note: listening on \(host), so other machines that can reach it can read the site")
                }
            }
        }
        do {
            try await server.run()
        } catch let error as FileWatcherError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("error: cannot serve on \(host):\(port): \(error)\n".utf8))
            throw ExitCode(1)
        }
        BuildReport.say("stopped")
    }
}

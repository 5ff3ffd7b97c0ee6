import ArgumentParser
import DossierSite
import Foundation

/// `dossier build`: builds a site folder into `Output/`.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site in the current folder (or --site) into Output/.",
        discussion: "Exits 0 on success, 1 when the content has errors (nothing is written then), 2 on usage errors."
    )

    @Option(help: ArgumentHelp("The site folder, holding Content/.", valueName: "path"))
    var site: String = "."

    @Option(help: ArgumentHelp("Where to write the site (default: <site>/Output).", valueName: "path"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Publish address, replacing base_url of site.yml.", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Print only errors: no warnings, no summary line.")
    var quiet = false

    @Flag(help: "Print the time each stage of the build took.")
    var timings = false

    @Flag(help: "Build everything, ignoring what the last build recorded in .dossier/.")
    var clean = false

    @Flag(help: "Show the changes not yet published as an edition on /changes/ (a preview; never deploy it).")
    var drafts = false

    @OptionGroup var threads: JobsOption

    func run() throws {
        let options = SiteBuilder.Options(siteFolder: try existingSiteFolder(site), outputFolder: output.map(folderURL), baseURL: baseURL,
                                          editions: drafts ? .drafts : .published, jobs: threads.value)
        let result = SiteBuilder(options: options).build(usingStamp: !clean, tool: DossierVersion.current)
        DiagnosticPrinter.print(quiet ? result.diagnostics.filter { $0.severity == .error } : result.diagnostics)
        guard result.succeeded else {
            FileHandle.standardError.write(Data("build failed: \(DiagnosticPrinter.summary(result.diagnostics)); Output/ was left as it was\n".utf8))
            throw ExitCode(1)
        }
        if !quiet {
            if timings { print(BuildReport.stages(result, jobs: options.jobs)) }
            print(BuildReport.built(result, warnings: result.diagnostics.count { $0.severity == .warning }) + " → \(options.output.path)")
        }
    }
}

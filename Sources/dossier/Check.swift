import ArgumentParser
import DossierModel
import DossierSite
import Foundation

/// `dossier check`: every validation of a build plus checks of the rendered pages, without writing `Output/`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check content and rendered pages (links, fragments, reachability, citations) without writing Output/.",
        discussion: "Prints one line per finding and a summary; exits 1 when there are errors."
    )

    /// How findings are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("The site folder, holding Content/.", valueName: "path"))
    var site: String = "."

    @Option(help: "Output format: text (path:line:column: severity: message) or json.")
    var format: Format = .text

    @OptionGroup var threads: JobsOption

    func run() throws {
        let builder = SiteBuilder(options: .init(siteFolder: try existingSiteFolder(site), jobs: threads.value))
        let rendered = builder.render()
        var findings = rendered.diagnostics
        if !rendered.diagnostics.hasErrors { findings += SiteChecker.check(rendered) }
        findings.sort()
        switch format {
        case .text:
            for finding in findings { print(finding.description) }
            print(DiagnosticPrinter.summary(findings))
        case .json:
            let rows = findings.map { f -> [String: Any] in
                ["file": f.location.path, "line": f.location.line, "column": f.location.column,
                 "severity": f.severity.rawValue, "code": f.code, "message": f.message]
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}

import Foundation
import Testing

/// The repository's root, where `swift build` leaves `.build/debug/dossier`.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let binary = packageRoot.appendingPathComponent(".build/debug/dossier")

/// Runs the built `dossier` as a user would, with `input` on standard input.
private func dossier(_ arguments: [String], input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe(), err = Pipe(), inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    try process.run()
    inp.fileHandleForWriting.write(Data(input.utf8))
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

private let steelPage = page(head: ledgerHead, body: """
    <p>Nucor said on Tuesday that it would raise prices for steel sold to carmakers, citing higher costs for energy and labour.</p>
    <p>Commerce Secretary Howard Lutnick welcomed the move, which analysts had expected, though not its size.</p>
    <p>“We cannot absorb these costs any longer,” the chief executive said. A spokesman for Howard Lutnick declined to comment.</p>
    """)

@Suite(.enabled(if: FileManager.default.fileExists(atPath: binary.path), "needs the dossier executable from `swift build`"))
struct ImportCommandTests {
    @Test func importsReportsMentionsAndLeavesFailedInputsOut() throws {
        let site = try TempSite()
        defer { site.remove() }
        try site.write("Content/actors/nucor.md", "---\nname: Nucor\nkind: organization\n---\n")
        try steelPage.write(to: site.folder.appendingPathComponent("steel.html"), atomically: true, encoding: .utf8)
        try "<html><body><p>Only four words here.</p></body></html>".write(to: site.folder.appendingPathComponent("short.html"), atomically: true, encoding: .utf8)
        let run = try dossier(["import", "--site", site.folder.path, site.folder.appendingPathComponent("steel.html").path,
                               site.folder.appendingPathComponent("short.html").path])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("imported Content/sources/the-ledger-steel-tariffs-rise-again.md (3 paragraphs"))
        #expect(run.stdout.contains("  actors found: Nucor\n"))
        #expect(run.stdout.contains("  suggested actors: Howard Lutnick (2 mentions)"))
        #expect(run.stderr.contains("error: no article found in \(site.folder.appendingPathComponent("short.html").path): the largest text block has 4 words"))
        #expect(site.files("Content/sources") == ["originals", "the-ledger-steel-tariffs-rise-again.md"])
        try site.write("Content/briefs/b.md", "---\ntitle: B\ndate: 2026-03-05\n---\nCosts [@the-ledger-steel-tariffs-rise-again \"We cannot absorb these costs any longer\"].\n")
        let built = try dossier(["build", "--site", site.folder.path])
        #expect(built.status == 0, "\(built.stderr)")
        let again = try dossier(["import", "--site", site.folder.path, "-"], input: steelPage)
        #expect(again.status == 1)
        #expect(again.stderr.contains("is already imported as 'the-ledger-steel-tariffs-rise-again'"))
    }

    @Test func dryRunAndJSONWriteNothing() throws {
        let site = try TempSite()
        defer { site.remove() }
        let dry = try dossier(["import", "--site", site.folder.path, "--dry-run", "--id", "steel", "-"], input: steelPage)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("# would write Content/sources/steel.md and Content/sources/originals/steel.html\n---\ntitle: \"Steel tariffs rise again\""))
        let json = try dossier(["import", "--site", site.folder.path, "--dry-run", "--format", "json", "-"], input: steelPage)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["title"] as? String == "Steel tariffs rise again")
        #expect(rows.first?["author"] as? [String] == ["Ana Ruiz"])
        #expect((rows.first?["paragraphs"] as? [String])?.count == 3)
        #expect(site.files("Content/sources").isEmpty)
    }
}

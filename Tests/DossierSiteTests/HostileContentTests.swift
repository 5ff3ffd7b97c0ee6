import DossierModel
import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Hostile or broken content: what an attacker or bad luck puts into a site folder must be refused at its path,
/// never published and never followed out of the site.
@Suite struct HostileContentTests {
    private static func errors(_ result: SiteBuilder.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    // MARK: Addresses

    @Test func aScriptAddressInSameAsIsAnErrorAndNeverALink() throws {
        for address in ["javascript:alert(3)", "JavaScript:alert(3)", " java\tscript:alert(3)", "data:text/html,<b>x</b>",
                        "vbscript:msgbox", "https:/no-host", "http://"] {
            let site = try SiteFixture(smallSite + """

            -- Content/actors/mallory.md --
            ---
            name: Mallory
            same_as: ["https://example.org/ok", "\(address.replacingOccurrences(of: "\t", with: "\\t"))"]
            ---
            """)
            defer { site.remove() }
            let result = site.build()
            let errors = Self.errors(result)
            #expect(errors.count == 1, "\(address): \(errors)")
            #expect(errors.first?.hasPrefix("Content/actors/mallory.md:3:") == true, "\(errors)")
            #expect(errors.first?.contains("each entry of 'same_as' must be an http://, https:// or mailto: address") == true)
            #expect(site.output("actors/mallory/index.html") == nil)
        }
    }

    @Test func safeAddressesInSameAsAreLinked() throws {
        let site = try SiteFixture(smallSite + """

        -- Content/actors/mallory.md --
        ---
        name: Mallory
        same_as: ["https://www.wikidata.org/wiki/Q1", "mailto:press@example.org", "/about/"]
        ---
        """)
        defer { site.remove() }
        let result = site.build()
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
        let page = try #require(site.output("actors/mallory/index.html"))
        #expect(page.contains("href=\"https://www.wikidata.org/wiki/Q1\""))
        #expect(page.contains("href=\"mailto:press@example.org\""))
    }

    @Test func aSourceURLMustBeAWebAddress() throws {
        let site = try SiteFixture(smallSite + """

        -- Content/sources/bad.md --
        ---
        title: Bad
        url: javascript:alert(1)
        archived_url: "https://archive.example/\\tx"
        ---
        Text.
        """)
        defer { site.remove() }
        let errors = Self.errors(site.build())
        #expect(errors.contains("Content/sources/bad.md:3:6: error: 'url' must be an http:// or https:// address; found 'javascript:alert(1)'"),
                "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/sources/bad.md:4:") && $0.contains("without control characters") }, "\(errors)")
    }

    // MARK: Exports

    @Test func timelineJSONEscapesWhatTimelineJSRendersAsHTML() throws {
        let site = try SiteFixture(smallSite.replacingOccurrences(of: "title: Review announced",
                                                                  with: "title: \"Review <img src=x onerror=alert(1)> & more\"")
            .replacingOccurrences(of: "name: The Agency", with: "name: \"<b>Agency</b>\""))
        defer { site.remove() }
        let result = site.build()
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
        let data = Data(try #require(site.output("data/timeline.json")).utf8)
        let timeline = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let event = try #require((timeline["events"] as? [[String: Any]])?.first)
        #expect((event["text"] as? [String: Any])?["headline"] as? String == "Review &lt;img src=x onerror=alert(1)&gt; &amp; more")
        #expect(event["group"] as? String == "&lt;b&gt;Agency&lt;/b&gt;")
    }

    // MARK: Files that are not what they seem

    @Test func aSymlinkOutOfTheSiteIsAnErrorAndNothingOfItIsPublished() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-secret-\(UUID().uuidString).txt")
        try Data("root:x:0:0:SECRET-MARKER:/root:/bin/bash\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let link = site.folder.appendingPathComponent("Content/sources/passwd.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: outside.path)
        let result = site.build()
        let errors = Self.errors(result)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("Content/sources/passwd.txt: error: 'passwd.txt' is not read: the symbolic link "
            + "'Content/sources/passwd.txt' leads outside the site folder") == true, "\(errors)")
        #expect(site.outputFiles().allSatisfy { site.output($0)?.contains("SECRET-MARKER") != true })
    }

    @Test func aSymlinkedFolderOutOfTheSiteIsAnError() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("SECRET-MARKER in a file outside the site.\n".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        defer { try? FileManager.default.removeItem(at: outside) }
        let site = try SiteFixture(minimalConfig)
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.folder.appendingPathComponent("Content/sources").path,
                                                   withDestinationPath: outside.path)
        let errors = Self.errors(site.build())
        #expect(errors.count == 1 && errors[0].hasPrefix("Content/sources: error: 'sources' is not read: the symbolic link "
            + "'Content/sources' leads outside"), "\(errors)")
        #expect(site.outputFiles().allSatisfy { site.output($0)?.contains("SECRET-MARKER") != true })
    }

    @Test func aSymlinkInsideTheSiteIsFollowed() throws {
        let site = try SiteFixture(smallSite + """

        -- Shared/wire-copy.txt --
        A copy kept elsewhere in the site folder, cited as LINKED-MARKER.
        """)
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.folder.appendingPathComponent("Content/sources/copy.txt").path,
                                                   withDestinationPath: "../../Shared/wire-copy.txt")
        let result = site.build()
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
        #expect(site.output("sources/copy/index.html")?.contains("LINKED-MARKER") == true)
    }

    @Test func specialFilesAreErrorsAtTheirPathWithTheReason() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let folder = site.folder.appendingPathComponent("Content/actors").path
        #expect(mkfifo(folder + "/fifo.md", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: folder + "/folder.md", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.md", withDestinationPath: "nowhere.md")
        try FileManager.default.createSymbolicLink(atPath: folder + "/loop.md", withDestinationPath: "loop.md")
        let errors = Set(Self.errors(site.build()))
        #expect(errors.contains("Content/actors/fifo.md: error: 'fifo.md' is a FIFO (named pipe), not a file"), "\(errors)")
        #expect(errors.contains("Content/actors/folder.md: error: 'folder.md' is a folder, not a file"), "\(errors)")
        #expect(errors.contains("Content/actors/dangling.md: error: 'dangling.md' is a broken symbolic link: its target "
            + "'nowhere.md' does not exist"), "\(errors)")
        #expect(errors.contains("Content/actors/loop.md: error: 'loop.md' is a symbolic link that leads back to itself (a loop)"),
                "\(errors)")
    }

    @Test func aReferenceToAFileThatCouldNotBeUsedPointsAtIt() throws {
        let site = try SiteFixture(smallSite.replacingOccurrences(of: "actors: [agency, corp]", with: "actors: [agency, corp, piped]")
            + "\n-- Content/briefs/b.md --\n---\ntitle: B\ndate: 2026-03-01\n---\nSee [[piped]].\n")
        defer { site.remove() }
        #expect(mkfifo(site.folder.appendingPathComponent("Content/actors/piped.md").path, 0o644) == 0)
        let errors = Self.errors(site.build())
        #expect(errors.contains("Content/actors/piped.md: error: 'piped.md' is a FIFO (named pipe), not a file"), "\(errors)")
        let pointer = "actor 'piped' is not in the site: Content/actors/piped.md could not be used (see the error reported there)"
        #expect(errors.filter { $0.hasSuffix(pointer) }.count == 2, "\(errors)")
        #expect(!errors.contains { $0.contains("there is no Content/actors/piped.md") }, "\(errors)")
    }

    // root reads every file whatever its mode, so this runs (and is reported as skipped otherwise) only for other users.
    @Test(.enabled(if: getuid() != 0, "root can read a file of mode 000"))
    func anUnreadableFileIsAnErrorWithTheOSReason() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let path = site.folder.appendingPathComponent("Content/actors/corp.md").path
        #expect(chmod(path, 0) == 0)
        let errors = Self.errors(site.build())
        #expect(errors.contains("Content/actors/corp.md: error: 'corp.md' could not be read: Permission denied"), "\(errors)")
    }

    @Test func aSiteYmlThatIsNotAFileIsAnError() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let config = site.folder.appendingPathComponent("Content/site.yml").path
        try FileManager.default.removeItem(atPath: config)
        try FileManager.default.createSymbolicLink(atPath: config, withDestinationPath: "/dev/zero")
        var errors = Self.errors(site.build())
        #expect(errors.contains { $0.hasPrefix("Content/site.yml: error: 'site.yml' is not read: the symbolic link") }, "\(errors)")
        try FileManager.default.removeItem(atPath: config)
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        errors = Self.errors(site.build())
        #expect(errors == ["Content/site.yml: error: 'site.yml' is a folder, not a file"], "\(errors)")
    }

    @Test func aFileNameWithControlCharactersStaysOnOneDiagnosticLine() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try Data("x".utf8).write(to: site.folder.appendingPathComponent("Content/actors/bad\nname\u{1B}[31m.md"))
        let result = site.build()
        let lines = result.diagnostics.map(\.description)
        #expect(lines.contains { $0.contains("Content/actors/bad\\nname\\u{1B}[31m.md") }, "\(lines)")
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\u{1B}") })
    }

    // MARK: Input that would take minutes or gigabytes

    /// 400,000 `[` took minutes when the excerpt rescanned to the end for each one; the limit only catches a hang.
    @Test(.timeLimit(.minutes(1))) func bracketsDoNotMakeTheExcerptQuadratic() {
        let text = String(repeating: "[", count: 400_000) + " [[a]] [@b] [c](d)"
        #expect(Excerpt.plain(text, limit: 50).hasPrefix("["))
        #expect(Excerpt.plain("See [[x|the link]] and [@src \"q\"] then [text](url) here", limit: 80)
            == "See the link and then text here")
    }

    @Test func aliasesThatExpandWithoutBoundAreAnErrorAtTheAlias() throws {
        let long = String(repeating: "x", count: 100_000)
        let site = try SiteFixture(smallSite + """

        -- Content/briefs/laughs.md --
        ---
        title: &a "\(long)"
        date: 2026-03-01
        summary: [\(Array(repeating: "*a", count: 2_000).joined(separator: ", "))]
        ---
        """)
        defer { site.remove() }
        let errors = Self.errors(site.build())
        #expect(errors.count == 1 && errors[0].hasPrefix("Content/briefs/laughs.md:4:")
            && errors[0].contains("aliases ('*a') expand to more than the front matter can hold"), "\(errors.map { $0.prefix(200) })")
        let nested = try SiteFixture(smallSite + """

        -- Content/briefs/nested.md --
        ---
        title: Nested
        date: 2026-03-01
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        ---
        """)
        defer { nested.remove() }
        #expect(Self.errors(nested.build()).contains { $0.contains("expand to more than the front matter can hold") })
    }

    @Test func aTableTooWideToLayOutIsAnErrorAtItsRow() throws {
        let row = "|" + String(repeating: " a |", count: 1_200) + "\n"
        let site = try SiteFixture(smallSite + """

        -- Content/briefs/wide.md --
        ---
        title: Wide
        date: 2026-03-01
        ---
        Intro.

        \(row)\(row.replacingOccurrences(of: " a ", with: "---"))\(row)
        """)
        defer { site.remove() }
        let errors = Self.errors(site.build())
        #expect(errors == ["Content/briefs/wide.md:7:1: error: a table row with more than 1000 columns: split the table "
            + "(Markdown this wide takes minutes to lay out)"], "\(errors)")
    }

    // MARK: Messages

    @Test func invalidUTF8IsOneErrorAtItsLineAndColumn() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        var bytes = Array("---\nname: Example Corp\nrole: Maker of \u{201C}things".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\u{201D}\nkind: organization\n---\nBody.\n".utf8)
        try Data(bytes).write(to: site.folder.appendingPathComponent("Content/actors/corp.md"))
        let errors = Self.errors(site.build())
        #expect(errors == ["Content/actors/corp.md:3:23: error: byte 0xFF is not UTF-8 text: save the file as UTF-8"], "\(errors)")
    }

    @Test func controlCharactersAreRemovedWithAWarningAndReachNoOutput() throws {
        // A double-quoted YAML value can spell them as escapes; the file itself may hold them raw too.
        let site = try SiteFixture(smallSite.replacingOccurrences(of: "role: Contracting authority",
                                                                  with: "role: \"Contracting\\a authority\\x1B[31m\\u0085\""))
        defer { site.remove() }
        try site.write("-- Content/events/bell.md --\n---\ntitle: Bell\u{07} rings\ndate: 2026-03-01\nsources: [wire]\n---\n")
        let result = site.build()
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.diagnostics.map(\.description).contains(
            "Content/events/bell.md:2:12: warning: 1 control character (U+0007) removed: they have no place in text readers see"))
        for file in site.outputFiles() {
            let bytes = Array(site.output(file)?.utf8 ?? "".utf8)
            #expect(!bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }, "\(file)")
            #expect(site.output(file)?.unicodeScalars.contains { (0x80...0x9F).contains($0.value) } != true, "\(file)")
        }
    }

    @Test func anOutputThatCannotBeWrittenIsOneLineWithTheReason() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let blocker = site.folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        let result = SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: blocker.appendingPathComponent("out"))).build()
        let errors = Self.errors(result)
        #expect(errors.count == 1 && errors[0].hasSuffix("Not a directory") && !errors[0].contains("NSCocoaErrorDomain"), "\(errors)")
    }
}

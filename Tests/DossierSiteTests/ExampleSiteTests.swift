import DossierModel
import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The repository's own example briefing, built from the seed article.
@Suite struct ExampleSiteTests {
    func buildExample() throws -> (URL, SiteBuilder.Result) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-example-\(UUID().uuidString)")
        let result = SiteBuilder(options: .init(siteFolder: repositoryRoot, outputFolder: out)).build()
        return (out, result)
    }

    func page(_ out: URL, _ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: out.appendingPathComponent(path).path) ?? Data(), as: UTF8.self)
    }

    @Test func buildsWithoutProblemsAndShowsTheSeedsActorsAndEvents() throws {
        let (out, result) = try buildExample()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(SiteFixture.lines(result.diagnostics) == [])
        let actors = page(out, "actors/index.html")
        for name in ["Dario Amodei", "Emil Michael", "Pete Hegseth", "Sam Altman", "Andy Jassy", "Anthropic", "OpenAI"] {
            #expect(actors.contains(name), "actor \(name) missing from the actor index")
        }
        let amodei = page(out, "actors/dario-amodei/index.html")
        #expect(amodei.contains("Dario Amodei"))
        let timeline = page(out, "timeline/index.html")
        #expect(timeline.contains("supply chain risk") || timeline.contains("supply-chain risk"))
        #expect(timeline.contains("about "), "approximate dates read as such")
        let source = page(out, "sources/anthropic-pentagon-talks-2026-03-05/index.html")
        #expect(source.contains("<mark id=\"q-1\""))
        #expect(source.contains("has resumed negotiations with the Pentagon"))
    }

    @Test func checkFindsNoErrors() throws {
        let rendered = SiteBuilder(options: .init(siteFolder: repositoryRoot)).render()
        var findings = rendered.diagnostics
        findings += SiteChecker.check(rendered)
        #expect(SiteFixture.lines(findings.filter { $0.severity == .error }) == [])
    }
}

/// The theme compiled into the binary must be the one in `Templates/`.
@Suite struct DefaultThemeTests {
    @Test func embeddedThemeMatchesTemplatesFolder() throws {
        var diagnostics: [Diagnostic] = []
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-empty-\(UUID().uuidString)")
        let builtIn = Theme.load(siteFolder: empty, diagnostics: &diagnostics)
        let folder = Theme.load(siteFolder: repositoryRoot, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(folder.overridden == Set(builtIn.templates.keys), "run `make theme`: Templates/ and the built-in theme differ in names")
        let differing = Set(folder.templates.keys).union(builtIn.templates.keys)
            .filter { folder.templates[$0] != builtIn.templates[$0] }.sorted()
        #expect(differing == [], "run `make theme`: these templates differ from the built-in theme")
        let differingAssets = Set(folder.assets.keys).union(builtIn.assets.keys).filter { folder.assets[$0] != builtIn.assets[$0] }.sorted()
        #expect(differingAssets == [], "run `make theme`: these assets differ from the built-in theme")
        #expect(!builtIn.templates.isEmpty)
    }
}

import DossierContent
import DossierModel
import DossierTemplates
import Foundation

/// The first stage's value: the content read and resolved into a model, the theme with its compiled templates,
/// and the edition history — or the diagnostics that stop the build before anything is planned.
struct LoadedSite: Sendable {
    /// The resolved model; nil when the content could not be read into one.
    var site: SiteModel?
    var theme: Theme
    /// The theme's templates, compiled; nil when one of them has a mistake.
    var library: TemplateLibrary?
    var history: EditionHistory
    var diagnostics: [Diagnostic]
    /// Seconds spent in each part of the load.
    var timings: [(stage: String, seconds: Double)]

}

extension SiteBuilder {
    /// Stage 1, load: reads the content (again only where `cache` says it changed) and resolves it into a model,
    /// and reads the theme, its templates and the edition history. Every problem found is in `diagnostics`.
    func load(cache: inout LoadCache) -> LoadedSite {
        var clock = Stopwatch()
        let loaded = SiteLoader(siteFolder: options.siteFolder, baseURLOverride: options.baseURL, jobs: options.jobs).load(cache: &cache)
        let loadTime = clock.lap()
        var diagnostics = loaded.diagnostics
        let theme = Theme.load(siteFolder: options.siteFolder, diagnostics: &diagnostics)
        let library = compile(theme, diagnostics: &diagnostics)
        var (history, problems): (EditionHistory, [Diagnostic]) = (EditionHistory(), [])
        if library != nil {
            for name in SectionPage.requiredTemplates where theme.templates[name] == nil {
                diagnostics.append(.error(SourceLocation(path: theme.path(of: name)), "missing template '\(name)'", code: "template"))
            }
            (history, problems) = EditionHistory.load(siteFolder: options.siteFolder)
        }
        return LoadedSite(site: loaded.site, theme: theme, library: library, history: history,
                          diagnostics: diagnostics + problems,
                          timings: loaded.timings.isEmpty ? [("load", loadTime)] : loaded.timings)
    }

    /// The theme's templates compiled into a library, or nil with the mistakes added to `diagnostics`.
    private func compile(_ theme: Theme, diagnostics: inout [Diagnostic]) -> TemplateLibrary? {
        do {
            return try TemplateLibrary(templates: theme.templates)
        } catch let errors as TemplateErrors {
            diagnostics += errors.errors.map { diagnostic($0, theme) }
        } catch let error as TemplateError {
            diagnostics.append(diagnostic(error, theme))
        } catch {
            diagnostics.append(.error(SourceLocation(path: "Templates"), "\(error)", code: "template"))
        }
        return nil
    }

    /// A template mistake as a diagnostic at the template's file (or in the built-in theme).
    func diagnostic(_ error: TemplateError, _ theme: Theme) -> Diagnostic {
        let path = theme.overridden.contains(error.name) ? theme.path(of: error.name) : "(built-in theme)/\(error.name).mustache"
        return .error(SourceLocation(path: path, line: error.line, column: error.column), error.message, code: "template")
    }
}

import DossierContent
import DossierModel
import DossierTemplates
import Foundation

/// The templates and static files pages are drawn with: the default theme, with a site's own
/// `Templates/` files replacing the defaults of the same name.
public struct Theme: Sendable {
    /// Template sources by name (`layout`, `actor`, `partials/refs`), after overrides.
    public var templates: [String: String]
    /// Static files by output path below `assets/` (`style.css`), after overrides.
    public var assets: [String: [UInt8]]
    /// Which template names came from the site's own folder, for diagnostics paths.
    public var overridden: Set<String>

    /// The theme compiled into the binary.
    public static var builtIn: Theme {
        var templates: [String: String] = [:]
        var assets: [String: [UInt8]] = [:]
        for (path, text) in DefaultTheme.files {
            if path.hasSuffix(".mustache") {
                templates[String(path.dropLast(".mustache".count))] = text
            } else if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = Array(text.utf8)
            }
        }
        return Theme(templates: templates, assets: assets, overridden: [])
    }

    /// A digest of the theme compiled into the binary, so a rebuilt tool with another theme is told apart.
    static let builtInDigest: String = OutputWriter.sha256(Array(DefaultTheme.files.keys.sorted()
        .map { $0 + "\u{0}" + DefaultTheme.files[$0]! }.joined(separator: "\u{0}").utf8))

    /// The built-in theme with the files of `siteFolder/Templates/` laid over it.
    public static func load(siteFolder: URL, diagnostics: inout [Diagnostic]) -> Theme {
        var theme = builtIn
        let folder = siteFolder.appendingPathComponent(SiteLayout.templates)
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return theme
        }
        var files: [(String, URL)] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            guard !relative.split(separator: "/").contains(where: { SiteLayout.isIgnored(name: $0) }) else { continue }
            files.append((relative, url))
        }
        for (relative, url) in files.sorted(by: { $0.0 < $1.0 }) {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            if relative.hasSuffix(".mustache") {
                guard let text = String(validating: data, as: UTF8.self) else {
                    diagnostics.append(.error(SourceLocation(path: "Templates/\(relative)"), "template is not valid UTF-8 text", code: "not-utf8"))
                    continue
                }
                let name = String(relative.dropLast(".mustache".count))
                theme.templates[name] = text
                theme.overridden.insert(name)
            } else if relative.hasPrefix("assets/") {
                theme.assets[String(relative.dropFirst("assets/".count))] = Array(data)
            } else {
                diagnostics.append(.warning(SourceLocation(path: "Templates/\(relative)"),
                                            "ignored: Templates/ holds *.mustache templates and static files under assets/",
                                            code: "ignored-file"))
            }
        }
        return theme
    }

    /// The path a diagnostic about template `name` should name.
    public func path(of name: String) -> String { "Templates/\(name).mustache" }
}

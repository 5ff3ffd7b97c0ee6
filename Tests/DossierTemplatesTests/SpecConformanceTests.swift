import Foundation
import Testing
import DossierTemplates

/// Runs every case of the official Mustache spec files (core modules plus `~inheritance`) in
/// non-strict mode, as the spec requires, and reports each failing case by file and name.
struct SpecConformanceTests {
    /// The spec files, copied from the official repository (with its license) into `MustacheSpec/` beside this file.
    static let specFolder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("MustacheSpec", isDirectory: true)

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    /// The name the case's main template gets in the library (spec partial names never start with a space).
    static let mainName = " spec main "

    @Test("Every Mustache spec case renders its expected output")
    func everySpecCase() throws {
        var failures: [String] = []
        var total = 0
        for file in Self.files {
            let url = Self.specFolder.appendingPathComponent("\(file).json")
            let data = try Data(contentsOf: url)
            let json = try #require(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any])
            let cases = try #require(json["tests"] as? [[String: Any]])
            for testCase in cases {
                total += 1
                let name = testCase["name"] as? String ?? "?"
                let template = testCase["template"] as? String ?? ""
                let expected = testCase["expected"] as? String ?? ""
                var templates = testCase["partials"] as? [String: String] ?? [:]
                templates[Self.mainName] = template
                let value = TemplateValue(json: testCase["data"] ?? NSNull())
                do {
                    let library = try TemplateLibrary(templates: templates)
                    let output = try library.render(Self.mainName, with: value, strict: false)
                    if output != expected {
                        failures.append("\(file).json: \(name): expected \(expected.debugDescription), got \(output.debugDescription)")
                    }
                } catch {
                    failures.append("\(file).json: \(name): threw \(error)")
                }
            }
        }
        print("Mustache spec: \(total - failures.count) of \(total) cases pass.")
        for failure in failures {
            Issue.record(Comment(rawValue: failure))
        }
        #expect(total == 163, "the spec files hold 163 cases")
        #expect(failures.isEmpty, "\(failures.count) spec cases fail")
    }
}

import Testing
import DossierTemplates

/// `names`, `dependencies(of:)`, rendering from several tasks at once, and name lookups however the names were made.
struct LibraryTests {
    @Test func namesAreSorted() throws {
        let library = try TemplateLibrary(templates: ["b": "", "c": "", "a": ""])
        #expect(library.names == ["a", "b", "c"])
    }

    @Test func dependenciesFollowPartialsAndParentsTransitively() throws {
        let library = try TemplateLibrary(templates: [
            "page": "{{<layout}}{{$content}}{{>card}}{{/content}}{{/layout}}",
            "layout": "{{>head}}{{$content}}{{/content}}",
            "head": "{{#x}}{{>missing}}{{/x}}",
            "card": "card",
            "alone": "{{x}}",
            "recursive": "{{#children}}{{>recursive}}{{/children}}",
        ])
        #expect(library.dependencies(of: "page") == ["layout", "card", "head", "missing"])
        #expect(library.dependencies(of: "layout") == ["head", "missing"])
        #expect(library.dependencies(of: "card") == [])
        #expect(library.dependencies(of: "alone") == [])
        #expect(library.dependencies(of: "recursive") == ["recursive"])
        #expect(library.dependencies(of: "not-there") == [])
    }

    @Test func rendersConcurrently() async throws {
        let library = try TemplateLibrary(templates: ["t": "{{#items}}{{.}},{{/items}}"])
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<8 {
                group.addTask { try library.render("t", with: ["items": .list((0..<i).map { .number(Double($0)) })]) }
            }
            var all: [String] = []
            for try await output in group { all.append(output) }
            return all.sorted()
        }
        #expect(outputs.count == 8)
        #expect(outputs.contains("0,1,2,3,4,5,6,"))
    }

    /// The renderer compares a name's representation before its text: a long name made at run time (with storage
    /// of its own) must still be found by its text, in the object, up the context stack and in a base object.
    @Test func namesAreFoundByTheirTextHoweverTheyWereMade() throws {
        let library = try TemplateLibrary(templates: [
            "t": "{{a_rather_long_field_name}}|{{#outer}}{{a_rather_long_field_name}}{{/outer}}|{{base.inherited_long_field}}",
        ])
        let madeAtRunTime = ["a_rather", "long", "field", "name"].joined(separator: "_")
        var base = TemplateObject()
        base[TemplateKey(["inherited", "long", "field"].joined(separator: "_"))] = "from base"
        let value: TemplateValue = .object([
            TemplateKey(madeAtRunTime): "root",
            "outer": ["other": "x"],
            "base": .object(TemplateObject(extending: base)),
        ])
        #expect(try library.render("t", with: value) == "root|root|from base")
    }
}

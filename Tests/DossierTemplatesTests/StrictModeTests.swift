import Testing
import DossierTemplates

/// Strict mode (the default): names that resolve to nothing are errors at the tag's line and column.
struct StrictModeTests {
    static let data: TemplateValue = [
        "title": "Dossier",
        "actor": ["name": "Ada", "born": 1815],
        "nothing": .null,
        "actors": [["name": "Ada"], ["name": "Grace"]],
    ]

    @Test func unknownNameReportsTemplateLineAndColumn() throws {
        let library = try TemplateLibrary(templates: ["actor": "<h1>{{title}}</h1>\n<p>\n    {{nmae}}\n</p>\n"])
        let error = #expect(throws: TemplateError.self) {
            try library.render("actor", with: Self.data)
        }
        #expect(error == TemplateError(name: "actor", line: 3, column: 5, message: "unknown name 'nmae'"))
        #expect(error?.description == "actor:3:5: error: unknown name 'nmae'")
    }

    @Test func unknownDottedTailIsAnError() throws {
        let library = try TemplateLibrary(templates: ["Templates/actor.mustache": "a\nb\nc {{actor.name}} {{actor.nmae}}"])
        let error = #expect(throws: TemplateError.self) {
            try library.render("Templates/actor.mustache", with: Self.data)
        }
        #expect(error?.description == "Templates/actor.mustache:3:18: error: unknown name 'actor.nmae'")
    }

    @Test func dottedNameThroughNonObjectIsAnError() throws {
        let library = try TemplateLibrary(templates: ["t": "{{title.length}}"])
        let error = #expect(throws: TemplateError.self) {
            try library.render("t", with: Self.data)
        }
        #expect(error == TemplateError(name: "t", line: 1, column: 1, message: "unknown name 'title.length'"))
    }

    @Test func unknownSectionAndInvertedSectionNamesAreErrors() throws {
        let library = try TemplateLibrary(templates: [
            "section": "ok\n  {{#actorz}}x{{/actorz}}",
            "inverted": "ok\nok\n\t{{^actorz}}x{{/actorz}}",
        ])
        let section = #expect(throws: TemplateError.self) { try library.render("section", with: Self.data) }
        #expect(section == TemplateError(name: "section", line: 2, column: 3, message: "unknown name 'actorz'"))
        let inverted = #expect(throws: TemplateError.self) { try library.render("inverted", with: Self.data) }
        #expect(inverted == TemplateError(name: "inverted", line: 3, column: 2, message: "unknown name 'actorz'"))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let library = try TemplateLibrary(templates: ["t": "héllo 👍 {{missing}}"])
        let error = #expect(throws: TemplateError.self) { try library.render("t", with: Self.data) }
        #expect(error?.line == 1)
        #expect(error?.column == 9)
    }

    @Test func nullCountsAsResolvedAndIsFalsey() throws {
        let library = try TemplateLibrary(templates: ["t": "[{{nothing}}][{{#nothing}}yes{{/nothing}}][{{^nothing}}no{{/nothing}}]"])
        #expect(try library.render("t", with: Self.data) == "[][][no]")
    }

    @Test func namesResolveThroughTheContextStack() throws {
        let library = try TemplateLibrary(templates: ["t": "{{#actors}}{{name}} in {{title}}; {{/actors}}{{#actor}}{{name}} {{born}}{{/actor}}"])
        #expect(try library.render("t", with: Self.data) == "Ada in Dossier; Grace in Dossier; Ada 1815")
    }

    @Test func nonStrictModeRendersMissingNamesAsEmpty() throws {
        let library = try TemplateLibrary(templates: ["t": "[{{nmae}}][{{actor.nmae}}][{{#nope}}x{{/nope}}][{{^nope}}y{{/nope}}]"])
        #expect(try library.render("t", with: Self.data, strict: false) == "[][][][y]")
        #expect(throws: TemplateError.self) { try library.render("t", with: Self.data) }
    }

    @Test func errorInAPartialNamesThePartial() throws {
        let library = try TemplateLibrary(templates: ["page": "{{title}}\n{{>card}}", "card": "<div>\n  {{actor.nmae}}</div>"])
        let error = #expect(throws: TemplateError.self) { try library.render("page", with: Self.data) }
        #expect(error == TemplateError(name: "card", line: 2, column: 3, message: "unknown name 'actor.nmae'"))
    }

    @Test func interpolatingAListOrObjectIsAnErrorInStrictMode() throws {
        let library = try TemplateLibrary(templates: ["list": "{{actors}}", "object": "x{{actor}}"])
        let list = #expect(throws: TemplateError.self) { try library.render("list", with: Self.data) }
        #expect(list?.line == 1 && list?.column == 1)
        let object = #expect(throws: TemplateError.self) { try library.render("object", with: Self.data) }
        #expect(object?.column == 2)
        #expect(try library.render("list", with: Self.data, strict: false) == "")
    }

    @Test func unknownTemplateIsAnError() throws {
        let library = try TemplateLibrary(templates: ["t": "x"])
        let error = #expect(throws: TemplateError.self) { try library.render("nope", with: [:], strict: false) }
        #expect(error == TemplateError(name: "nope", line: 0, column: 0, message: "no template named 'nope' in the library"))
        #expect(error?.description == "nope:0:0: error: no template named 'nope' in the library")
    }
}

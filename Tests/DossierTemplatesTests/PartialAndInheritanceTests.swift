import Testing
import DossierTemplates

/// Partials, parents and blocks: missing templates, indentation, and a layout with overridden blocks.
struct PartialAndInheritanceTests {
    @Test func missingPartialIsAnErrorInStrictModeAndEmptyOtherwise() throws {
        let library = try TemplateLibrary(templates: ["page": "line 1\n  x {{>missing}}|"])
        let error = #expect(throws: TemplateError.self) { try library.render("page", with: [:]) }
        #expect(error == TemplateError(name: "page", line: 2, column: 5, message: "unknown partial 'missing'"))
        #expect(try library.render("page", with: [:], strict: false) == "line 1\n  x |")
    }

    @Test func missingParentIsAnErrorInStrictModeAndEmptyOtherwise() throws {
        let library = try TemplateLibrary(templates: ["page": "<p>\n\t{{<base}}{{$a}}x{{/a}}{{/base}}</p>"])
        let error = #expect(throws: TemplateError.self) { try library.render("page", with: [:]) }
        #expect(error == TemplateError(name: "page", line: 2, column: 2, message: "unknown parent template 'base'"))
        #expect(try library.render("page", with: [:], strict: false) == "<p>\n\t</p>")
    }

    @Test func standalonePartialIsIndentedLineByLine() throws {
        let library = try TemplateLibrary(templates: [
            "list": "<ul>\n  {{>item}}\n</ul>\n",
            "item": "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n",
        ])
        #expect(try library.render("list", with: ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    }

    @Test func inlinePartialIsNotIndented() throws {
        let library = try TemplateLibrary(templates: ["page": "  <b>{{>p}}</b>\n", "p": "1\n2"])
        #expect(try library.render("page", with: [:]) == "  <b>1\n2</b>\n")
    }

    static let layoutTemplates = [
        "layout": """
            <html>
            <head>{{>head}}</head>
            <body>
              {{>nav}}
              <main>
                {{$content}}
                <p>No content.</p>
                {{/content}}
              </main>
              {{$footer}}<footer>Default footer</footer>{{/footer}}
            </body>
            </html>

            """,
        "head": "<title>{{$title}}Site{{/title}}</title>",
        "nav": "<nav>{{#links}}<a href=\"{{url}}\">{{label}}</a>{{/links}}</nav>\n",
        "page": """
            {{<layout}}
            {{$title}}{{title}} | Site{{/title}}
            {{$content}}
            <h1>{{title}}</h1>
            {{#items}}
            <p>{{.}}</p>
            {{/items}}
            {{/content}}
            {{/layout}}

            """,
        "bare": "{{<layout}}{{/layout}}",
    ]

    @Test func pageOverridesLayoutBlocksThroughANestedPartial() throws {
        let library = try TemplateLibrary(templates: Self.layoutTemplates)
        let data: TemplateValue = [
            "title": "Home & Away",
            "links": [["url": "/", "label": "Home"], ["url": "/about/", "label": "About"]],
            "items": ["a", "b"],
        ]
        #expect(try library.render("page", with: data) == """
            <html>
            <head><title>Home &amp; Away | Site</title></head>
            <body>
              <nav><a href="/">Home</a><a href="/about/">About</a></nav>
              <main>
                <h1>Home &amp; Away</h1>
                <p>a</p>
                <p>b</p>
              </main>
              <footer>Default footer</footer>
            </body>
            </html>

            """)
    }

    @Test func layoutWithoutOverridesRendersItsDefaults() throws {
        let library = try TemplateLibrary(templates: Self.layoutTemplates)
        #expect(try library.render("bare", with: ["links": []]) == """
            <html>
            <head><title>Site</title></head>
            <body>
              <nav></nav>
              <main>
                <p>No content.</p>
              </main>
              <footer>Default footer</footer>
            </body>
            </html>

            """)
    }

    @Test func indentedParentReindentsLayoutAndBlockContent() throws {
        let library = try TemplateLibrary(templates: [
            "layout": "<main>\n  {{$content}}\n  <p>default</p>\n  {{/content}}\n</main>\n",
            "page": """
                <div>
                  {{<layout}}
                  {{$content}}
                      {{#items}}
                      <i>{{.}}</i>

                      {{/items}}
                  {{/content}}
                  {{/layout}}
                </div>

                """,
        ])
        #expect(try library.render("page", with: ["items": ["a", "b"]]) == """
            <div>
              <main>
                <i>a</i>

                <i>b</i>

              </main>
            </div>

            """)
    }

    @Test func multiLevelInheritanceTopLevelWins() throws {
        let library = try TemplateLibrary(templates: [
            "base": "<{{$a}}base{{/a}}|{{$b}}base{{/b}}|{{$c}}base{{/c}}>",
            "middle": "{{<base}}{{$a}}middle{{/a}}{{$b}}middle{{/b}}{{/base}}",
            "page": "{{<middle}}{{$a}}page{{/a}}{{/middle}}",
        ])
        #expect(try library.render("page", with: [:]) == "<page|middle|base>")
    }

    @Test func overrideContentCanUseAParentWithTheSameBlockNames() throws {
        let library = try TemplateLibrary(templates: [
            "layout": "<main>{{$content}}{{/content}}</main>",
            "card": "<div>{{$content}}empty{{/content}}</div>",
            "page": "{{<layout}}{{$content}}{{<card}}{{$content}}card body{{/content}}{{/card}}{{/content}}{{/layout}}",
        ])
        #expect(try library.render("page", with: [:]) == "<main><div>card body</div></main>")
    }

    @Test func endlessPartialRecursionIsAnError() throws {
        let library = try TemplateLibrary(templates: ["loop": "x{{>loop}}"])
        let error = #expect(throws: TemplateError.self) { try library.render("loop", with: [:], strict: false) }
        #expect(error?.name == "loop")
        #expect(error?.column == 2)
    }
}

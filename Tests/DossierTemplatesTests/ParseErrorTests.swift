import Testing
import DossierTemplates

/// Parse errors carry name, line and column; `TemplateLibrary.init` reports all of them at once.
struct ParseErrorTests {
    /// The errors `TemplateLibrary.init` throws for `templates` (empty if it parses).
    func parseErrors(_ templates: [String: String]) -> [TemplateError] {
        do {
            _ = try TemplateLibrary(templates: templates)
            return []
        } catch let errors as TemplateErrors {
            return errors.errors
        } catch {
            Issue.record("unexpected error type: \(error)")
            return []
        }
    }

    @Test func unclosedSection() {
        #expect(parseErrors(["page": "a\n  {{#items}}\n{{name}}\n"]) == [
            TemplateError(name: "page", line: 2, column: 3, message: "unclosed section 'items'"),
        ])
        #expect(parseErrors(["page": "{{^none}}"]).map(\.message) == ["unclosed inverted section 'none'"])
        #expect(parseErrors(["page": "x{{$block}}"]).map(\.message) == ["unclosed block 'block'"])
        #expect(parseErrors(["page": "{{<layout}}"]).map(\.message) == ["unclosed parent 'layout'"])
    }

    @Test func mismatchedClosingTag() {
        #expect(parseErrors(["page": "{{#a}}\n x {{/b}}"]) == [
            TemplateError(name: "page", line: 2, column: 4,
                          message: "closing tag 'b' does not match the open section 'a' (opened at line 1, column 1)"),
        ])
    }

    @Test func closingTagWithoutSection() {
        #expect(parseErrors(["page": "ok\n{{/a}}"]) == [
            TemplateError(name: "page", line: 2, column: 1, message: "unexpected closing tag 'a': no section is open"),
        ])
    }

    @Test func unclosedTag() {
        #expect(parseErrors(["page": "ok\nabc {{name\nmore"]) == [
            TemplateError(name: "page", line: 2, column: 5, message: "unclosed tag: no '}}' after it"),
        ])
        #expect(parseErrors(["page": "{{{raw}}"]).map(\.message) == ["unclosed tag: no '}}}' after it"])
    }

    @Test func emptyAndInvalidNames() {
        #expect(parseErrors(["page": "a {{ }} b\n{{# }}{{/x}}"]).map { "\($0.line):\($0.column) \($0.message)" } == [
            "1:3 empty tag name",
            "2:1 empty tag name",
            "2:7 unexpected closing tag 'x': no section is open",
        ])
        #expect(parseErrors(["page": "{{a..b}}"]) == [TemplateError(name: "page", line: 1, column: 1, message: "invalid name 'a..b'")])
        #expect(parseErrors(["page": "{{a b}}"]).map(\.message) == ["invalid name 'a b': names cannot contain spaces"])
    }

    @Test func badSetDelimiterTag() {
        let errors = parseErrors(["page": "x\n  {{=<% =}}"])
        #expect(errors.count == 1)
        #expect(errors.first?.line == 2)
        #expect(errors.first?.column == 3)
        #expect(errors.first?.message.hasPrefix("invalid set-delimiter tag") == true)
    }

    @Test func sectionDirectlyInsideParentIsAnError() {
        #expect(parseErrors(["page": "{{<layout}}{{#x}}{{/x}}{{/layout}}", "layout": ""]).map { "\($0.line):\($0.column)" } == ["1:12"])
    }

    @Test func everyErrorOfEveryTemplateIsReported() {
        let templates = [
            "a": "{{#x}}",
            "b": "ok {{/y}}\n{{z",
            "c": "fine {{z}}",
            "d": "{{#s}}\n{{/t}}\n{{}}",
        ]
        do {
            _ = try TemplateLibrary(templates: templates)
            Issue.record("expected parse errors")
        } catch let errors as TemplateErrors {
            #expect(errors.errors == [
                TemplateError(name: "a", line: 1, column: 1, message: "unclosed section 'x'"),
                TemplateError(name: "b", line: 1, column: 4, message: "unexpected closing tag 'y': no section is open"),
                TemplateError(name: "b", line: 2, column: 1, message: "unclosed tag: no '}}' after it"),
                TemplateError(name: "d", line: 2, column: 1,
                              message: "closing tag 't' does not match the open section 's' (opened at line 1, column 1)"),
                TemplateError(name: "d", line: 3, column: 1, message: "empty tag name"),
            ])
            #expect(errors.description == """
                a:1:1: error: unclosed section 'x'
                b:1:4: error: unexpected closing tag 'y': no section is open
                b:2:1: error: unclosed tag: no '}}' after it
                d:2:1: error: closing tag 't' does not match the open section 's' (opened at line 1, column 1)
                d:3:1: error: empty tag name
                """)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func validTemplatesParse() throws {
        let library = try TemplateLibrary(templates: ["b": "{{=<% %>=}}<%x%>", "a": "{{! ok }}"])
        #expect(library.names == ["a", "b"])
    }
}

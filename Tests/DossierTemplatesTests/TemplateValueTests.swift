import Foundation
import Testing
import DossierTemplates

/// `TemplateValue(json:)`, literals and truthiness.
struct TemplateValueTests {
    @Test func jsonBooleansStayBooleansAndNumbersStayNumbers() throws {
        let json = #"{"t": true, "f": false, "one": 1, "zero": 0, "pi": 3.25, "s": "x", "n": null, "list": [1, true, "a"], "obj": {"a": "b"}}"#
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let value = TemplateValue(json: object)
        #expect(value == [
            "t": .bool(true), "f": .bool(false), "one": .number(1), "zero": .number(0), "pi": .number(3.25),
            "s": .string("x"), "n": .null, "list": [.number(1), .bool(true), .string("a")], "obj": ["a": "b"],
        ])
    }

    @Test func jsonValuesRenderAsExpected() throws {
        let json = #"{"t": true, "f": false, "one": 1, "zero": 0, "price": 1.210}"#
        let value = TemplateValue(json: try JSONSerialization.jsonObject(with: Data(json.utf8)))
        let library = try TemplateLibrary(templates: [
            "t": "{{t}} {{f}} {{one}} {{zero}} {{price}} [{{#t}}T{{/t}}{{#f}}F{{/f}}{{#zero}}0{{/zero}}{{#one}}1{{/one}}]",
        ])
        #expect(try library.render("t", with: value) == "true false 1 0 1.21 [T01]")
    }

    @Test func swiftScalarsConvert() {
        #expect(TemplateValue(json: true) == .bool(true))
        #expect(TemplateValue(json: 1) == .number(1))
        #expect(TemplateValue(json: 2.5) == .number(2.5))
        #expect(TemplateValue(json: NSNumber(value: 1)) == .number(1))
        #expect(TemplateValue(json: NSNumber(value: false)) == .bool(false))
        #expect(TemplateValue(json: NSNull()) == .null)
        #expect(TemplateValue(json: Optional<String>.none as Any) == .null)
        #expect(TemplateValue(json: ["a": [1, "b"]] as [String: Any]) == ["a": [1, "b"]])
    }

    @Test func literalsBuildTheMatchingCases() {
        let value: TemplateValue = ["s": "x", "n": 3, "d": 0.5, "b": false, "l": ["y"]]
        #expect(value == .object(["s": .string("x"), "n": .number(3), "d": .number(0.5), "b": .bool(false), "l": .list([.string("y")])]))
    }

    @Test func truthiness() throws {
        let library = try TemplateLibrary(templates: ["t": "{{#v}}yes{{/v}}{{^v}}no{{/v}}"])
        let cases: [(TemplateValue, String)] = [
            (.bool(true), "yes"), (.bool(false), "no"), (.null, "no"), (.list([]), "no"), (.list([1]), "yes"),
            (.string(""), "no"), (.string("x"), "yes"), (.html(""), "no"), (.number(0), "yes"), (.object([:]), "yes"),
        ]
        for (value, expected) in cases {
            #expect(try library.render("t", with: ["v": value]) == expected, "\(value)")
        }
    }

    /// Objects keep their entries in shared storage until one changes: a change, addition or removal through one
    /// copy must leave the other as it was, and a render of the first must see its own entries.
    @Test func objectCopiesChangeIndependently() throws {
        var first: TemplateObject = ["a": "1", "b": "2"]
        for i in 0..<20 { first[TemplateKey("k\(i)")] = .number(Double(i)) }
        var second = first
        second["a"] = "changed"
        second["b"] = nil
        second["c"] = "added"
        #expect(first["a"] == "1" && first["b"] == "2" && first["c"] == nil && first["k19"] == .number(19))
        #expect(second["a"] == "changed" && second["b"] == nil && second["c"] == "added" && second["k19"] == .number(19))
        first["k0"] = nil
        #expect(first["k0"] == nil && second["k0"] == .number(0) && first.pairs.count == 21 && second.pairs.count == 22)
        let library = try TemplateLibrary(templates: ["t": "{{a}}{{b}}{{c}}{{k19}}"])
        #expect(try library.render("t", with: .object(first), strict: false) == "1219")
        #expect(try library.render("t", with: .object(second), strict: false) == "changedadded19")
    }
}

import Testing
@testable import ZoningProject

@Suite struct ConfigurationNodeTests {
    @Test func typedValuesWithPathsAndLines() throws {
        let root = try ConfigurationNode(yaml: "name: 样例\ncode: 370299\nlist: [a, b]\none: x\nn: 2.5\nflag: true\n", file: "f.yaml")
        let keys = try root.mapping(keys: ["name", "code", "list", "one", "n", "flag"])
        #expect(try keys["name"]?.string() == "样例")
        #expect(try keys["code"]?.string() == "370299")  // a code written as a number is text
        #expect(try keys["list"]?.strings() == ["a", "b"] && keys["list"]?.line == 3)
        #expect(try keys["one"]?.strings() == ["x"])  // a single value is a list of one
        #expect(try keys["n"]?.double() == 2.5 && keys["n"]?.path == "n")
        #expect(try keys["flag"]?.bool() == true)
        #expect(throws: ConfigurationError(file: "f.yaml", line: 5, key: "n", problem: "expected a whole number, found \"2.5\"")) { try keys["n"]?.int() }
        #expect(throws: ConfigurationError(file: "f.yaml", line: 3, key: "list", problem: "expected text, found a list")) { try keys["list"]?.string() }
        #expect(throws: ConfigurationError(file: "f.yaml", line: 1, key: "name", problem: "unknown key \"name\"; the keys here are code")) {
            try root.mapping(keys: ["code"])
        }
    }

    @Test func emptyAndUnreadableFiles() {
        #expect(throws: ConfigurationError(file: "e.yaml", line: 1, key: "", problem: "the file is empty")) { try ConfigurationNode(yaml: "", file: "e.yaml") }
        #expect(throws: ConfigurationError(file: "/nonexistent.yaml", line: 0, key: "", problem: "the file cannot be read")) {
            try ConfigurationNode(contentsOf: "/nonexistent.yaml")
        }
        #expect(ConfigurationError(file: "/x.yaml", line: 0, key: "", problem: "p").description == "/x.yaml: p")
    }
}

/// Anchors and aliases are refused before parsing: nested aliases used as keys make a few
/// hundred bytes of YAML expand for hours.
@Suite struct ConfigurationAliasTests {
    /// Ten levels of aliases nested as mapping keys, each level naming the one before nine
    /// times (the hostile shape): refused before parsing, with the line of the first anchor.
    @Test func nestedAliasesAreRefusedAtOnce() throws {
        var yaml = "a0: &a0 [x, y, z]\n"
        for level in 1...10 {
            let keys = (1...9).map { "? *a\(level - 1)\n  : \($0)" }.joined(separator: "\n  ")
            yaml += "a\(level): &a\(level)\n  \(keys)\n"
        }
        #expect { try ConfigurationNode(yaml: yaml, file: "hostile.yaml") } throws: { error in
            let error = error as? ConfigurationError
            return error?.line == 1 && error?.problem.contains("anchors and aliases (&a0) are not allowed") == true
        }
    }

    /// `*` and `&` inside words, quotes and comments are text.
    @Test func starsInTextAreText() throws {
        let yaml = """
            name: "平度市 *2 & more"   # a *comment &too
            note: 'a *b'
            formula: a*b&c
            list: [x, "*y"]
            """
        #expect(ConfigurationNode.firstAnchorOrAlias(in: yaml) == nil)
        #expect(ConfigurationNode.firstAnchorOrAlias(in: "a: 1\nb: [1, *x]")?.line == 2)
        #expect(ConfigurationNode.firstAnchorOrAlias(in: "- &first {a: 1}")?.token == "&first")
        _ = try ConfigurationNode(yaml: yaml, file: "ok.yaml")
    }
}

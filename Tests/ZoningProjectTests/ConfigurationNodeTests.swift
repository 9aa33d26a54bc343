import Testing
import ZoningProject

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

import Testing
import ZoningLayers

@Suite struct JSONValueTests {
    @Test func keepsMemberOrderAndTypes() throws {
        let value = try JSONValue(parsing: #" {"z": 1, "a": -2.5e1, "m": [true, false, null], "s": "城\"关\\n\u00e9\ud83d\ude00"} "#)
        #expect(value.object?.map(\.key) == ["z", "a", "m", "s"])
        #expect(value["z"] == .integer(1))
        #expect(value["a"] == .number(-25))
        #expect(value["m"] == .array([.bool(true), .bool(false), .null]))
        #expect(value["s"] == .string("城\"关\\né😀"))
    }

    @Test func textRoundTrips() throws {
        let source = #"{"name":"东湖镇","pop":3500,"share":0.62,"tags":["a","b"],"none":null,"ok":true}"#
        let value = try JSONValue(parsing: source)
        #expect(value.text == source)
        #expect(try JSONValue(parsing: value.text) == value)
    }

    @Test func errorsSayWhere() {
        #expect(throws: JSONValue.SyntaxError(line: 2, column: 3, problem: "expected ',' or '}' in an object")) {
            try JSONValue(parsing: "{\"a\": 1\n  \"b\": 2}")
        }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue(parsing: "[1, 2") }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue(parsing: "{\"a\": tru}") }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue(parsing: "1 2") }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try JSONValue(parsing: "\u{FEFF}[1]") == .array([.integer(1)]))
    }
}

@Suite struct JSONValueIndentedTests {
    @Test func indentedTextParsesBackToTheSameValue() throws {
        let value = JSONValue.object([("a", .array([.integer(1), .object([("b", .string("城"))]), .array([])])), ("c", .object([])), ("d", .null)])
        let text = value.indentedText
        #expect(text == "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"城\"\n    },\n    []\n  ],\n  \"c\": {},\n  \"d\": null\n}")
        #expect(try JSONValue(parsing: text) == value)
    }

    /// A lone high surrogate is replaced (U+FFFD), and the escape after it read on its own.
    @Test func loneSurrogates() throws {
        #expect(try JSONValue(parsing: "\"\\ud800\\u0041\"") == .string("\u{FFFD}A"))
        #expect(try JSONValue(parsing: "\"\\ud800x\"") == .string("\u{FFFD}x"))
        #expect(try JSONValue(parsing: "\"\\udc00\"") == .string("\u{FFFD}"))
        #expect(try JSONValue(parsing: "\"\\ud83d\\ude00\"") == .string("😀"))
    }
}

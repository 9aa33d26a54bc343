import Foundation
import ZoningSupport

/// A JSON value that keeps the order of object members, which Foundation's JSON APIs do not:
/// GeoJSON properties come back in the order the file gives them.
///
/// ```swift
/// let value = try JSONValue(parsing: #"{"b": 1, "a": [true, null]}"#)
/// value.object?.map(\.key)  // ["b", "a"]
/// value.text                // {"b":1,"a":[true,null]}
/// ```
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits 64 bits.
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.integer(x), .integer(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
        default: false
        }
    }

    /// Parses JSON text (RFC 8259).
    /// - Throws: `JSONValue.SyntaxError` with the line and column of the problem.
    public init(parsing text: String) throws {
        var parser = Parser(bytes: Array(text.utf8))
        self = try parser.parseDocument()
    }

    /// An attribute as JSON: dates as `YYYY-MM-DD` strings, non-finite numbers as null.
    public init(_ value: AttributeValue) {
        switch value {
        case .null: self = .null
        case .string(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        case .real(let number): self = number.isFinite ? .number(number) : .null
        case .date(let date): self = .string(date.description)
        case .boolean(let flag): self = .bool(flag)
        }
    }

    /// The members of an object, in order; nil for other values.
    public var object: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The value of member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        object?.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Compact JSON text.
    public var text: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number):
            return number.isFinite ? (number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) + ".0" : String(number)) : "null"
        case .string(let text): return Self.quoted(text)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { Self.quoted($0.key) + ":" + $0.value.text }.joined(separator: ",") + "}"
        }
    }

    /// JSON text indented by two spaces per level, one member or item per line (for files
    /// people read, such as a run's manifest). Empty arrays and objects stay on one line.
    public var indentedText: String { indented(level: 0) }

    private func indented(level: Int) -> String {
        let inner = String(repeating: "  ", count: level + 1), outer = String(repeating: "  ", count: level)
        switch self {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + $0.indented(level: level + 1) }.joined(separator: ",\n") + "\n" + outer + "]"
        case .object(let members) where !members.isEmpty:
            return "{\n" + members.map { inner + Self.quoted($0.key) + ": " + $0.value.indented(level: level + 1) }.joined(separator: ",\n") + "\n" + outer + "}"
        default:
            return text
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Where and why the text is not JSON.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var problem: String
        public var description: String { "line \(line), column \(column): \(problem)" }

        public init(line: Int, column: Int, problem: String) {
            self.line = line
            self.column = column
            self.problem = problem
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func parseDocument() throws -> JSONValue {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // a UTF-8 byte-order mark
            let value = try parseValue(depth: 0)
            skipSpace()
            guard position == bytes.count else { throw error("unexpected text after the JSON value") }
            return value
        }

        mutating func parseValue(depth: Int) throws -> JSONValue {
            guard depth < 512 else { throw error("nesting deeper than 512 levels") }
            skipSpace()
            guard position < bytes.count else { throw error("unexpected end of text") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectWord("null"); return .null
            default: return try parseNumber()
            }
        }

        mutating func parseObject(depth: Int) throws -> JSONValue {
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
            while true {
                skipSpace()
                guard peek(UInt8(ascii: "\"")) else { throw error("expected a member name in quotes") }
                let key = try parseString()
                skipSpace()
                guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after member name \"\(key)\"") }
                position += 1
                members.append((key, try parseValue(depth: depth + 1)))
                skipSpace()
                if peek(UInt8(ascii: ",")) { position += 1; continue }
                if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
                throw error("expected ',' or '}' in an object")
            }
        }

        mutating func parseArray(depth: Int) throws -> JSONValue {
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek(UInt8(ascii: "]")) { position += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                if peek(UInt8(ascii: ",")) { position += 1; continue }
                if peek(UInt8(ascii: "]")) { position += 1; return .array(items) }
                throw error("expected ',' or ']' in an array")
            }
        }

        mutating func parseString() throws -> String {
            position += 1
            var run = position  // start of a run of plain bytes
            var out = ""
            func flush(_ end: Int) { out += String(decoding: bytes[run..<end], as: UTF8.self) }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    flush(position)
                    position += 1
                    return out
                }
                if byte < 0x20 { throw error("a control character inside a string") }
                if byte == UInt8(ascii: "\\") {
                    flush(position)
                    position += 1
                    guard position < bytes.count else { break }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""): out += "\""
                    case UInt8(ascii: "\\"): out += "\\"
                    case UInt8(ascii: "/"): out += "/"
                    case UInt8(ascii: "b"): out += "\u{08}"
                    case UInt8(ascii: "f"): out += "\u{0C}"
                    case UInt8(ascii: "n"): out += "\n"
                    case UInt8(ascii: "r"): out += "\r"
                    case UInt8(ascii: "t"): out += "\t"
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code), bytes[position...].starts(with: Array("\\u".utf8)) {
                            let next = position
                            position += 2
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                position = next  // a lone high surrogate: U+FFFD, then the next escape on its own
                            }
                        }
                        out.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: throw error("unknown escape \\\(Character(Unicode.Scalar(escape)))")
                    }
                    run = position
                    continue
                }
                position += 1
            }
            throw error("a string is not closed")
        }

        mutating func hex4() throws -> UInt32 {
            guard position + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
                throw error("\\u must be followed by four hex digits")
            }
            position += 4
            return code
        }

        mutating func parseNumber() throws -> JSONValue {
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if text.isEmpty { throw error("unexpected character '\(Character(Unicode.Scalar(bytes[start])))'") }
            if !text.contains(where: { ".eE".contains($0) }), let integer = Int64(text) { return .integer(integer) }
            guard let number = Double(text) else { throw error("\(text) is not a number") }
            return .number(number)
        }

        mutating func expectWord(_ word: String) throws {
            guard bytes[position...].starts(with: Array(word.utf8)) else { throw error("expected \(word)") }
            position += word.utf8.count
        }

        func peek(_ byte: UInt8) -> Bool { position < bytes.count && bytes[position] == byte }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        func error(_ problem: String) -> SyntaxError {
            let before = bytes[..<min(position, bytes.count)]
            let line = before.filter { $0 == 0x0A }.count + 1
            let column = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return SyntaxError(line: line, column: column, problem: problem)
        }
    }
}

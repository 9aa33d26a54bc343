import Foundation
import ZoningSupport
import Yams

/// A value in a YAML configuration file (project or targets), read strictly: every accessor
/// checks the type, and `mapping(keys:)` refuses keys it does not know. Errors name the file,
/// the line and the key path, so a user can go straight to the mistake.
///
/// ```swift
/// let root = try ConfigurationNode(yaml: text, file: "project.yaml")
/// let keys = try root.mapping(keys: ["name", "output"])
/// let name = try keys["name"]?.string() ?? "unnamed"
/// // "project.yaml:3: output: expected text, found a list" for `output: [a, b]`
/// ```
public struct ConfigurationNode {
    let node: Node
    /// The key path from the document's root, e.g. `coverage.radius_m.primary` or `targets[2]`.
    public let path: String
    /// The file the YAML came from, for messages.
    public let file: String

    /// The line the value starts on (1-based), 0 when unknown.
    public var line: Int { node.mark?.line ?? 0 }

    /// Parses a whole document.
    /// - Throws: `ConfigurationError` for YAML that does not parse (with libyaml's line), that
    ///   uses anchors or aliases, or an empty document.
    public init(yaml: String, file: String) throws {
        // Aliases can make a few hundred bytes expand for hours (nested aliases as keys); a
        // project file has no need of them, so they are refused before parsing.
        if let (line, token) = Self.firstAnchorOrAlias(in: yaml) {
            throw ConfigurationError(file: file, line: line, key: "", problem: "YAML anchors and aliases (\(token)) are not allowed in project and targets files; write the values out")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            // Yams marks the mapping; the line users need is the key's second appearance.
            let key = duplicates.first ?? ""
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated().filter { _, text in
                let trimmed = text.drop { $0 == " " || $0 == "-" }
                return trimmed.hasPrefix(key + ":") || trimmed.hasPrefix("\"\(key)\":")
            }
            let line = lines.count > 1 ? lines[1].offset + 1 : context.mark.line
            throw ConfigurationError(file: file, line: line, key: key, problem: "the key appears twice; keep one")
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: Self.line(of: error), key: "", problem: "not valid YAML: \(Self.problem(of: error))")
        }
        guard let node else { throw ConfigurationError(file: file, line: 1, key: "", problem: "the file is empty") }
        self.init(node: node, path: "", file: file)
    }

    /// The line (1-based) and text of the first YAML anchor (`&name`) or alias (`*name`) outside
    /// quotes and comments, or nil. A `*` or `&` inside a word (`a*b`) is text, not a token.
    static func firstAnchorOrAlias(in yaml: String) -> (line: Int, token: String)? {
        let before: Set<Character> = [" ", "\t", "[", "{", ",", ":", "-", "?"], after: Set<Character> = [" ", "\t", ",", "]", "}"]
        for (number, text) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(text)
            var quote: Character?, k = 0
            while k < line.count {
                let c = line[k], previous: Character = k > 0 ? line[k - 1] : " "
                if let open = quote {
                    if c == "\\", open == "\"" { k += 1 } else if c == open { quote = nil }
                } else if c == "\"" || c == "'" {
                    if before.contains(previous) { quote = c }
                } else if c == "#", previous == " " || previous == "\t" || k == 0 {
                    break
                } else if c == "&" || c == "*", before.contains(previous), k + 1 < line.count, !after.contains(line[k + 1]) {
                    return (number + 1, String(line[k...].prefix { !after.contains($0) }))
                }
                k += 1
            }
        }
        return nil
    }

    /// Reads and parses a file.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, line: 0, key: "", problem: FileAccess.readProblem(path) ?? "the file cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, line: 0, key: "", problem: "the file is not UTF-8 text; save it as UTF-8")
        }
        try self.init(yaml: text, file: path)
    }

    init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// An error about this value.
    public func error(_ problem: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, key: path, problem: problem)
    }

    /// The entries of a mapping whose keys must be among `keys`.
    /// - Throws: for a value that is not a mapping, or a key not in `keys` (naming the keys allowed).
    public func mapping(keys allowed: [String]) throws -> [String: ConfigurationNode] {
        var result: [String: ConfigurationNode] = [:]
        for (key, value) in try entries() {
            guard allowed.contains(key.name) else {
                let hint = allowed.isEmpty ? "" : "; the keys here are \(allowed.joined(separator: ", "))"
                throw ConfigurationError(file: file, line: key.line, key: value.path, problem: "unknown key \"\(key.name)\"\(hint)")
            }
            result[key.name] = value
        }
        return result
    }

    /// The entries of a mapping in file order, for mappings whose keys are data (field roles,
    /// facility types). (Duplicate keys never get here: parsing refuses them.)
    public func entries() throws -> [(key: (name: String, line: Int), value: ConfigurationNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected keys and values, found \(kind)") }
        return try mapping.map { pair in
            guard case .scalar(let scalar) = pair.key else { throw error("a key must be plain text") }
            let name = scalar.string
            return ((name, pair.key.mark?.line ?? line), ConfigurationNode(node: pair.value, path: child(name), file: file))
        }
    }

    /// The items of a list.
    public func sequence() throws -> [ConfigurationNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, found \(kind)") }
        return sequence.enumerated().map { ConfigurationNode(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// Text. Plain numbers are text too (`code: 370299`), as YAML users expect of codes.
    public func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected text, found \(kind)") }
        return scalar.string
    }

    /// A number (integer or decimal).
    public func double() throws -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw error("expected a number, found \(kind)")
        }
        return value
    }

    /// A whole number.
    public func int() throws -> Int {
        guard case .scalar = node, let value = node.int else { throw error("expected a whole number, found \(kind)") }
        return value
    }

    /// `true` or `false`.
    public func bool() throws -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("expected true or false, found \(kind)") }
        return value
    }

    /// A list of text values; a single value counts as a list of one.
    public func strings() throws -> [String] {
        if case .scalar = node { return [try string()] }
        return try sequence().map { try $0.string() }
    }

    /// A number within `range`.
    public func double(in range: ClosedRange<Double>, _ meaning: String) throws -> Double {
        let value = try double()
        guard range.contains(value) else { throw error("\(meaning) must be between \(range.lowerBound) and \(range.upperBound), got \(value)") }
        return value
    }

    private var kind: String {
        switch node {
        case .scalar(let scalar): return "\"\(scalar.string)\""
        case .mapping: return "keys and values"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func child(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default: return "\(error)"
        }
    }
}

/// A mistake in a configuration file, with where it is.
///
/// `description` reads `project.yaml:12: coverage.radius_m.primary: expected a number, found "far"`.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the file could not be read at all.
    public var line: Int
    /// The key path, empty for the whole file.
    public var key: String
    public var problem: String

    public init(file: String, line: Int, key: String, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    public var description: String {
        (line > 0 ? "\(file):\(line)" : file) + (key.isEmpty ? "" : ": \(key)") + ": \(problem)"
    }
}

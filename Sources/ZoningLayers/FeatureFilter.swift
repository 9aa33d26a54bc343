import ZoningSupport

/// A `--where` condition on a layer's attributes, in the small SQL-like language `ogr2ogr -where`
/// users know:
///
/// ```text
/// DLBM = '0701' OR DLBM = '0702'
/// POP >= 1000 AND NOT (KIND IN ('街道', '镇'))
/// XZQMC LIKE '%村委会' AND CXFLDM IS NOT NULL
/// DLBM ^= '07'                      -- starts with (zoning's own: all housing land)
/// ```
///
/// - Comparisons `=`, `!=` (or `<>`), `<`, `<=`, `>`, `>=`, `^=` (starts with); `IN (…)`,
///   `LIKE` (`%` any text, `_` one character, case-sensitive), `IS [NOT] NULL`; `AND`, `OR`,
///   `NOT` and parentheses. Keywords and field names ignore case.
/// - Values: `'text'` (a quote inside doubled: `'it''s'`), numbers (`12`, `-3.5`), and bare
///   words that are not fields, read as text (`DLBM=0701`, `KIND=街道`, as before). A field
///   name with spaces or symbols goes in double quotes (`"面积 m2" > 100`).
/// - A number field compares as a number; a text field compares as text (`DLBM = 0701` is the
///   text 0701, not the number 701), except with `<`, `<=`, `>`, `>=` when both sides are
///   numbers. A null compares as unknown, so it matches neither `X = 1` nor `X != 1`; ask for it
///   with `IS NULL`.
///
/// ```swift
/// let keep = try FeatureFilter("DLBM ^= '07' OR DLBM = '1004'").bind(to: schema)
/// keep(feature)  // true for 0701, 0702 and 1004 parcels
/// ```
public struct FeatureFilter: Sendable, CustomStringConvertible {
    /// The condition as written.
    public let text: String
    let condition: Condition

    /// Parses `text`.
    /// - Throws: `LayerError.badFilter` saying at which column (from 1) and what was expected.
    public init(_ text: String) throws {
        self.text = text
        var parser = try WhereParser(text)
        condition = try parser.parse()
    }

    public var description: String { text }

    /// A test for features of `schema`.
    /// - Throws: `LayerError.badFilter` naming the fields there are when a field on the left of
    ///   a comparison is not one.
    public func bind(to schema: Schema) throws -> @Sendable (Feature) -> Bool {
        let bound = try condition.bind(schema, text)
        return { feature in bound.evaluate(feature) == true }
    }
}

/// A parsed condition; `Term`s are still names until bound to a schema.
indirect enum Condition: Sendable {
    case and(Condition, Condition), or(Condition, Condition), not(Condition)
    case compare(Term, Comparison, Term)
    case isNull(Term, negated: Bool)
    case among(Term, [Term], negated: Bool)
    case like(Term, String, negated: Bool)

    enum Comparison: String, Sendable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", startsWith = "^="
    }

    /// A name (a field, or a bare word), a number with its text, or a quoted text.
    enum Term: Sendable {
        case name(String, column: Int), number(Double, text: String), text(String)
    }

    /// The condition with its names resolved: fields to columns, other bare words to text.
    func bind(_ schema: Schema, _ source: String) throws -> Bound {
        func term(_ term: Term, field required: Bool) throws -> Bound.Value {
            switch term {
            case let .name(name, column):
                if let index = schema.index(of: name) { return .field(index, numeric: [.integer, .real].contains(schema.fields[index].type)) }
                guard !required else {
                    throw LayerError.badFilter(text: source, problem: "column \(column): there is no field \(name); the fields are \(schema.names.joined(separator: ", "))")
                }
                return .text(name)
            case let .number(value, text): return .number(value, text: text)
            case let .text(text): return .text(text)
            }
        }
        switch self {
        case let .and(a, b): return .and(try a.bind(schema, source), try b.bind(schema, source))
        case let .or(a, b): return .or(try a.bind(schema, source), try b.bind(schema, source))
        case let .not(a): return .not(try a.bind(schema, source))
        case let .compare(a, comparison, b): return .compare(try term(a, field: true), comparison, try term(b, field: false))
        case let .isNull(a, negated): return .isNull(try term(a, field: true), negated: negated)
        case let .among(a, list, negated): return .among(try term(a, field: true), try list.map { try term($0, field: false) }, negated: negated)
        case let .like(a, pattern, negated): return .like(try term(a, field: true), Array(pattern), negated: negated)
        }
    }
}

/// A condition bound to a schema, evaluated with SQL's three values (nil: unknown).
indirect enum Bound: Sendable {
    case and(Bound, Bound), or(Bound, Bound), not(Bound)
    case compare(Value, Condition.Comparison, Value)
    case isNull(Value, negated: Bool)
    case among(Value, [Value], negated: Bool)
    case like(Value, [Character], negated: Bool)

    enum Value: Sendable {
        case field(Int, numeric: Bool), number(Double, text: String), text(String)
    }

    /// What a value is in one feature: a number, a text, or nil for null.
    enum Datum { case number(Double, text: String), text(String) }

    func evaluate(_ feature: Feature) -> Bool? {
        switch self {
        case let .and(a, b):
            let (x, y) = (a.evaluate(feature), b.evaluate(feature))
            if x == false || y == false { return false }
            return x == nil || y == nil ? nil : true
        case let .or(a, b):
            let (x, y) = (a.evaluate(feature), b.evaluate(feature))
            if x == true || y == true { return true }
            return x == nil || y == nil ? nil : false
        case let .not(a): return a.evaluate(feature).map { !$0 }
        case let .compare(a, comparison, b):
            guard let x = datum(a, feature), let y = datum(b, feature) else { return nil }
            return Self.compare(x, comparison, y)
        case let .isNull(a, negated): return (datum(a, feature) == nil) != negated
        case let .among(a, list, negated):
            guard let x = datum(a, feature) else { return nil }
            return list.contains { value in datum(value, feature).map { Self.compare(x, .equal, $0) } ?? false } != negated
        case let .like(a, pattern, negated):
            guard let x = datum(a, feature) else { return nil }
            return Self.matches(Array(Self.text(x)), pattern) != negated
        }
    }

    func datum(_ value: Value, _ feature: Feature) -> Datum? {
        switch value {
        case let .number(number, text): return .number(number, text: text)
        case let .text(text): return .text(text)
        case let .field(column, numeric):
            guard column < feature.attributes.count else { return nil }
            let attribute = feature.attributes[column]
            if attribute.isNull { return nil }
            if numeric, let number = attribute.doubleValue { return .number(number, text: attribute.description) }
            return .text(attribute.description)
        }
    }

    static func text(_ datum: Datum) -> String {
        switch datum {
        case let .number(_, text): text
        case let .text(text): text
        }
    }

    /// Two numbers compare as numbers; a number and a text as numbers when the text is one and
    /// the comparison orders, else as the texts written.
    static func compare(_ x: Datum, _ comparison: Condition.Comparison, _ y: Datum) -> Bool {
        var numbers: (Double, Double)?
        switch (x, y) {
        case let (.number(a, _), .number(b, _)): numbers = (a, b)
        case let (.number(a, _), .text(t)), let (.text(t), .number(a, _)):
            if ![.equal, .notEqual, .startsWith].contains(comparison), let b = Double(t) { numbers = x.isNumber ? (a, b) : (b, a) }
        default: break
        }
        if let (a, b) = numbers, comparison != .startsWith { return ordered(a, comparison, b) }
        let (a, b) = (text(x), text(y))
        return comparison == .startsWith ? a.hasPrefix(b) : ordered(a, comparison, b)
    }

    /// `a` compared with `b` (`^=` is handled by the caller).
    static func ordered<T: Comparable>(_ a: T, _ comparison: Condition.Comparison, _ b: T) -> Bool {
        switch comparison {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        case .startsWith: false
        }
    }

    /// SQL LIKE: `%` any run of characters, `_` exactly one.
    static func matches(_ text: [Character], _ pattern: [Character]) -> Bool {
        // reachable[j]: the pattern's first j characters can match the text read so far.
        var reachable = [Bool](repeating: false, count: pattern.count + 1)
        reachable[0] = true
        for j in pattern.indices where pattern[j] == "%" { reachable[j + 1] = reachable[j] }
        for c in text {
            var next = [Bool](repeating: false, count: pattern.count + 1)
            for j in pattern.indices {
                switch pattern[j] {
                case "%": next[j + 1] = next[j] || reachable[j + 1] || reachable[j]
                case "_": next[j + 1] = reachable[j]
                default: next[j + 1] = reachable[j] && pattern[j] == c
                }
            }
            reachable = next
        }
        return reachable[pattern.count]
    }
}

extension Bound.Datum {
    var isNumber: Bool { if case .number = self { true } else { false } }
}

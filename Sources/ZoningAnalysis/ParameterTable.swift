/// The parameters of one analysis, declared once: each entry's project-file key, shape, unit,
/// range, scale and one-line doc. The project file's reader, the command-line flags' help and
/// values, `validate()`, the `manifest.json` parameter block, every JSON output's parameter
/// block and the report's parameter rows all read this table, so a parameter has one name,
/// one default (the parameter type's `init()`), one validation and one spelling everywhere.
///
/// A parameter type conforms to `AnalysisParameters` by listing its entries:
///
/// ```swift
/// extension BuiltUpParameters: AnalysisParameters {
///     public static let section = "builtup"
///     public static let table: [ParameterEntry<Self>] = [
///         .number("gap_m", \.gapMetres, unit: .metres, range: 0...10_000,
///                 doc: "Parcels this close join one built-up region (inclusive)."),
///         .number("fill_holes_km2", \.fillHolesSquareMetres, unit: .squareKilometres, range: 0...10_000, scale: 1e6,
///                 doc: "Holes in a region's outline smaller than this are filled."),
///     ]
/// }
/// var parameters = BuiltUpParameters()
/// try parameters.set("fill_holes_km2", .number(2))   // fillHolesSquareMetres == 2_000_000
/// parameters.values.first { $0.key == "fill_holes_km2" }?.value   // .number(2)
/// ```
public protocol AnalysisParameters: Sendable, Equatable {
    /// The project file's section for these parameters (`builtup`, `classification`, …).
    static var section: String { get }
    /// Every parameter, in the order the manifest and the help list them.
    static var table: [ParameterEntry<Self>] { get }
    /// The defaults.
    init()
    /// Rules across entries, beyond each entry's own range (e.g. `partial_share` ≤
    /// `full_share`). - Throws: `ParameterError` naming the key at fault.
    func validateRules() throws
    /// The key a section written as one value sets, or nil when a section is always a
    /// mapping: with `path`, `compare_with: ../2024/out` reads as `compare_with: {path: ../2024/out}`.
    static var shorthand: String? { get }
}

extension AnalysisParameters {
    public func validateRules() throws {}
    public static var shorthand: String? { nil }

    /// The table's entries without their accessors, for code that knows only the type.
    public static var entries: [(key: String, shape: ParameterShape, doc: String, inline: Bool)] {
        table.map { ($0.key, $0.shape, $0.doc, $0.inline) }
    }

    /// Checks every entry against its shape and range, then the rules across entries.
    /// - Throws: `ParameterError` naming the section and key.
    public func validate() throws {
        for entry in Self.table { try entry.shape.check(entry.get(self), section: Self.section, key: entry.inline ? "" : entry.key) }
        try validateRules()
    }

    /// Every parameter's value as the project file spells it (units of the key, e.g. km² for
    /// `fill_holes_km2`), in table order.
    public var values: [(key: String, value: ParameterValue)] {
        Self.table.map { ($0.key, $0.get(self)) }
    }

    /// Sets one parameter from a value spelled as in the project file.
    /// - Throws: `ParameterError` for an unknown key or a value of the wrong shape.
    public mutating func set(_ key: String, _ value: ParameterValue) throws {
        guard let entry = Self.table.first(where: { $0.key == key }) else {
            throw ParameterError(section: Self.section, key: key, problem: "is not a parameter; use one of \(Self.table.map(\.key).joined(separator: ", "))")
        }
        try entry.shape.check(value, section: Self.section, key: entry.inline ? "" : key, rangesToo: false)
        try entry.set(&self, value)
    }

    /// The entry of `key`. A caller's typo is a programming error, caught by the tests that
    /// read every flag's help.
    public static func entry(_ key: String) -> ParameterEntry<Self> {
        guard let entry = table.first(where: { $0.key == key }) else { preconditionFailure("\(section) has no parameter \(key)") }
        return entry
    }

    /// The help line of a parameter, with its unit, range and default, for `--help`:
    /// "Parcels this close join one built-up region (metres, 0–10000; default: 100)."
    public static func help(_ key: String) -> String {
        let entry = entry(key)
        var doc = entry.doc
        if doc.hasSuffix(".") { doc.removeLast() }
        let about = [entry.shape.about, "default: \(entry.get(Self()).text)"].filter { !$0.isEmpty }
        return "\(doc) (\(about.joined(separator: "; ")))."
    }
}

/// A step whose parameters are a table: the manifest, the report's parameter rows and every
/// front end find them through this, so a new analysis's parameters appear everywhere once
/// its step is in the chain.
public protocol ParameterisedStep: AnalysisStep {
    associatedtype Parameters: AnalysisParameters
    var parameters: Parameters { get }
}

/// A parameter's value as the project file spells it; the readers convert YAML and flags into
/// it, and the writers convert it into JSON.
public indirect enum ParameterValue: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case bool(Bool)
    /// One word or path, e.g. `../2024/out`.
    case text(String)
    /// A list of words or codes, e.g. `[201, 201A]`.
    case texts([String])
    /// Named values, in order: `radius_m: {primary: 500}`, or the life circles by name.
    case map([Named])

    public struct Named: Sendable, Equatable {
        public var name: String
        public var value: ParameterValue
        public init(_ name: String, _ value: ParameterValue) {
            self.name = name
            self.value = value
        }
    }

    /// The value as a person writes it: `100`, `0.05`, `true`, `201, 201A`, `primary 500, clinic 1000`.
    public var text: String {
        switch self {
        case .number(let value): ParameterError.plain(value)
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .text(let value): value
        case .texts(let values): values.joined(separator: ", ")
        case .map(let entries): entries.map { "\($0.name) \($0.value.text)" }.joined(separator: ", ")
        }
    }
}

/// What a parameter's value looks like, with its unit and range (in the project file's units).
public indirect enum ParameterShape: Sendable {
    case number(unit: ParameterUnit, range: ClosedRange<Double>)
    case integer(unit: ParameterUnit, range: ClosedRange<Int>)
    case bool
    /// One word or path (empty when not given).
    case text
    /// A list of codes or words; `nonEmpty` refuses an empty list.
    case texts(nonEmpty: Bool)
    /// Named values of one shape; `names` nil takes any name (e.g. a life circle's), else one
    /// of those listed (e.g. facility types).
    case map(of: ParameterShape, names: [String]?)
    /// A group of fixed keys, every one required: a life circle's `{walk_m: 1000, types: […]}`.
    case record([(key: String, shape: ParameterShape)])

    /// The unit and range for help texts: "metres, 0–10000".
    public var about: String {
        switch self {
        case let .number(unit, range): [unit.rawValue, "\(ParameterError.plain(range.lowerBound))–\(ParameterError.plain(range.upperBound))"].filter { !$0.isEmpty }.joined(separator: ", ")
        case let .integer(unit, range): [unit.rawValue, "\(range.lowerBound)–\(range.upperBound)"].filter { !$0.isEmpty }.joined(separator: ", ")
        case .bool: "true or false"
        case .text: "a word or path"
        case .texts: "a list"
        case let .map(shape, names): (names.map { "by name: \($0.joined(separator: ", ")); " } ?? "by name; ") + shape.about
        case .record(let fields): fields.map(\.key).joined(separator: ", ")
        }
    }

    /// Checks `value` against this shape (and, with `rangesToo`, its ranges and names: a value
    /// being set may still use another name, such as 小学 for `primary`, which its entry maps).
    /// - Throws: `ParameterError` naming `key` (with the name inside a map: `radius_m.primary`;
    ///   an empty `key` stands for an inline map, whose names are keys of the section).
    func check(_ value: ParameterValue, section: String, key: String, rangesToo: Bool = true) throws {
        func wrong(_ expected: String) -> ParameterError { ParameterError(section: section, key: key, problem: "must be \(expected)") }
        func inner(_ name: String) -> String { key.isEmpty ? name : "\(key).\(name)" }
        switch (self, value) {
        case let (.number(unit, range), .number(number)):
            if rangesToo { try ParameterError.check(number, in: range, section, key, unit.rawValue) }
        case let (.number(unit, range), .integer(number)):
            if rangesToo { try ParameterError.check(Double(number), in: range, section, key, unit.rawValue) }
        case let (.integer(unit, range), .integer(number)):
            if rangesToo { try ParameterError.check(Double(number), in: Double(range.lowerBound)...Double(range.upperBound), section, key, unit.rawValue) }
        case (.bool, .bool), (.text, .text): break
        case let (.texts(nonEmpty), .texts(items)):
            if nonEmpty, items.isEmpty { throw ParameterError(section: section, key: key, problem: "must name at least one code") }
        case let (.map(shape, names), .map(entries)):
            var seen: Set<String> = []
            for entry in entries {
                guard !entry.name.isEmpty, seen.insert(entry.name).inserted else {
                    throw ParameterError(section: section, key: key, problem: "names \(entry.name.isEmpty ? "an empty name" : entry.name) twice")
                }
                if rangesToo, let names, !names.contains(entry.name) {
                    throw ParameterError(section: section, key: inner(entry.name), problem: "is not known; use one of \(names.joined(separator: ", "))")
                }
                try shape.check(entry.value, section: section, key: inner(entry.name), rangesToo: rangesToo)
            }
        case let (.record(fields), .map(entries)):
            for field in fields {
                guard let entry = entries.first(where: { $0.name == field.key }) else {
                    throw ParameterError(section: section, key: inner(field.key), problem: "is missing")
                }
                try field.shape.check(entry.value, section: section, key: inner(field.key), rangesToo: rangesToo)
            }
            if let extra = entries.first(where: { entry in !fields.contains { $0.key == entry.name } }) {
                throw ParameterError(section: section, key: inner(extra.name), problem: "is not known; use \(fields.map(\.key).joined(separator: " and "))")
            }
        case (.number, _): throw wrong("a number")
        case (.integer, _): throw wrong("a whole number")
        case (.bool, _): throw wrong("true or false")
        case (.text, _): throw wrong("a word or path")
        case (.texts, _): throw wrong("a list")
        case (.map, _), (.record, _): throw wrong("a mapping")
        }
    }
}

/// The unit of a parameter, as its key's suffix says (`_m`, `_km2`, `_m2`).
public enum ParameterUnit: String, Sendable {
    case metres
    case squareMetres = "m²"
    case squareKilometres = "km²"
    case share = "a share"
    case residents
    case none = ""
}

/// One parameter of an analysis: its project-file key, shape, doc, and how it reads and sets
/// the parameter type's property (scaled to the key's unit).
public struct ParameterEntry<Owner>: Sendable {
    /// The key in the project file's section, e.g. `gap_m`; the flag is `--gap-m`.
    public let key: String
    public let shape: ParameterShape
    /// One line for `--help` and docs.
    public let doc: String
    /// The entries of this map sit directly in the section rather than under the key (the
    /// life circles: `life_circles: {15min: {…}}`), beside the section's other keys.
    public let inline: Bool
    /// The value of this parameter in `owner`, in the key's unit.
    public let get: @Sendable (Owner) -> ParameterValue
    let set: @Sendable (inout Owner, ParameterValue) throws -> Void

    public init(
        _ key: String, shape: ParameterShape, doc: String, inline: Bool = false,
        get: @escaping @Sendable (Owner) -> ParameterValue, set: @escaping @Sendable (inout Owner, ParameterValue) throws -> Void
    ) {
        self.key = key
        self.shape = shape
        self.doc = doc
        self.inline = inline
        self.get = get
        self.set = set
    }

    /// The command-line flag: `gap_m` → `--gap-m`.
    public var flag: String { "--" + key.replacingOccurrences(of: "_", with: "-") }

    /// A number in the key's unit, stored as `scale` times it (`fill_holes_km2` is stored in m²).
    public static func number(
        _ key: String, _ path: WritableKeyPath<Owner, Double> & Sendable, unit: ParameterUnit, range: ClosedRange<Double>,
        scale: Double = 1, doc: String
    ) -> Self {
        Self(key, shape: .number(unit: unit, range: range), doc: doc, get: { .number($0[keyPath: path] / scale) }, set: { owner, value in
            switch value {
            case .number(let number): owner[keyPath: path] = number * scale
            case .integer(let number): owner[keyPath: path] = Double(number) * scale
            default: break
            }
        })
    }

    public static func integer(
        _ key: String, _ path: WritableKeyPath<Owner, Int> & Sendable, unit: ParameterUnit, range: ClosedRange<Int>, doc: String
    ) -> Self {
        Self(key, shape: .integer(unit: unit, range: range), doc: doc, get: { .integer($0[keyPath: path]) }, set: { owner, value in
            if case .integer(let number) = value { owner[keyPath: path] = number }
        })
    }

    public static func bool(_ key: String, _ path: WritableKeyPath<Owner, Bool> & Sendable, doc: String) -> Self {
        Self(key, shape: .bool, doc: doc, get: { .bool($0[keyPath: path]) }, set: { owner, value in
            if case .bool(let flag) = value { owner[keyPath: path] = flag }
        })
    }

    /// One word or path.
    public static func text(_ key: String, _ path: WritableKeyPath<Owner, String> & Sendable, doc: String) -> Self {
        Self(key, shape: .text, doc: doc, get: { .text($0[keyPath: path]) }, set: { owner, value in
            if case .text(let text) = value { owner[keyPath: path] = text }
        })
    }

    /// A set of codes or words, listed sorted.
    public static func codes(_ key: String, _ path: WritableKeyPath<Owner, Set<String>> & Sendable, nonEmpty: Bool, doc: String) -> Self {
        Self(key, shape: .texts(nonEmpty: nonEmpty), doc: doc, get: { .texts($0[keyPath: path].sorted()) }, set: { owner, value in
            if case .texts(let items) = value { owner[keyPath: path] = Set(items) }
        })
    }
}

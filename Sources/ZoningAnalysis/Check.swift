import ZoningSupport

/// One finding of the input checks: what was found in which layer and field, how severe it
/// is, and the fix — applied automatically (a note or warning says so) or for the user to make.
///
/// - **error**: the inputs do not fit together; the run stops before writing anything.
/// - **warning**: the figures are computed, but something needs a look; listed in the
///   summary, the report, `checks.csv` and the manifest. `--strict` makes warnings errors.
/// - **note**: an automatic fix or an absent optional input, for the record.
///
/// ```swift
/// let check = Check(.warning, "parcels-without-unit", layer: "DLTB.shp", field: "ZLDWDM",
///                   "12 parcels (3.41 ha, 0.02% of the land) name no village-level unit",
///                   fix: "their land counts for no unit; correct ZLDWDM or add the units",
///                   examples: ["370299001999"])
/// check.line  // "warning DLTB.shp ZLDWDM: 12 parcels … (e.g. 370299001999) — their land counts for no unit; …"
/// ```
public struct Check: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, CaseIterable, Comparable {
        case error, warning, note

        public static func < (a: Severity, b: Severity) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var severity: Severity
    /// A stable identifier of the kind of check, e.g. `parcels-without-unit` (docs/CHECKS.md lists them).
    public var id: String
    /// The file the finding is about (its name), if one.
    public var layer: String?
    /// The field, if one.
    public var field: String?
    /// What was found, with counts.
    public var message: String
    /// What was done about it, or what to do.
    public var fix: String?
    /// The first few items concerned (codes, records, lines), at most `Check.exampleLimit`.
    public var examples: [String]
    /// The message and fix in Chinese, for the report (`Check.zh(_:fix:)`); nil where none was given.
    public var messageZh: String?
    public var fixZh: String?

    /// How many items a check lists.
    public static let exampleLimit = 10

    public init(_ severity: Severity, _ id: String, layer: String? = nil, field: String? = nil, _ message: String,
                fix: String? = nil, examples: [String] = []) {
        self.severity = severity
        self.id = id
        self.layer = layer
        self.field = field
        self.message = message
        self.fix = fix
        // An example may quote a cell of a hostile file: cut, as every quoted input is.
        self.examples = examples.prefix(Self.exampleLimit).map { Excerpt.of($0) }
    }

    /// The same check with its message and fix in Chinese, for the report.
    public func zh(_ message: String, fix: String? = nil) -> Check {
        var copy = self
        copy.messageZh = message
        copy.fixZh = fix
        return copy
    }

    /// The check on one line: severity, layer and field, message, fix and the first examples.
    public var line: String {
        let place = [layer, field].compactMap { $0 }.joined(separator: " ")
        let examplesText = examples.isEmpty ? "" : " (e.g. \(examples.prefix(5).joined(separator: ", ")))"
        return "\(severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))"
            + (place.isEmpty ? "" : "\(place): ") + message + examplesText + (fix.map { " — \($0)" } ?? "")
    }

    public var description: String { line }
}

/// The checks of a run, in the order they were made.
public struct CheckList: Sendable, Equatable {
    public private(set) var checks: [Check] = []

    public init(_ checks: [Check] = []) {
        self.checks = checks
    }

    public mutating func add(_ check: Check) { checks.append(check) }
    public mutating func add(contentsOf other: [Check]) { checks += other }

    public var errors: [Check] { checks.filter { $0.severity == .error } }
    public var warnings: [Check] { checks.filter { $0.severity == .warning } }

    /// The checks that stop a run: errors, and with `strict` warnings too.
    public func stopping(strict: Bool) -> [Check] {
        checks.filter { $0.severity == .error || (strict && $0.severity == .warning) }
    }

    /// "2 warnings, 3 notes", or "no findings".
    public var tally: String {
        let parts = Check.Severity.allCases.compactMap { severity -> String? in
            let count = checks.filter { $0.severity == severity }.count
            return count == 0 ? nil : "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        return parts.isEmpty ? "no findings" : parts.joined(separator: ", ")
    }
}

/// The run stopped because its inputs do not fit together: every check, the stopping ones
/// first. Printed one check a line.
public struct InputChecksFailed: Error, Sendable, CustomStringConvertible {
    public var checks: CheckList
    public var strict: Bool

    public init(checks: CheckList, strict: Bool) {
        self.checks = checks
        self.strict = strict
    }

    public var description: String {
        let stopping = checks.stopping(strict: strict)
        let others = checks.checks.filter { !stopping.contains($0) }
        var lines = ["The inputs do not fit together (\(CheckList(stopping).tally)\(strict ? "; --strict" : "")); nothing was written:"]
        lines += stopping.map { "  " + $0.line }
        if !others.isEmpty {
            lines.append("Other findings:")
            lines += others.map { "  " + $0.line }
        }
        return lines.joined(separator: "\n")
    }
}

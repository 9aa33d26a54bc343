/// A parameter out of its range, named by its key: the project-file key under the step's
/// section (`gap_m` under `builtup`), which the command line spells as a flag (`--gap-m`).
///
/// Each parameter type's `validate()` is the one place a parameter is checked, whichever front
/// end set it.
///
/// ```swift
/// var parameters = BuiltUpParameters()
/// parameters.gapMetres = -5
/// try parameters.validate()   // ParameterError(section: "builtup", key: "gap_m", problem: "must be from 0 to 10000 (metres)")
/// ```
public struct ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step's section in a project file: `builtup`, `classification`, `coverage`.
    public var section: String
    /// The key within it, e.g. `gap_m`, or `radius_m.primary`.
    public var key: String
    public var problem: String

    public init(section: String, key: String, problem: String) {
        self.section = section
        self.key = key
        self.problem = problem
    }

    /// The command-line flag of the key: `gap_m` → `--gap-m`, `radius_m.primary` → `--radius-m`.
    public var flag: String { "--" + (key.split(separator: ".").first.map(String.init) ?? key).replacingOccurrences(of: "_", with: "-") }

    public var description: String { "\(section).\(key) \(problem)" }

    /// Checks that `value` lies in `range`, or throws naming the key and the unit.
    static func check(_ value: Double, in range: ClosedRange<Double>, _ section: String, _ key: String, _ unit: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ParameterError(section: section, key: key, problem: "must be from \(plain(range.lowerBound)) to \(plain(range.upperBound)) (\(unit)), not \(plain(value))")
        }
    }

    /// A number as a person writes it: `100.0` → "100", `0.05` → "0.05".
    public static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

import Foundation

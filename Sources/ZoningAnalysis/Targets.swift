import Foundation
import Yams

/// Plan targets (DOMAIN.md §6), read from a YAML file and checked against computed figures.
///
/// ```yaml
/// targets:
///   - indicator: urbanization_rate      # urban ÷ total population (classification)
///     level: county                     # county, township or all
///     comparator: ">="                  # >=, >, <=, <
///     threshold: 0.67                   # shares as 0–1
///     source: "province 67% by 2025"
///   - indicator: unit_coverage          # share of regions holding a facility (coverage)
///     facility: elderly                 # kindergarten, primary, middle, clinic, elderly, park, life-circle
///     units: [街道]                      # which regions count, by kind; all when left out
///     comparator: ">="
///     threshold: 1.0
///   - indicator: residential_coverage   # or population_coverage: each region must reach it
///     facility: primary
///     comparator: ">="
///     threshold: 0.8
/// ```
public struct TargetsFile: Sendable, Decodable {
    public var targets: [Target]

    public struct Target: Sendable, Decodable, Equatable {
        public var indicator: Indicator
        public var level: String?
        public var facility: FacilityType?
        public var units: [String]?
        public var comparator: Comparator
        public var threshold: Double
        public var source: String?
    }

    public enum Indicator: String, Sendable, Decodable {
        case urbanizationRate = "urbanization_rate"
        case unitCoverage = "unit_coverage"
        case residentialCoverage = "residential_coverage"
        case populationCoverage = "population_coverage"
    }

    public enum Comparator: String, Sendable, Decodable {
        case atLeast = ">=", above = ">", atMost = "<=", below = "<"

        func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .atLeast: value >= threshold
            case .above: value > threshold
            case .atMost: value <= threshold
            case .below: value < threshold
            }
        }
    }

    /// Reads a targets file.
    /// - Throws: `TargetsError.unreadable` naming the file and the key or line at fault.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TargetsError.unreadable(path: path, problem: "the file cannot be read")
        }
        do {
            self = try YAMLDecoder().decode(TargetsFile.self, from: String(decoding: data, as: UTF8.self))
        } catch let error as DecodingError {
            throw TargetsError.unreadable(path: path, problem: Self.explain(error))
        } catch {
            throw TargetsError.unreadable(path: path, problem: "\(error)")
        }
        for (index, target) in targets.enumerated() where target.indicator != .urbanizationRate && target.facility == nil {
            throw TargetsError.unreadable(path: path, problem: "targets[\(index)]: \(target.indicator.rawValue) needs a facility type")
        }
    }

    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): the key \"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// Why a targets file cannot be used.
public enum TargetsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, problem: String)
    /// A figure the targets need was not computed (e.g. urbanization without a classification).
    case missingFigures(indicator: String, hint: String)

    public var description: String {
        switch self {
        case let .unreadable(path, problem): return "\(path): \(problem)"
        case let .missingFigures(indicator, hint): return "No figures for \(indicator): \(hint)"
        }
    }
}

/// The figures targets are checked against, keyed by region code.
public struct TargetFigures: Sendable {
    /// Urbanization rate by level ("county", "township", "all") and code.
    public var urbanization: [String: [String: Double]] = [:]
    /// Coverage rows: region code, kind, type, residential and population coverage, facilities.
    public var coverage: [(region: String, kind: String?, type: FacilityType, residential: Double?, population: Double?, facilities: Int)] = []

    public init() {}
}

/// One target checked for one region.
public struct TargetResult: Sendable {
    public var target: TargetsFile.Target
    /// The region code, or "all" for targets over a set of regions.
    public var region: String
    public var value: Double?
    public var passes: Bool
    /// How far the value is from the threshold in the direction the target wants (≤ 0 passes).
    public var shortfall: Double?
}

public enum TargetCheck {
    public static func evaluate(_ file: TargetsFile, figures: TargetFigures) throws -> [TargetResult] {
        var results: [TargetResult] = []
        for target in file.targets {
            func result(_ region: String, _ value: Double?) -> TargetResult {
                let passes = value.map { target.comparator.holds($0, target.threshold) } ?? false
                let shortfall = value.map { [.atLeast, .above].contains(target.comparator) ? target.threshold - $0 : $0 - target.threshold }
                return TargetResult(target: target, region: region, value: value, passes: passes, shortfall: shortfall)
            }
            switch target.indicator {
            case .urbanizationRate:
                guard let rates = figures.urbanization[target.level ?? "county"], !rates.isEmpty else {
                    throw TargetsError.missingFigures(indicator: target.indicator.rawValue, hint: "run zoning classify and pass its folder with --results")
                }
                for (code, rate) in rates.sorted(by: { $0.key < $1.key }) { results.append(result(code, rate)) }
            case .unitCoverage:
                let rows = figures.coverage.filter { $0.type == target.facility && (target.units == nil || target.units!.contains($0.kind ?? "")) }
                guard !figures.coverage.isEmpty else {
                    throw TargetsError.missingFigures(indicator: target.indicator.rawValue, hint: "run zoning coverage and pass its folder with --results")
                }
                let value = rows.isEmpty ? nil : Double(rows.filter { $0.facilities > 0 }.count) / Double(rows.count)
                results.append(result(target.units.map { $0.joined(separator: "/") } ?? "all", value))
            case .residentialCoverage, .populationCoverage:
                guard !figures.coverage.isEmpty else {
                    throw TargetsError.missingFigures(indicator: target.indicator.rawValue, hint: "run zoning coverage and pass its folder with --results")
                }
                for row in figures.coverage where row.type == target.facility && (target.units == nil || target.units!.contains(row.kind ?? "")) {
                    results.append(result(row.region, target.indicator == .residentialCoverage ? row.residential : row.population))
                }
            }
        }
        return results
    }
}

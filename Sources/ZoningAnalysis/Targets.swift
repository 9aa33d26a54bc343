import Foundation
import ZoningFeatures
import ZoningSupport

/// Plan targets, checked against computed figures. A project or targets file lists them in YAML
/// (read by ZoningProject's `TargetsFile(contentsOf:)`):
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
///   - indicator: network_population_coverage   # residents within the walk of a life circle (roads)
///     facility: elderly                 # a type, or leave out for all the circle's types
///     circle: 15min                     # the life circle; default: the first that lists the type
///     level: urban                      # county, urban, rural or township (default, each region)
///     comparator: ">="
///     threshold: 0.5
/// ```
public struct TargetsFile: Sendable {
    public var targets: [Target]

    public struct Target: Sendable, Equatable {
        public var indicator: Indicator
        public var level: String?
        public var facility: FacilityType?
        public var units: [String]?
        public var comparator: Comparator
        public var threshold: Double
        public var source: String?
        /// The life circle of a network target (`15min`).
        public var circle: String?

        public init(indicator: Indicator, level: String? = nil, facility: FacilityType? = nil, units: [String]? = nil,
                    comparator: Comparator, threshold: Double, source: String? = nil, circle: String? = nil) {
            self.indicator = indicator
            self.level = level
            self.facility = facility
            self.units = units
            self.circle = circle
            self.comparator = comparator
            self.threshold = threshold
            self.source = source
        }
    }

    public enum Indicator: String, Sendable, CaseIterable {
        case urbanizationRate = "urbanization_rate"
        case unitCoverage = "unit_coverage"
        case residentialCoverage = "residential_coverage"
        case populationCoverage = "population_coverage"
        case networkPopulationCoverage = "network_population_coverage"

        /// The levels a target of this indicator may name.
        public var levels: [String] {
            switch self {
            case .urbanizationRate: Urbanization.Level.allCases.map(\.rawValue)
            case .networkPopulationCoverage: ["county", "urban", "rural", "township"]
            default: []
            }
        }
    }

    public enum Comparator: String, Sendable, CaseIterable {
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

    public init(targets: [Target]) {
        self.targets = targets
    }

}

/// The figures targets are checked against, keyed by region code.
public struct TargetFigures: Sendable {
    /// Urbanization rate by level ("county", "township", "all") and code.
    public var urbanization: [String: [String: Double]] = [:]
    /// Coverage rows: region code, kind, type, residential and population coverage, facilities.
    public var coverage: [(region: String, kind: String?, type: FacilityType, residential: Double?, population: Double?, facilities: Int)] = []
    /// Life-circle rows above the village level: level, region code, kind, circle, type (nil:
    /// all the circle's types) and the share of residents within the walk.
    public var network: [(level: String, region: String, kind: String?, circle: String, type: FacilityType?, population: Double?)] = []

    public init() {}

    /// The figures of a run held in memory: urbanization at every level from the classes, and
    /// one coverage row per region and facility type.
    public init(classes: [UnitClassification], coverage: Coverage.Result?, regions: [CoverageRegion], lifeCircles: LifeCircles.Result? = nil) {
        for level in Urbanization.Level.allCases {
            for (code, figures) in Urbanization.figures(for: classes, level: level) {
                if let rate = figures.derivedRate { urbanization[level.rawValue, default: [:]][code] = rate }
            }
        }
        let kinds = Dictionary(regions.map { ($0.code, $0.kind) }, uniquingKeysWith: { first, _ in first })
        self.coverage = (coverage?.regions ?? []).map { row in
            (row.region, (kinds[row.region] ?? nil) ?? AdministrativeCode(row.region)?.townshipKind?.rawValue, row.type,
             row.residentialCoverage, row.populationCoverage, row.facilities)
        }
        network = (lifeCircles?.rows ?? []).filter { $0.level != .village }.map { row in
            (row.level.rawValue, row.code, row.level == .township ? ((kinds[row.code] ?? nil) ?? AdministrativeCode(row.code)?.townshipKind?.rawValue) : nil,
             row.circle, row.type, row.networkPopulationShare)
        }
    }
}

/// One target checked for one region.
public struct TargetResult: Sendable {
    /// Whether the target is met; `notApplicable` when it cannot be evaluated (no population,
    /// no region of the kinds it names, no coverage computed), which is never a failure.
    public enum Verdict: String, Sendable {
        case pass, fail
        case notApplicable = "n/a"
    }

    public var target: TargetsFile.Target
    /// The region code, or the kinds (`镇/乡`) or "all" for targets over a set of regions.
    public var region: String
    public var value: Double?
    public var verdict: Verdict
    /// Why a target is not applicable.
    public var reason: String?
    /// How far the value is from the threshold in the direction the target wants (≤ 0 passes).
    public var shortfall: Double?

    public var passes: Bool { verdict == .pass }

    public init(target: TargetsFile.Target, region: String, value: Double?, verdict: Verdict, reason: String?, shortfall: Double?) {
        self.target = target
        self.region = region
        self.value = value
        self.verdict = verdict
        self.reason = reason
        self.shortfall = shortfall
    }
}

public enum TargetCheck {
    /// One checked target as a line of text, e.g.
    /// `FAIL  unit_coverage elderly 镇/乡 >= 60% — 镇/乡: 40.0%, short by 20.0 points` or
    /// `n/a   urbanization_rate >= 67% — 370299: no population`.
    public static func line(_ result: TargetResult) -> String {
        let status = switch result.verdict {
        case .pass: "pass"
        case .fail: "FAIL"
        case .notApplicable: "n/a "
        }
        guard result.verdict != .notApplicable else {
            return "\(status)  \(label(result.target)) — \(result.region): \(result.reason ?? "no value")"
        }
        let value = result.value.map { String(format: "%.1f%%", $0 * 100) } ?? "no value"
        let gap = result.shortfall.map { $0 > 0 ? String(format: ", short by %.1f points", $0 * 100) : "" } ?? ""
        return "\(status)  \(label(result.target)) — \(result.region): \(value)\(gap)"
    }

    /// A one-line description of what a target asks, e.g. `unit_coverage elderly 镇/乡 >= 60%`.
    public static func label(_ target: TargetsFile.Target) -> String {
        let what = [target.indicator.rawValue, target.facility?.rawValue, target.circle, target.level.flatMap { target.indicator == .networkPopulationCoverage ? $0 : nil },
                    target.units?.joined(separator: "/")].compactMap { $0 }.joined(separator: " ")
        return "\(what) \(target.comparator.rawValue) \(String(format: "%.0f%%", target.threshold * 100))"
    }

    /// Checks every target against the figures. A target whose figures are missing is
    /// `n/a` with the reason, never a failure.
    public static func evaluate(_ file: TargetsFile, figures: TargetFigures) -> [TargetResult] {
        var results: [TargetResult] = []
        for target in file.targets {
            func result(_ region: String, _ value: Double?, unavailable reason: String) -> TargetResult {
                guard let value else {
                    return TargetResult(target: target, region: region, value: nil, verdict: .notApplicable, reason: reason, shortfall: nil)
                }
                let shortfall = [.atLeast, .above].contains(target.comparator) ? target.threshold - value : value - target.threshold
                return TargetResult(target: target, region: region, value: value, verdict: target.comparator.holds(value, target.threshold) ? .pass : .fail,
                                    reason: nil, shortfall: shortfall)
            }
            let scope = target.units.map { $0.joined(separator: "/") } ?? "all"
            switch target.indicator {
            case .urbanizationRate:
                let level = target.level ?? "county"
                guard let rates = figures.urbanization[level], !rates.isEmpty else {
                    results.append(result(level, nil, unavailable: "no urbanization figures (no classification, or no population)"))
                    continue
                }
                for (code, rate) in rates.sorted(by: { $0.key < $1.key }) {
                    results.append(result(code, rate, unavailable: "no population"))
                }
            case .unitCoverage:
                guard !figures.coverage.isEmpty else {
                    results.append(result(scope, nil, unavailable: "no coverage figures (no facilities)"))
                    continue
                }
                let rows = figures.coverage.filter { $0.type == target.facility && (target.units == nil || target.units!.contains($0.kind ?? "")) }
                let value = rows.isEmpty ? nil : Double(rows.filter { $0.facilities > 0 }.count) / Double(rows.count)
                results.append(result(scope, value, unavailable: "no region of kind \(scope)"))
            case .residentialCoverage, .populationCoverage:
                guard !figures.coverage.isEmpty else {
                    results.append(result(scope, nil, unavailable: "no coverage figures (no facilities)"))
                    continue
                }
                let rows = figures.coverage.filter { $0.type == target.facility && (target.units == nil || target.units!.contains($0.kind ?? "")) }
                if rows.isEmpty { results.append(result(scope, nil, unavailable: "no region of kind \(scope)")) }
                for row in rows {
                    let residential = target.indicator == .residentialCoverage
                    results.append(result(row.region, residential ? row.residential : row.population,
                                          unavailable: residential ? "no residential land" : "no population"))
                }
            case .networkPopulationCoverage:
                let level = target.level ?? "township"
                guard !figures.network.isEmpty else {
                    results.append(result(level, nil, unavailable: "no life circles (no roads layer)"))
                    continue
                }
                // The circle named, else the first that measures the type.
                guard let circle = target.circle ?? figures.network.first(where: { $0.type == target.facility })?.circle else {
                    results.append(result(level, nil, unavailable: "no life circle measures \(target.facility?.rawValue ?? "these types")"))
                    continue
                }
                let rows = figures.network.filter {
                    $0.level == level && $0.circle == circle && $0.type == target.facility
                        && (level != "township" || target.units == nil || target.units!.contains($0.kind ?? ""))
                }
                if rows.isEmpty { results.append(result(level == "township" ? scope : level, nil, unavailable: "no \(level) row of the circle \(circle)")) }
                for row in rows { results.append(result(row.region, row.population, unavailable: "no population")) }
            }
        }
        return results
    }
}

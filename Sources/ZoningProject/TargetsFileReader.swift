import Foundation
import ZoningAnalysis

/// Reading plan targets from YAML: a targets file (`targets: [...]`) or the `targets:` list of
/// a project file, strictly (`ConfigurationNode`): unknown keys, wrong types and unknown
/// indicators, comparators, facility types and levels name the file, line and key.
extension TargetsFile {
    /// Reads a targets file: a mapping with one key, `targets`, holding the list.
    /// - Throws: `ConfigurationError` naming the file, line and key at fault.
    public init(contentsOf path: String) throws {
        let root = try ConfigurationNode(contentsOf: path)
        guard let list = try root.mapping(keys: ["targets"])["targets"] else { throw root.error("the key \"targets\" is missing") }
        try self.init(list: list)
    }

    /// Reads the list of targets (the value of a `targets:` key, in a targets or project file).
    public init(list: ConfigurationNode) throws {
        self.init(targets: try list.sequence().map(Self.target))
    }

    static func target(_ node: ConfigurationNode) throws -> Target {
        let keys = try node.mapping(keys: ["indicator", "level", "facility", "units", "comparator", "threshold", "source", "circle"])
        func required(_ key: String) throws -> ConfigurationNode {
            guard let value = keys[key] else { throw node.error("the key \"\(key)\" is missing") }
            return value
        }
        let indicatorNode = try required("indicator"), comparatorNode = try required("comparator")
        guard let indicator = Indicator(rawValue: try indicatorNode.string()) else {
            throw indicatorNode.error("unknown indicator; use one of \(Indicator.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let comparator = Comparator(rawValue: try comparatorNode.string()) else {
            throw comparatorNode.error("unknown comparator; use one of \(Comparator.allCases.map(\.rawValue).joined(separator: ", ")) (quoted)")
        }
        let facility = try keys["facility"].map { value in
            guard let type = FacilityType(name: try value.string()) else {
                throw value.error("unknown facility type; use one of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return type
        }
        let circle = try keys["circle"]?.string()
        if indicator != .urbanizationRate, facility == nil, !(indicator == .networkPopulationCoverage && circle != nil) {
            throw node.error("\(indicator.rawValue) needs a facility type (key \"facility\")" + (indicator == .networkPopulationCoverage ? " or a circle (key \"circle\") for all its types" : ""))
        }
        if circle != nil, indicator != .networkPopulationCoverage { throw keys["circle"]!.error("only network_population_coverage takes a circle") }
        let level = try keys["level"]?.string()
        if let level, !indicator.levels.contains(level) {
            throw keys["level"]!.error(indicator.levels.isEmpty ? "\(indicator.rawValue) has no level; it is checked for each township (choose them with units)"
                                                              : "unknown level; use one of \(indicator.levels.joined(separator: ", "))")
        }
        return Target(
            indicator: indicator, level: level, facility: facility, units: try keys["units"]?.strings(),
            comparator: comparator, threshold: try required("threshold").double(), source: try keys["source"]?.string(), circle: circle)
    }
}

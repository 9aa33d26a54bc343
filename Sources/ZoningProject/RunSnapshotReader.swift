import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// Reads a run back from its output folder into a `RunSnapshot` for the comparison
/// (docs/METHOD.md §9): `manifest.json` (project name, zoning version, parameters),
/// `classification.csv` (the units' figures, as written), `villages-classified.shp` (their
/// polygons and the CRS; or that layer of `results.gpkg`), `builtup-regions.shp`, and
/// `coverage.csv` and `targets.csv` when the run wrote them.
///
/// ```swift
/// let old = try RunSnapshotReader.read("/data/2024/out")
/// old.units.first?.code    // "370299001001"
/// ```
public enum RunSnapshotReader {
    /// - Throws: `RunSnapshotReader.Problem` naming the file, row and field at fault.
    public static func read(_ folder: String) throws -> RunSnapshot {
        let manifestPath = folder + "/manifest.json"
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw Problem(file: manifestPath, problem: "is missing", hint: "give the output folder of a finished zoning run (it holds manifest.json)")
        }
        let manifest: JSONValue
        do { manifest = try JSONValue(parsing: try String(contentsOfFile: manifestPath, encoding: .utf8)) } catch {
            throw Problem(file: manifestPath, problem: "cannot be read as JSON (\(error))", hint: "the run folder is damaged; run the project again")
        }
        guard let version = manifest["toolkit"]?["zoning"]?.stringValue, let name = manifest["project"]?["name"]?.stringValue,
              case .object(let sections)? = manifest["parameters"] else {
            throw Problem(file: manifestPath, problem: "lacks toolkit.zoning, project.name or parameters", hint: "this is not a zoning run's manifest")
        }
        let listed = Set(manifestOutputs(manifest))
        func has(_ name: String) -> Bool { listed.contains(name) }
        func layer(_ name: String) throws -> String {
            if has(name + ".shp") { return "\(folder)/\(name).shp" }
            if has(LayerOutputFormat.geoPackageName) { return "\(folder)/\(LayerOutputFormat.geoPackageName)#\(name)" }
            throw Problem(file: "\(folder)/\(name).shp", problem: "is not among the run's outputs", hint: "the comparison reads a run of zoning run (with classification)")
        }
        guard has("classification.csv") else {
            throw Problem(file: folder + "/classification.csv", problem: "is not among the run's outputs", hint: "the comparison reads a run of zoning run (with classification)")
        }

        // The polygons and CRS, by code.
        let unitLayer = try layer("villages-classified")
        let units = try LayerFile.open(unitLayer)
        guard let crs = units.crs else { throw Problem(file: unitLayer, problem: "has no CRS (.prj)", hint: "the run folder is damaged; run the project again") }
        guard let codeField = units.schema.index(of: "XZQDM") else { throw Problem(file: unitLayer, field: "XZQDM", problem: "is missing") }
        var polygons: [String: Geometry] = [:]
        try units.forEach { feature in
            if case .string(let code) = feature.attributes[codeField], let geometry = feature.geometry { polygons[code] = geometry }
        }

        let table = folder + "/classification.csv"
        var snapshotUnits: [RunSnapshot.Unit] = []
        for (index, row) in try CSVTableReader.rows(table).enumerated() {
            let cells = Cells(file: table, row: index + 1, values: row)
            let code = try cells.text("XZQDM")
            snapshotUnits.append(RunSnapshot.Unit(
                code: code, name: try cells.text("XZQMC"), residents: try cells.optional("POP") { Int($0) },
                derivedClass: try cells.required("CLASS") { UrbanRuralClass(rawValue: $0) }, officialClass: try cells.optional("OFFICIAL") { UrbanRuralClass(rawValue: $0) },
                share: try cells.required("SHARE") { Double($0) }, seat: try cells.optional("SEAT") { $0 }, region: try cells.optional("REGION") { Int($0) },
                constructionSquareMetres: try cells.required("CONSTR_M2") { Double($0) }, geometry: polygons[code]))
        }

        var builtUp: [Geometry] = []
        try LayerFile.open(try layer("builtup-regions")).forEach { feature in if let outline = feature.geometry { builtUp.append(outline) } }

        var coverage: [RunSnapshot.CoverageRow]?
        if has("coverage.csv") {
            let path = folder + "/coverage.csv"
            coverage = try CSVTableReader.rows(path).enumerated().map { index, row in
                let cells = Cells(file: path, row: index + 1, values: row)
                return RunSnapshot.CoverageRow(
                    region: try cells.text("region"), name: try cells.text("name"), type: try cells.text("type"),
                    residentialCoverage: try cells.optional("residential_land_coverage") { Double($0) },
                    populationCoverage: try cells.optional("population_coverage") { Double($0) },
                    residents: try cells.required("population") { Int($0) }, facilities: try cells.required("facilities_inside") { Int($0) })
            }
        }
        var targets: [RunSnapshot.TargetRow]?
        if has("targets.csv") {
            let path = folder + "/targets.csv"
            targets = try CSVTableReader.rows(path).enumerated().map { index, row in
                let cells = Cells(file: path, row: index + 1, values: row)
                return RunSnapshot.TargetRow(
                    target: RunSnapshot.targetName(indicator: try cells.text("indicator"), facility: try cells.optional("facility") { $0 },
                                                   circle: try cells.optional("circle") { $0 }, units: try cells.optional("units") { $0 }),
                    region: try cells.text("region"), comparator: try cells.text("comparator"), threshold: try cells.required("threshold") { Double($0) },
                    value: try cells.optional("value") { Double($0) }, status: try cells.text("status"))
            }
        }
        let parameters = flattened(sections.filter { section in Analyses.parameterSections.contains { $0.section == section.key } })
        return RunSnapshot(name: name, county: RunSnapshot.county(of: snapshotUnits.map(\.code)), version: version, crs: crs,
                           parameters: parameters, units: snapshotUnits, builtUp: builtUp, coverage: coverage, targets: targets)
    }

    /// The parameters of `project`'s analyses (every step it runs but the comparison), by
    /// `section.key`, as `read` gives them from the run's manifest.
    public static func parameters(_ project: Project) -> [String: String] {
        let steps = Analyses.all.filter { $0.id != ComparisonStep.id }.compactMap { $0.step(project, InProcessEngine()) }
        return flattened(steps.compactMap(ParameterSections.section))
    }

    /// JSON sections as `section.key` → text, maps one level further (`coverage.radius_m.primary`).
    static func flattened(_ sections: [(key: String, value: JSONValue)]) -> [String: String] {
        var result: [String: String] = [:]
        func add(_ prefix: String, _ value: JSONValue) {
            switch value {
            case .object(let entries): for entry in entries { add(prefix + "." + entry.key, entry.value) }
            case .array(let items): result[prefix] = items.map(text).joined(separator: ", ")
            default: result[prefix] = text(value)
            }
        }
        for section in sections { add(section.key, section.value) }
        return result
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): ParameterError.plain(number)
        case .string(let text): text
        default: value.text
        }
    }

    static func manifestOutputs(_ manifest: JSONValue) -> [String] {
        guard case .array(let outputs)? = manifest["outputs"] else { return [] }
        return outputs.compactMap { $0["path"]?.stringValue }
    }

    /// What is wrong with a run folder, naming the file (and the row and field of a table).
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var row: Int? = nil
        public var field: String? = nil
        public var problem: String
        public var hint: String = "the run folder is damaged; run the project again"

        public var description: String {
            var place = file
            if let row { place += ", row \(row)" }
            if let field { place += ", field \(field)" }
            return "\(place): \(problem); \(hint)"
        }
    }

    /// One table row's cells, read with the file, row and field named on error.
    struct Cells {
        var file: String
        var row: Int
        var values: [String: String]

        func text(_ field: String) throws -> String {
            guard let value = values[field] else { throw Problem(file: file, field: field, problem: "is missing") }
            return value
        }

        func required<T>(_ field: String, _ parse: (String) -> T?) throws -> T {
            let cell = try text(field)
            guard let value = parse(cell) else { throw Problem(file: file, row: row, field: field, problem: "holds \"\(cell)\", which is not a valid value") }
            return value
        }

        func optional<T>(_ field: String, _ parse: (String) -> T?) throws -> T? {
            let cell = try text(field)
            return cell.isEmpty ? nil : try required(field, parse)
        }
    }
}

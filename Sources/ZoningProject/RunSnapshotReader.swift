import Foundation
import ZoningAnalysis
import ZoningDatabase
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// Reads a run back from its output folder into a `RunSnapshot` for the comparison
/// (docs/METHOD.md §9): `manifest.json` (project name, zoning version, parameters),
/// `classification.csv` (the units' figures, as written), `villages-classified.shp` (their
/// polygons and the CRS; or that layer of `results.gpkg`), `builtup-regions.shp`, and
/// `coverage.csv`, `facilities.csv`, `targets.csv` and `life-circles.csv` (its township and
/// county rows) when the run wrote them.
///
/// ```swift
/// let old = try RunSnapshotReader.read("/data/2024/out")
/// old.units.first?.code    // "370299001001"
/// ```
public enum RunSnapshotReader {
    /// - Parameter location: a run's output folder, or a run published in PostGIS
    ///   (`zoning run --db`): the database URL and the run's schema after `#`,
    ///   `postgresql://gis@db/county#样例市_latest`.
    /// - Throws: `RunSnapshotReader.Problem` naming the file (or table), row and field at fault;
    ///   `DatabaseError` for a database that cannot be read.
    public static func read(_ location: String) throws -> RunSnapshot {
        let store = try Store(location)
        let manifest = try store.manifest()
        let manifestPath = store.name("manifest.json")
        guard let version = manifest["toolkit"]?["zoning"]?.stringValue, let name = manifest["project"]?["name"]?.stringValue,
              case .object(let sections)? = manifest["parameters"] else {
            throw Problem(file: manifestPath, problem: "lacks toolkit.zoning, project.name or parameters", hint: "this is not a zoning run's manifest")
        }
        let listed = Set(manifestOutputs(manifest))
        func has(_ name: String) -> Bool { listed.contains(name) }
        /// The rows of table `name` made by `make` (nil skips a row), each row's cells named by
        /// file and row for errors; nil when the run did not write the table.
        func rows<Row>(of name: String, _ make: (Cells) throws -> Row?) throws -> [Row]? {
            guard has(name) else { return nil }
            let path = store.name(name)
            return try store.rows(name).enumerated().compactMap { index, row in try make(Cells(file: path, row: index + 1, values: row)) }
        }
        func layer(_ name: String) throws -> String {
            if let location = try store.layer(name, listed: listed) { return location }
            throw Problem(file: store.name(name + ".shp"), problem: "is not among the run's outputs", hint: "the comparison reads a run of zoning run (with classification)")
        }
        guard has("classification.csv") else {
            throw Problem(file: store.name("classification.csv"), problem: "is not among the run's outputs", hint: "the comparison reads a run of zoning run (with classification)")
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

        let table = store.name("classification.csv")
        var snapshotUnits: [RunSnapshot.Unit] = []
        for (index, row) in try store.rows("classification.csv").enumerated() {
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

        let coverage: [RunSnapshot.CoverageRow]? = try rows(of: "coverage.csv") { (cells: Cells) -> RunSnapshot.CoverageRow? in
            return RunSnapshot.CoverageRow(
                region: try cells.text("region"), name: try cells.text("name"), type: try cells.text("type"),
                residentialCoverage: try cells.optional("residential_land_coverage") { Double($0) },
                populationCoverage: try cells.optional("population_coverage") { Double($0) },
                residents: try cells.required("population") { Int($0) }, facilities: try cells.required("facilities_inside") { Int($0) })
        }
        let targets: [RunSnapshot.TargetRow]? = try rows(of: "targets.csv") { (cells: Cells) -> RunSnapshot.TargetRow? in
            return RunSnapshot.TargetRow(
                target: RunSnapshot.targetName(indicator: try cells.text("indicator"), facility: try cells.optional("facility") { $0 },
                                               circle: try cells.optional("circle") { $0 }, units: try cells.optional("units") { $0 }),
                region: try cells.text("region"), comparator: try cells.text("comparator"), threshold: try cells.required("threshold") { Double($0) },
                value: try cells.optional("value") { Double($0) }, status: try cells.text("status"))
        }
        let facilities: [FacilityList.Row]? = try rows(of: "facilities.csv") { (cells: Cells) -> FacilityList.Row? in
            return FacilityList.Row(name: try cells.text("name"), type: try cells.text("type"), township: try cells.optional("township") { $0 },
                                    x: try cells.required("x") { Double($0) }, y: try cells.required("y") { Double($0) })
        }
        let lifeCircles: [RunSnapshot.LifeCircleRow]? = try rows(of: "life-circles.csv") { (cells: Cells) -> RunSnapshot.LifeCircleRow? in
            let level = try cells.text("level")
            guard RunSnapshot.lifeCircleLevels.contains(level) else { return nil }
            return RunSnapshot.LifeCircleRow(
                level: level, code: try cells.text("code"), name: try cells.text("name"), circle: try cells.text("circle"), type: try cells.text("type"),
                walkMetres: try cells.optional("walk_m") { Int($0) }, residentialSquareMetres: try cells.required("residential_m2") { Double($0) },
                residents: try cells.required("population") { Int($0) },
                networkLandShare: try cells.optional("network_land_share") { Double($0) },
                networkPopulationShare: try cells.optional("network_population_share") { Double($0) })
        }
        let parameters = flattened(sections.filter { section in Analyses.parameterSections.contains { $0.section == section.key } })
        return RunSnapshot(name: name, county: RunSnapshot.county(of: snapshotUnits.map(\.code)), version: version, crs: crs,
                           parameters: parameters, units: snapshotUnits, builtUp: builtUp, coverage: coverage, targets: targets,
                           lifeCircles: lifeCircles, facilities: facilities)
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

    /// Where a run is read from: its output folder, or its schema in PostGIS.
    struct Store {
        var folder: String?
        var database: DatabaseURL?
        var schema = ""

        init(_ location: String) throws {
            guard LayerFile.isDatabase(location) else {
                folder = location
                guard FileManager.default.fileExists(atPath: location + "/manifest.json") else {
                    throw Problem(file: location + "/manifest.json", problem: "is missing", hint: "give the output folder of a finished zoning run (it holds manifest.json)")
                }
                return
            }
            guard let hash = location.lastIndex(of: "#"), !location[location.index(after: hash)...].isEmpty else {
                throw Problem(file: DatabaseURL.mask(location), problem: "names no run schema",
                              hint: "name the run's schema after #, e.g. postgresql://gis@db/county#样例市_latest (zoning run --db publishes it)")
            }
            database = try DatabaseURL(String(location[..<hash]))
            schema = String(location[location.index(after: hash)...])
        }

        /// A file's name in messages: its path, or `schema.table` in the database.
        func name(_ file: String) -> String {
            folder.map { $0 + "/" + file } ?? "\(schema).\(RunPublication.tableName(file))"
        }

        func manifest() throws -> JSONValue {
            if let folder {
                let path = folder + "/manifest.json"
                do { return try JSONValue(parsing: try String(contentsOfFile: path, encoding: .utf8)) } catch {
                    throw Problem(file: path, problem: "cannot be read as JSON (\(error))", hint: "the run folder is damaged; run the project again")
                }
            }
            let db = try DatabaseConnection(database!)
            let rows = try db.execute("SELECT key, value::text FROM \(try db.quoteIdentifier(schema)).manifest", operation: "reading the run's manifest").rows
            guard !rows.isEmpty else { throw Problem(file: "\(schema).manifest", problem: "is empty or missing", hint: "give the schema of a run published by zoning run --db") }
            let text = "{" + rows.map { "\(JSONValue.string($0[0] ?? "").text):\($0[1] ?? "null")" }.joined(separator: ",") + "}"
            return try JSONValue(parsing: text)
        }

        /// A table's rows as text cells by column.
        func rows(_ file: String) throws -> [[String: String]] {
            if let folder { return try CSVTableReader.rows(folder + "/" + file) }
            let db = try DatabaseConnection(database!)
            let result = try db.execute("SELECT * FROM \(try db.quoteIdentifier(schema)).\(try db.quoteIdentifier(RunPublication.tableName(file)))",
                                        operation: "reading \(file) of the run")
            return result.rows.map { row in Dictionary(zip(result.columns, row.map { $0 ?? "" }), uniquingKeysWith: { first, _ in first }) }
        }

        /// The location of a layer the run wrote (`villages-classified`), or nil.
        func layer(_ name: String, listed: Set<String>) throws -> String? {
            if let folder {
                if listed.contains(name + ".shp") { return "\(folder)/\(name).shp" }
                if listed.contains(LayerOutputFormat.geoPackageName) { return "\(folder)/\(LayerOutputFormat.geoPackageName)#\(name)" }
                return nil
            }
            guard listed.contains(name + ".shp") || listed.contains(LayerOutputFormat.geoPackageName) else { return nil }
            return try database!.naming(table: "\(schema).\(RunPublication.tableName(name))").text
        }
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
            // A table published in PostGIS may have its column names in lower case.
            guard let value = values[field] ?? values.first(where: { $0.key.lowercased() == field.lowercased() })?.value else {
                throw Problem(file: file, field: field, problem: "is missing")
            }
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

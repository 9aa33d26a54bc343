import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// The comparison's files (docs/METHOD.md §7 has their fields): `changes.csv`,
/// `code-changes.csv`, `urbanization-change.csv`, `coverage-change.csv`,
/// `targets-progress.csv`, `life-circles-change.csv` and `facility-changes.csv` (when both runs
/// have life circles, and keep their facilities by name), `builtup-change.shp` and
/// `comparison.json`. `zoning run` with
/// `compare_with:` and `zoning compare` write them through here, so both give the same tables.
///
/// ```swift
/// try ComparisonOutputs.write(comparison, crs: new.crs, to: "out", options: .init(), text: ReportText(.zh))
/// ```
public enum ComparisonOutputs {
    /// The files, in the order they are written.
    public static let files = [
        OutputFile("changes.csv", "every unit in both runs: old and new code, name, class, share s, construction land, residents, the match and the reason"),
        OutputFile("code-changes.csv", "the units whose code changed, with the overlap shares that matched them"),
        OutputFile("urbanization-change.csv", "urbanization per township, county and all in both runs, with the residents of the units that changed"),
        OutputFile("coverage-change.csv", "coverage per township and facility type in both runs (when both computed coverage)"),
        OutputFile("targets-progress.csv", "each target's value in both runs and whether it moved toward its threshold (when both had targets)"),
        OutputFile("life-circles-change.csv", "each township's and the county's life circles in both runs (only when both had roads)"),
        OutputFile("facility-changes.csv", "the facilities opened, closed, renamed and moved, by name (only when both runs keep facilities.csv)"),
        OutputFile("builtup-change.shp", "the built-up area grown and lost since the earlier run"),
        OutputFile("comparison.json", "the same as the tables, with the comparability statement and the parameters"),
    ]

    /// Writes every file of `comparison` into `folder`; `crs` is the new run's.
    public static func write(_ comparison: RunComparison, crs: CoordinateReferenceSystem, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        let changes = Schema([
            Field(name: "old_code", type: .string), Field(name: "new_code", type: .string), Field(name: "old_name", type: .string), Field(name: "name", type: .string),
            Field(name: "old_class", type: .string), Field(name: "class", type: .string),
            Field(name: "old_share", type: .real, precision: 4), Field(name: "share", type: .real, precision: 4),
            Field(name: "old_constr_m2", type: .real, precision: 2), Field(name: "constr_m2", type: .real, precision: 2),
            Field(name: "old_residents", type: .integer), Field(name: "residents", type: .integer),
            Field(name: "match", type: .string), Field(name: "changed", type: .boolean), Field(name: "parameters_only", type: .boolean),
            Field(name: "evidence", type: .string), Field(name: "reason", type: .string),
        ])
        let unitRows = comparison.units.map { unitRow($0, text) }
        try table(folder + "/changes.csv", changes, unitRows, options)

        let codes = Schema([
            Field(name: "old_code", type: .string), Field(name: "new_code", type: .string), Field(name: "old_name", type: .string), Field(name: "name", type: .string),
            Field(name: "match", type: .string), Field(name: "share_of_old", type: .real, precision: 4), Field(name: "share_of_new", type: .real, precision: 4),
        ])
        try table(folder + "/code-changes.csv", codes, codeRows(comparison), options)

        let urbanization = Schema([
            Field(name: "level", type: .string), Field(name: "code", type: .string), Field(name: "old_codes", type: .string),
            Field(name: "old_population", type: .integer), Field(name: "population", type: .integer),
            Field(name: "old_urban_population", type: .integer), Field(name: "urban_population", type: .integer),
            Field(name: "old_rate", type: .real, precision: 4), Field(name: "rate", type: .real, precision: 4), Field(name: "rate_change", type: .real, precision: 4),
            Field(name: "old_official_rate", type: .real, precision: 4), Field(name: "official_rate", type: .real, precision: 4),
            Field(name: "became_urban", type: .integer), Field(name: "became_rural", type: .integer),
        ])
        try table(folder + "/urbanization-change.csv", urbanization, comparison.urbanization.map(urbanizationRow), options)

        let coverage = Schema([
            Field(name: "region", type: .string), Field(name: "name", type: .string), Field(name: "type", type: .string), Field(name: "old_regions", type: .string),
            Field(name: "old_residential_land_coverage", type: .real, precision: 4), Field(name: "residential_land_coverage", type: .real, precision: 4),
            Field(name: "old_population_coverage", type: .real, precision: 4), Field(name: "population_coverage", type: .real, precision: 4),
            Field(name: "old_facilities", type: .integer), Field(name: "facilities", type: .integer), Field(name: "facilities_change", type: .integer),
        ])
        try table(folder + "/coverage-change.csv", coverage, comparison.coverage.map(coverageRow), options)

        let targets = Schema([
            Field(name: "target", type: .string), Field(name: "region", type: .string), Field(name: "comparator", type: .string),
            Field(name: "old_threshold", type: .real, precision: 4), Field(name: "threshold", type: .real, precision: 4),
            Field(name: "old_value", type: .real, precision: 4), Field(name: "value", type: .real, precision: 4),
            Field(name: "old_status", type: .string), Field(name: "status", type: .string), Field(name: "progress", type: .string),
        ])
        try table(folder + "/targets-progress.csv", targets, comparison.targets.map(targetRow), options)

        let lifeCircles = Schema([
            Field(name: "level", type: .string), Field(name: "region", type: .string), Field(name: "name", type: .string),
            Field(name: "circle", type: .string), Field(name: "type", type: .string), Field(name: "old_regions", type: .string),
            Field(name: "old_walk_m", type: .integer), Field(name: "walk_m", type: .integer),
            Field(name: "old_population", type: .integer), Field(name: "population", type: .integer),
            Field(name: "old_network_land_share", type: .real, precision: 4), Field(name: "network_land_share", type: .real, precision: 4),
            Field(name: "old_network_population_share", type: .real, precision: 4), Field(name: "network_population_share", type: .real, precision: 4),
            Field(name: "network_population_share_change", type: .real, precision: 4),
        ])
        if let rows = comparison.lifeCircles { try table(folder + "/life-circles-change.csv", lifeCircles, rows.map(lifeCircleRow), options) }

        let facilities = Schema([
            Field(name: "change", type: .string), Field(name: "type", type: .string), Field(name: "old_name", type: .string), Field(name: "name", type: .string),
            Field(name: "old_township", type: .string), Field(name: "township", type: .string),
            Field(name: "old_x", type: .real, precision: 2), Field(name: "old_y", type: .real, precision: 2),
            Field(name: "x", type: .real, precision: 2), Field(name: "y", type: .real, precision: 2), Field(name: "distance_m", type: .real, precision: 2),
        ])
        if let rows = comparison.facilities { try table(folder + "/facility-changes.csv", facilities, rows.map(facilityRow), options) }

        let builtUp = Schema([Field(name: "CHANGE", type: .string), Field(name: "AREA_M2", type: .real, precision: 2)])
        try LayerFile.write(to: folder + "/builtup-change.shp", schema: builtUp, crs: crs, options: options) { emit in
            let parts = comparison.builtUp.grown.map { ("grown", $0) } + comparison.builtUp.lost.map { ("lost", $0) }
            for (index, (change, polygon)) in parts.enumerated() {
                try emit(Feature(id: index, geometry: polygon, attributes: [.string(change), .real(polygon.area)]))
            }
        }

        func rows(_ schema: Schema, _ rows: [[AttributeValue]]) -> JSONValue {
            .array(rows.map { row in .object(zip(schema.fields, row).map { (key: $0.name, value: JSONValue($0.written($1))) }) })
        }
        let document = JSONValue.object([
            ("comparability", .array(text.comparabilityStatement(comparison.comparability).map(JSONValue.string))),
            ("parameters_differ", .object(comparison.comparability.parameters.map { (key: $0.key, value: .object([("old", .string($0.old)), ("new", .string($0.new))])) })),
            ("reprojected", .bool(comparison.comparability.reprojected)),
            ("parameters", .object([(ComparisonParameters.section, ParameterSections.json(comparison.parameters))])),
            ("units", rows(changes, unitRows)),
            ("code_changes", rows(codes, codeRows(comparison))),
            ("urbanization", rows(urbanization, comparison.urbanization.map(urbanizationRow))),
            ("coverage", rows(coverage, comparison.coverage.map(coverageRow))),
            ("targets", rows(targets, comparison.targets.map(targetRow))),
            ("life_circles", comparison.lifeCircles.map { rows(lifeCircles, $0.map(lifeCircleRow)) } ?? .null),
            ("facility_changes", comparison.facilities.map { rows(facilities, $0.map(facilityRow)) } ?? .null),
            ("builtup", .object([
                ("grown_m2", .number(RunSnapshot.rounded(comparison.builtUp.grownSquareMetres, 2))),
                ("lost_m2", .number(RunSnapshot.rounded(comparison.builtUp.lostSquareMetres, 2))),
            ])),
        ])
        try OutputFiles.write(Data((document.text + "\n").utf8), to: folder + "/comparison.json", overwrite: options.overwrite)
    }

    /// The date in the header of a run's `villages-classified.dbf` (the run's newest input's
    /// date, `ProjectRun`), so that `zoning compare` writes `builtup-change.dbf` with the date
    /// the run with `compare_with:` gives it; nil without that file.
    public static func tableDate(ofRun folder: String) -> CalendarDate? {
        guard let handle = FileHandle(forReadingAtPath: folder + "/villages-classified.dbf") else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 4), header.count == 4 else { return nil }
        return CalendarDate(year: 1900 + Int(header[1]), month: Int(header[2]), day: Int(header[3]))
    }

    static func table(_ path: String, _ schema: Schema, _ rows: [[AttributeValue]], _ options: LayerFile.WriteOptions) throws {
        try LayerFile.write(to: path, schema: schema, crs: nil, options: options) { emit in
            for (index, row) in rows.enumerated() { try emit(Feature(id: index, geometry: nil, attributes: row)) }
        }
    }

    static func cell(_ value: String?) -> AttributeValue { value.map(AttributeValue.string) ?? .null }
    static func real(_ value: Double?) -> AttributeValue { value.map(AttributeValue.real) ?? .null }
    static func integer(_ value: Int?) -> AttributeValue { value.map { .integer(Int64($0)) } ?? .null }

    /// `370299102001→370299004001 (1.0000, 0.9987)`: the old and new code, the overlap's share of each.
    static func evidence(_ overlap: UnitMatching.Overlap) -> String {
        "\(overlap.old)→\(overlap.new) (\(String(format: "%.4f", overlap.shareOfOld)), \(String(format: "%.4f", overlap.shareOfNew)))"
    }

    static func unitRow(_ change: RunComparison.UnitChange, _ text: ReportText) -> [AttributeValue] {
        let new = change.new, old = change.principal
        let shown = change.evidence.filter { new == nil || $0.new == new!.code }
        return [
            change.old.isEmpty ? .null : .string(change.old.map(\.code).joined(separator: ";")), cell(new?.code),
            change.old.isEmpty ? .null : .string(change.old.map(\.name).joined(separator: ";")), cell(new?.name),
            cell(old?.derivedClass.rawValue), cell(new?.derivedClass.rawValue),
            real(change.oldShare), real(new?.share), change.old.isEmpty ? .null : .real(change.oldConstruction), real(new?.constructionSquareMetres),
            integer(change.oldResidents), integer(new?.residents),
            .string(change.kind.rawValue), .boolean(change.changed), .boolean(change.parametersOnly),
            shown.isEmpty ? .null : .string(shown.map(evidence).joined(separator: "; ")), .string(text.comparisonReasons(change)),
        ]
    }

    static func codeRows(_ comparison: RunComparison) -> [[AttributeValue]] {
        var rows: [[AttributeValue]] = []
        for change in comparison.units where change.kind != .same && change.kind != .renamed {
            let names = Dictionary(change.old.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            let overlaps = change.evidence.filter { change.new == nil || $0.new == change.new!.code }
            if overlaps.isEmpty {
                rows.append([cell(change.old.first?.code), cell(change.new?.code), cell(change.old.first?.name), cell(change.new?.name),
                             .string(change.kind.rawValue), .null, .null])
            }
            for overlap in overlaps {
                rows.append([.string(overlap.old), .string(overlap.new), cell(names[overlap.old]), cell(change.new?.name), .string(change.kind.rawValue),
                             .real(overlap.shareOfOld), .real(overlap.shareOfNew)])
            }
        }
        return rows
    }

    static func urbanizationRow(_ row: RunComparison.UrbanizationChange) -> [AttributeValue] {
        let change = row.old?.rate.flatMap { before in row.new?.rate.map { $0 - before } }
        return [.string(row.level), .string(row.code), .string(row.oldCodes.joined(separator: ";")),
                integer(row.old?.residents), integer(row.new?.residents), integer(row.old?.urban), integer(row.new?.urban),
                real(row.old?.rate), real(row.new?.rate), real(change), real(row.old?.officialRate), real(row.new?.officialRate),
                .integer(Int64(row.becameUrban)), .integer(Int64(row.becameRural))]
    }

    static func coverageRow(_ row: RunComparison.CoverageChange) -> [AttributeValue] {
        let change = row.old.flatMap { before in row.new.map { $0.facilities - before.facilities } }
        return [.string(row.region), .string(row.name), .string(row.type), .string(row.oldRegions.joined(separator: ";")),
                real(row.old?.residentialCoverage), real(row.new?.residentialCoverage), real(row.old?.populationCoverage), real(row.new?.populationCoverage),
                integer(row.old?.facilities), integer(row.new?.facilities), integer(change)]
    }

    static func lifeCircleRow(_ row: RunComparison.LifeCircleChange) -> [AttributeValue] {
        [.string(row.level), .string(row.region), .string(row.name), .string(row.circle), .string(row.type), .string(row.oldRegions.joined(separator: ";")),
         integer(row.old?.walkMetres), integer(row.new?.walkMetres), integer(row.old?.residents), integer(row.new?.residents),
         real(row.old?.networkLandShare), real(row.new?.networkLandShare), real(row.old?.networkPopulationShare), real(row.new?.networkPopulationShare),
         real(row.populationShareChange)]
    }

    static func facilityRow(_ row: RunComparison.FacilityChange) -> [AttributeValue] {
        [.string(row.kind.rawValue), .string(row.type), cell(row.old?.name), cell(row.new?.name), cell(row.old?.township), cell(row.new?.township),
         real(row.old?.x), real(row.old?.y), real(row.new?.x), real(row.new?.y), real(row.distanceMetres)]
    }

    static func targetRow(_ row: RunComparison.TargetProgress) -> [AttributeValue] {
        [.string(row.target), .string(row.region), cell(row.new?.comparator ?? row.old?.comparator),
         real(row.old?.threshold), real(row.new?.threshold), real(row.old?.value), real(row.new?.value),
         cell(row.old?.status), cell(row.new?.status), .string(row.direction.rawValue)]
    }
}

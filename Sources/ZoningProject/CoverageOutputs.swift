import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// Writes coverage results to a folder. Column names say how each figure is made.
///
/// | file | contents |
/// |---|---|
/// | `coverage.csv`, `coverage.json` | one row per region and facility type (the JSON also records the method and radii) |
/// | `facilities.csv` | each facility: NAME, TYPE, TOWNSHIP (the township holding it), X and Y in the analysis CRS (`FacilityList`), so a later run can name those opened and closed |
/// | `regions-coverage.shp` | the regions with, per type, residential coverage (`KG_RES`…), population coverage (`KG_POP`), facilities inside (`KG_N`), 90th-percentile distance (`KG_P90`) |
/// | `service-areas.shp` | one polygon per type: TYPE, RADIUS_M, AREA_KM2 (ellipsoidal) |
/// | `gaps.shp` | each residential parcel outside every service area of one type or more, once: TYPES (those types), REGION, VILLAGE, POP, and per type `KG_NEAR`… the nearest facility of the type, m (empty where the type covers it) |
public enum CoverageOutputs {
    /// How each column is made, for the JSON's `method`.
    public static func method(_ result: Coverage.Result) -> String {
        """
        residential_land_coverage: residential land (DLBM 0701, and 0702 when asked) inside the type's service area ÷ all residential land in the region (ellipsoidal TBMJ, scaled by the share of each parcel's area inside); \
        population_coverage: \(result.populationFromPoints
            ? "residents of the population points inside the type's service area ÷ residents of all points in the region (a gap parcel's POP: the points inside it)"
            : "each village's population spread over its residential land by area, covered ÷ total"); \
        facilities_inside: facility points inside the region; \
        nearest_*_m: distance from each residential parcel polygon to the nearest facility of the type (0 inside), over the region's parcels; \
        service area: the union of circles of the type's radius around its facilities
        """
    }

    @discardableResult
    public static func write(
        _ result: Coverage.Result, regions: [CoverageRegion], parcels: [LandParcel], facilities: [Facility], parameters: Coverage.Parameters,
        crs: CoordinateReferenceSystem, to folder: String, options: LayerFile.WriteOptions
    ) throws -> [String] {
        let names = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let schema = Schema([
            Field(name: "region", type: .string), Field(name: "name", type: .string), Field(name: "kind", type: .string),
            Field(name: "type", type: .string), Field(name: "radius_m", type: .integer),
            Field(name: "residential_m2", type: .real, precision: 2), Field(name: "residential_land_coverage", type: .real, precision: 4),
            Field(name: "population", type: .integer), Field(name: "population_coverage", type: .real, precision: 4),
            Field(name: "facilities_inside", type: .integer),
            Field(name: "nearest_mean_m", type: .integer), Field(name: "nearest_p90_m", type: .integer), Field(name: "nearest_max_m", type: .integer),
        ])
        func row(_ r: RegionCoverage) -> [AttributeValue] {
            let region = names[r.region]
            func real(_ value: Double?) -> AttributeValue { value.map(AttributeValue.real) ?? .null }
            return [.string(r.region), .string(region?.name ?? ""), region?.kind.map(AttributeValue.string) ?? .null, .string(r.type.rawValue),
                    whole(r.radiusMetres), .real(r.residentialSquareMetres), real(r.residentialCoverage), whole(r.population),
                    real(r.populationCoverage), .integer(Int64(r.facilities)), whole(r.meanDistance), whole(r.p90Distance), whole(r.maxDistance)]
        }
        let table = folder + "/coverage.csv", json = folder + "/coverage.json"
        try LayerFile.write(to: table, schema: schema, crs: nil, options: options) { emit in
            for (index, r) in result.regions.enumerated() { try emit(Feature(id: index, geometry: nil, attributes: row(r))) }
        }
        let document = JSONValue.object([
            ("method", .string(method(result))),
            ("parameters", .object([(Coverage.Parameters.section, ParameterSections.json(parameters))])),
            ("residential_codes", .array(parameters.residentialCodes.sorted().map(JSONValue.string))),
            ("rows", .array(result.regions.map { r in .object(zip(schema.fields, row(r)).map { (key: $0.name, value: JSONValue($0.written($1))) }) })),
        ])
        try OutputFiles.write(Data((document.text + "\n").utf8), to: json, overwrite: options.overwrite)

        let list = folder + "/facilities.csv"
        try LayerFile.write(to: list, schema: facilitySchema, crs: nil, options: options) { emit in
            for (index, row) in try FacilityList.rows(facilities: facilities, townships: regions).enumerated() {
                try emit(Feature(id: index, geometry: nil, attributes: [
                    .string(row.name), .string(row.type), row.township.map(AttributeValue.string) ?? .null, .real(row.x), .real(row.y)]))
            }
        }

        // Regions with a column group per type.
        let types = Array(Set(result.regions.map(\.type))).sorted()
        var fields = [Field(name: "CODE", type: .string), Field(name: "NAME", type: .string), Field(name: "KIND", type: .string)]
        for type in types {
            let code = type.columnCode
            fields += [Field(name: code + "_RES", type: .real, precision: 4), Field(name: code + "_POP", type: .real, precision: 4),
                       Field(name: code + "_N", type: .integer), Field(name: code + "_P90", type: .integer)]
        }
        let layer = folder + "/regions-coverage.shp"
        try LayerFile.write(to: layer, schema: Schema(fields), crs: crs, options: options) { emit in
            for (index, region) in regions.enumerated() {
                var values: [AttributeValue] = [.string(region.code), .string(region.name), region.kind.map(AttributeValue.string) ?? .null]
                for type in types {
                    let r = result.regions.first { $0.region == region.code && $0.type == type }
                    values += [r?.residentialCoverage.map(AttributeValue.real) ?? .null, r?.populationCoverage.map(AttributeValue.real) ?? .null,
                               .integer(Int64(r?.facilities ?? 0)), whole(r?.p90Distance)]
                }
                try emit(Feature(id: index, geometry: region.geometry, attributes: values))
            }
        }
        let areas = folder + "/service-areas.shp"
        // Measured once, before the writer's two passes over the features.
        let sorted = result.serviceAreas.sorted(by: { $0.key < $1.key })
        let squareMetres = try Geodesic(ellipsoid: crs.ellipsoid).areas(of: sorted.map(\.value), in: crs)
        try LayerFile.write(to: areas, schema: Schema([Field(name: "TYPE", type: .string), Field(name: "RADIUS_M", type: .integer),
                                                       Field(name: "AREA_KM2", type: .real, precision: 4)]), crs: crs, options: options) { emit in
            for (index, (type, area)) in sorted.enumerated() {
                try emit(Feature(id: index, geometry: area, attributes: [
                    .string(type.rawValue), whole(parameters.radii[type] ?? type.defaultRadiusMetres), .real(squareMetres[index] / 1e6)]))
            }
        }
        // Gaps: each uncovered residential parcel once, with the types that leave it uncovered
        // and the nearest facility of each (its geometry written once, not once per type).
        let gaps = folder + "/gaps.shp"
        var gapFields = [Field(name: "TYPES", type: .string), Field(name: "REGION", type: .string), Field(name: "VILLAGE", type: .string),
                         Field(name: "POP", type: .integer)]
        let gapTypes = Set(types + result.gaps.map(\.type)).sorted()
        gapFields += gapTypes.map { Field(name: $0.columnCode + "_NEAR", type: .integer) }
        // Made once: the shapefile writer passes over the features twice.
        let gapFeatures = gapsByParcel(result.gaps).enumerated().map { index, row in
            let first = row.gaps[0]
            var values: [AttributeValue] = [
                .string(row.gaps.map(\.type.rawValue).joined(separator: ",")), first.region.map(AttributeValue.string) ?? .null,
                .string(parcels[row.parcel].unitCode), whole(first.population)]
            values += gapTypes.map { type in row.gaps.first { $0.type == type }.map { whole($0.nearestMetres) } ?? .null }
            return Feature(id: index, geometry: parcels[row.parcel].geometry, attributes: values)
        }
        try LayerFile.write(to: gaps, schema: Schema(gapFields), crs: crs, options: options) { emit in
            for feature in gapFeatures { try emit(feature) }
        }
        return [table, json, list, layer, areas, gaps]
    }

    /// The columns of `facilities.csv`: the facility's own name, its type, the township holding
    /// it, and its position (m, analysis CRS).
    public static let facilitySchema = Schema([
        Field(name: "name", type: .string), Field(name: "type", type: .string), Field(name: "township", type: .string),
        Field(name: "x", type: .real, precision: 2), Field(name: "y", type: .real, precision: 2),
    ])

    /// The gaps grouped by parcel, parcels in order, each parcel's gaps in the types' order.
    ///
    /// ```swift
    /// gapsByParcel([gap(parcel: 7, .primary), gap(parcel: 3, .kindergarten), gap(parcel: 7, .kindergarten)])
    /// // [(3, [kindergarten]), (7, [kindergarten, primary])]
    /// ```
    static func gapsByParcel(_ gaps: [CoverageGap]) -> [(parcel: Int, gaps: [CoverageGap])] {
        // One sort (stable: gaps of one parcel and type keep their order) and one pass, no
        // dictionary of arrays.
        var rows: [(parcel: Int, gaps: [CoverageGap])] = []
        for gap in gaps.sorted(by: { ($0.parcel, $0.type) < ($1.parcel, $1.type) }) {
            if rows.last?.parcel == gap.parcel { rows[rows.count - 1].gaps.append(gap) } else { rows.append((gap.parcel, [gap])) }
        }
        return rows
    }

    /// A distance in metres or a number of residents as tables give it: a whole number.
    static func whole(_ value: Double?) -> AttributeValue {
        guard let value, value.isFinite else { return .null }
        return .integer(Int64(value.rounded()))
    }
}

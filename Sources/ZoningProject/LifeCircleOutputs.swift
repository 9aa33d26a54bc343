import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// Writes the life circles' results to a folder (docs/METHOD.md §5). Column names say how
/// each figure is made.
///
/// | file | contents |
/// |---|---|
/// | `life-circles.csv`, `life-circles.json` | one row per level (county, urban, rural, township, village), region, circle and facility type (`all`: every type of the circle); the JSON also records the method, the circles and the network |
/// | `life-circle-areas.shp` | the roads reached within each circle's walk, buffered 30 m and dissolved: CIRCLE, TYPE, WALK_M, AREA_KM2 |
/// | `life-circle-homes.shp` | each residential parcel: VILLAGE, SNAP_M (door on the road to the parcel), per type its walk and straight-line metres to the nearest facility (`KG_WALK`, `KG_LINE`, …) |
public enum LifeCircleOutputs {
    public static let files = ["life-circles.csv", "life-circles.json", "life-circle-areas.shp", "life-circle-homes.shp"]

    public static let method = """
        homes: residential parcels (population: each village's population spread over its residential land, or the population layer's points); \
        snapping: facilities join their nearest walkable roads at their nearest points, parcels their nearest roads (every road along or through them) at the points nearest their interior point (their doors); off the network beyond snap_m; \
        walk_m: facility to road (straight) + shortest path along the roads (one-way honoured) + door to parcel (straight, 0 when the road touches it); \
        network_*_share: share of residential land or residents whose walk to the nearest facility of the type is at most the circle's walk_m (type all: to every type of the circle); \
        line_*_share: the same with the straight-line distance from the nearest facility to the parcel (0 inside), so network <= line; \
        mean_walk_m, p90_walk_m: over homes with a path to a facility; detour_ratio: their summed walks / summed straight-line distances
        """

    public static func write(
        _ result: LifeCircles.Result, parameters: LifeCircleParameters, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions
    ) throws {
        let townships = Dictionary(inputs.townships.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let units = Dictionary(inputs.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let schema = Schema([
            Field(name: "level", type: .string), Field(name: "code", type: .string), Field(name: "name", type: .string),
            Field(name: "kind_or_class", type: .string), Field(name: "circle", type: .string), Field(name: "type", type: .string),
            Field(name: "walk_m", type: .integer), Field(name: "homes", type: .integer), Field(name: "off_network", type: .integer),
            Field(name: "residential_m2", type: .real, precision: 2),
            Field(name: "line_land_share", type: .real, precision: 4), Field(name: "network_land_share", type: .real, precision: 4),
            Field(name: "population", type: .integer),
            Field(name: "line_population_share", type: .real, precision: 4), Field(name: "network_population_share", type: .real, precision: 4),
            Field(name: "mean_walk_m", type: .integer), Field(name: "p90_walk_m", type: .integer), Field(name: "detour_ratio", type: .real, precision: 3),
        ])
        func real(_ value: Double?) -> AttributeValue { value.map(AttributeValue.real) ?? .null }
        func row(_ r: LifeCircles.Row) -> [AttributeValue] {
            let (name, kind): (String, String?) = switch r.level {
            case .township: (townships[r.code]?.name ?? "", townships[r.code]?.kind)
            case .village: (units[r.code] ?? "", r.urbanRuralClass?.rawValue)
            default: ("", nil)
            }
            return [.string(r.level.rawValue), .string(r.code), .string(name), kind.map(AttributeValue.string) ?? .null, .string(r.circle),
                    .string(r.type?.rawValue ?? "all"), CoverageOutputs.whole(r.walkMetres), .integer(Int64(r.homes)), .integer(Int64(r.offNetwork)),
                    .real(r.residentialSquareMetres), real(r.lineLandShare), real(r.networkLandShare), CoverageOutputs.whole(r.population),
                    real(r.linePopulationShare), real(r.networkPopulationShare),
                    CoverageOutputs.whole(r.meanWalkMetres), CoverageOutputs.whole(r.p90WalkMetres), real(r.detourRatio)]
        }
        try LayerFile.write(to: folder + "/life-circles.csv", schema: schema, crs: nil, options: options) { emit in
            for (index, r) in result.rows.enumerated() { try emit(Feature(id: index, geometry: nil, attributes: row(r))) }
        }
        let network = result.network
        let document = JSONValue.object([
            ("method", .string(method)),
            ("parameters", .object([(LifeCircleParameters.section, ParameterSections.json(parameters))])),
            ("network", .object([
                ("nodes", .number(Double(network.nodes))), ("edges", .number(Double(network.edges))),
                ("walkable_km", .number((network.metres / 10).rounded() / 100)),
                ("parts_km", .array(network.componentMetres.map { .number(($0 / 10).rounded() / 100) })),
                ("excluded_roads", .object(network.excludedClasses.sorted { $0.key < $1.key }.map { (key: $0.key, value: .number(Double($0.value))) })),
                ("facilities_off_network", .array(result.offNetworkFacilities.map(JSONValue.string))),
            ])),
            ("rows", .array(result.rows.map { r in .object(zip(schema.fields, row(r)).map { (key: $0.name, value: JSONValue($0.written($1))) }) })),
        ])
        try OutputFiles.write(Data((document.text + "\n").utf8), to: folder + "/life-circles.json", overwrite: options.overwrite)

        let walks = Dictionary(parameters.circles.map { ($0.name, $0.walkMetres) }, uniquingKeysWith: { a, _ in a })
        // Measured once, before the writer's two passes over the features.
        let squareMetres = try Geodesic(ellipsoid: inputs.crs.ellipsoid).areas(of: result.serviceAreas.map(\.area), in: inputs.crs)
        try LayerFile.write(to: folder + "/life-circle-areas.shp", schema: Schema([
            Field(name: "CIRCLE", type: .string), Field(name: "TYPE", type: .string), Field(name: "WALK_M", type: .integer),
            Field(name: "AREA_KM2", type: .real, precision: 4),
        ]), crs: inputs.crs, options: options) { emit in
            for (index, area) in result.serviceAreas.enumerated() {
                try emit(Feature(id: index, geometry: area.area, attributes: [
                    .string(area.circle), .string(area.type.rawValue), CoverageOutputs.whole(walks[area.circle]),
                    .real(squareMetres[index] / 1e6)]))
            }
        }

        let types = result.walkMetres.keys.sorted()
        var fields = [Field(name: "VILLAGE", type: .string), Field(name: "SNAP_M", type: .integer)]
        for type in types {
            let code = type.columnCode
            fields += [Field(name: code + "_WALK", type: .integer), Field(name: code + "_LINE", type: .integer)]
        }
        try LayerFile.write(to: folder + "/life-circle-homes.shp", schema: Schema(fields), crs: inputs.crs, options: options) { emit in
            for (k, parcel) in result.homeParcels.enumerated() {
                var values: [AttributeValue] = [.string(inputs.parcels[parcel].unitCode), CoverageOutputs.whole(result.homeSnapMetres[k])]
                for type in types { values += [CoverageOutputs.whole(result.walkMetres[type]?[k]), CoverageOutputs.whole(result.lineMetres[type]?[k])] }
                try emit(Feature(id: k, geometry: inputs.parcels[parcel].geometry, attributes: values))
            }
        }
    }
}

extension LifeCircleOutputs: StepOutput {
    public static func write(_ output: LifeCircles.Result, of step: LifeCircleStep, inputs: AnalysisInputs, to folder: String,
                             options: LayerFile.WriteOptions, text: ReportText) throws {
        try write(output, parameters: step.parameters, inputs: inputs, to: folder, options: options)
    }
}

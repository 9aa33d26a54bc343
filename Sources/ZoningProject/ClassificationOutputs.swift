import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// Writes the results of built-up delineation and classification to a folder: layers for GIS
/// and tables for spreadsheets and programs.
///
/// | file | contents |
/// |---|---|
/// | `builtup-regions.shp` | region outlines: REGION, RANK, SEAT, SEATS, PARCELS, FOOT_KM2, OUTL_KM2 (ellipsoidal km²) |
/// | `builtup-regions.csv` | the same, with each region's footprint share per township |
/// | `villages-classified.shp` | the units with CLASS, OFFICIAL, AGREES, SHARE, SEAT, REGION, CONSTR_M2, POP, REASON |
/// | `classification.csv`, `classification.json` | the same table (the JSON also records the parameters) |
/// | `urbanization.csv` | per township, county and all: population, urban population, rates derived and official, units per class |
/// | `review.csv` | the review lists: list, basis, unit, classes, share, construction share, evidence |
public enum ClassificationOutputs {

    /// - Returns: the paths written.
    @discardableResult
    public static func writeBuiltUp(_ builtUp: BuiltUpRegions.Result, crs: CoordinateReferenceSystem, to folder: String, options: LayerFile.WriteOptions) throws -> [String] {
        let schema = Schema([
            Field(name: "REGION", type: .integer), Field(name: "RANK", type: .string), Field(name: "SEAT", type: .string),
            Field(name: "SEATS", type: .string), Field(name: "PARCELS", type: .integer),
            Field(name: "FOOT_KM2", type: .real, precision: 4), Field(name: "OUTL_KM2", type: .real, precision: 4),
        ])
        func attributes(_ region: BuiltUpRegion) -> [AttributeValue] {
            [.integer(Int64(region.id)), .string(region.rank.map(\.description) ?? "seeds only"),
             region.principalSeat.map { .string($0.code) } ?? .null, .string(region.seats.map { "\($0.code) (\($0.rank))" }.joined(separator: "; ")),
             .integer(Int64(region.parcels.count)), .real(region.footprintSquareMetres / 1e6),
             region.outlineSquareMetres.map { .real($0 / 1e6) } ?? .null]
        }
        let layer = folder + "/builtup-regions.shp"
        try LayerFile.write(to: layer, schema: schema, crs: crs, options: options) { emit in
            for region in builtUp.regions { try emit(Feature(id: region.id, geometry: region.outline, attributes: attributes(region))) }
        }
        let table = folder + "/builtup-regions.csv"
        let tableSchema = Schema(schema.fields + [Field(name: "FOOTPRINT_BY_TOWNSHIP", type: .string)])
        try LayerFile.write(to: table, schema: tableSchema, crs: nil, options: options) { emit in
            for region in builtUp.regions {
                let shares = region.footprintByTownship.sorted { $0.key < $1.key }
                    .map { "\($0.key): \(Int(($0.value / region.footprintSquareMetres * 100).rounded()))%" }.joined(separator: "; ")
                try emit(Feature(id: region.id, geometry: nil, attributes: attributes(region) + [.string(shares)]))
            }
        }
        return [layer, table]
    }

    /// - Returns: the paths written.
    @discardableResult
    public static func writeClassification(
        _ classes: [UnitClassification], units: [VillageUnit], review: [ReviewLists.Entry], crs: CoordinateReferenceSystem,
        parameters: (LandUseCodes, ClassificationParameters), to folder: String, options: LayerFile.WriteOptions,
        text: ReportText = ReportText(.zh)
    ) throws -> [String] {
        let schema = Schema([
            Field(name: "XZQDM", type: .string), Field(name: "XZQMC", type: .string), Field(name: "POP", type: .integer),
            Field(name: "CLASS", type: .string), Field(name: "OFFICIAL", type: .string), Field(name: "AGREES", type: .boolean),
            Field(name: "SHARE", type: .real, precision: 4), Field(name: "SEAT", type: .string), Field(name: "REGION", type: .integer),
            Field(name: "CONSTR_M2", type: .real, precision: 2), Field(name: "REASON", type: .string),
        ])
        let geometryOf = Dictionary(units.map { ($0.code, $0.geometry) }, uniquingKeysWith: { first, _ in first })
        func row(_ unit: UnitClassification) -> [AttributeValue] {
            [.string(unit.code), .string(unit.name), unit.population.map { .integer(Int64($0)) } ?? .null,
             .string(unit.derivedClass.rawValue), unit.officialClass.map { .string($0.rawValue) } ?? .null, unit.agrees.map(AttributeValue.boolean) ?? .null,
             .real(unit.share), unit.connectedSeat.map { .string($0.code) } ?? .null, unit.regionID.map { .integer(Int64($0)) } ?? .null,
             .real(unit.constructionSquareMetres), .string(text.reason(unit))]
        }
        let layer = folder + "/villages-classified.shp", table = folder + "/classification.csv", json = folder + "/classification.json"
        try LayerFile.write(to: layer, schema: schema, crs: crs, options: options) { emit in
            for (index, unit) in classes.enumerated() { try emit(Feature(id: index, geometry: geometryOf[unit.code] ?? nil, attributes: row(unit))) }
        }
        try LayerFile.write(to: table, schema: schema, crs: nil, options: options) { emit in
            for (index, unit) in classes.enumerated() { try emit(Feature(id: index, geometry: nil, attributes: row(unit))) }
        }
        let (codes, classification) = parameters
        let document = JSONValue.object([
            ("parameters", .object([
                // The construction codes it counted, under their project-file key.
                (BuiltUpParameters.section, .object([("construction_codes", .array(codes.construction.sorted().map(JSONValue.string)))])),
                (ClassificationParameters.section, ParameterSections.json(classification)),
            ])),
            ("units", .array(classes.map { unit in
                .object(zip(schema.fields, row(unit)).map { (key: $0.name.lowercased(), value: JSONValue($0.written($1))) })
            })),
        ])
        try OutputFiles.write(Data((document.text + "\n").utf8), to: json, overwrite: options.overwrite)
        let urbanization = try writeUrbanization(classes, to: folder + "/urbanization.csv", options: options)
        let reviewPath = try writeReview(review, to: folder + "/review.csv", options: options, text: text)
        return [layer, table, json, urbanization, reviewPath]
    }

    static func writeUrbanization(_ classes: [UnitClassification], to path: String, options: LayerFile.WriteOptions) throws -> String {
        let schema = Schema([
            Field(name: "level", type: .string), Field(name: "code", type: .string), Field(name: "population", type: .integer),
            Field(name: "urban_population", type: .integer), Field(name: "rate", type: .real, precision: 4),
            Field(name: "official_urban_population", type: .integer), Field(name: "official_rate", type: .real, precision: 4),
        ] + UrbanRuralClass.allCases.map { Field(name: "units_\($0)", type: .integer) } + UrbanRuralClass.allCases.map { Field(name: "official_\($0)", type: .integer) })
        var rows: [Urbanization] = []
        for level in Urbanization.Level.allCases {
            rows += Urbanization.figures(for: classes, level: level).values.sorted { $0.code < $1.code }
        }
        try LayerFile.write(to: path, schema: schema, crs: nil, options: options) { emit in
            for (index, figures) in rows.enumerated() {
                let head: [AttributeValue] = [
                    .string(figures.level.rawValue), .string(figures.code), .integer(Int64(figures.totalPopulation)),
                    .integer(Int64(figures.urbanPopulation)), figures.derivedRate.map(AttributeValue.real) ?? .null,
                    .integer(Int64(figures.officialUrbanPopulation)), figures.officialRate.map(AttributeValue.real) ?? .null,
                ]
                let counts = UrbanRuralClass.allCases.map { AttributeValue.integer(Int64(figures.derivedCounts[$0] ?? 0)) }
                    + UrbanRuralClass.allCases.map { AttributeValue.integer(Int64(figures.officialCounts[$0] ?? 0)) }
                try emit(Feature(id: index, geometry: nil, attributes: head + counts))
            }
        }
        return path
    }

    static func writeReview(_ review: [ReviewLists.Entry], to path: String, options: LayerFile.WriteOptions, text: ReportText) throws -> String {
        let schema = Schema([
            Field(name: "list", type: .string), Field(name: "basis", type: .string), Field(name: "code", type: .string),
            Field(name: "name", type: .string), Field(name: "derived_class", type: .string), Field(name: "official_class", type: .string),
            Field(name: "share", type: .real, precision: 4), Field(name: "construction_share", type: .real, precision: 4),
            Field(name: "evidence", type: .string),
        ])
        try LayerFile.write(to: path, schema: schema, crs: nil, options: options) { emit in
            for (index, entry) in review.enumerated() {
                try emit(Feature(id: index, geometry: nil, attributes: [
                    .string(entry.list.rawValue), .string(entry.basis.rawValue), .string(entry.unit.code), .string(entry.unit.name),
                    .string(entry.unit.derivedClass.rawValue), entry.unit.officialClass.map { .string($0.rawValue) } ?? .null,
                    .real(entry.unit.share), .real(entry.constructionShareOfUnit), .string(text.evidence(entry)),
                ]))
            }
        }
        return path
    }
}

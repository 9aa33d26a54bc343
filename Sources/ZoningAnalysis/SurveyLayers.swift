import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// Loads the analyses' inputs from layers, by role, with the survey schema's field names as
/// defaults. Offices name fields differently; `fields` maps a role's field to the layer's.
///
/// | role | fields (default names) |
/// |---|---|
/// | land use (DLTB) | `DLBM`, `CZCSXM`, `ZLDWDM`, `TBMJ` |
/// | villages | `XZQDM`, `XZQMC`, `POP`, `CXFLDM` (official class), `TSQY` (special: Y/1/是/true) |
/// | seats | `KIND` (city, county, subdistrict, town, xiang, or 市/县/街道/镇/乡), `XZQDM`, `NAME` |
///
/// ```swift
/// var names = SurveyLayers.FieldNames()
/// names.population = "RKZS"
/// let inputs = try SurveyLayers.load(landUse: dltb, villages: villages, seats: seats, fields: names)
/// ```
public enum SurveyLayers {
    public struct FieldNames: Sendable {
        public var landUse = "DLBM", settlement = "CZCSXM", location = "ZLDWDM", area = "TBMJ"
        public var unitCode = "XZQDM", unitName = "XZQMC", population = "POP", officialClass = "CXFLDM", special = "TSQY"
        public var seatKind = "KIND", seatCode = "XZQDM", seatName = "NAME"
        public init() {}
    }

    public struct Inputs: Sendable {
        public var parcels: [LandParcel]
        public var units: [VillageUnit]
        public var seats: [GovernmentSeat]
        public var crs: CoordinateReferenceSystem
    }

    public static func load(landUse: FeatureSource, villages: FeatureSource, seats: FeatureSource, fields: FieldNames = FieldNames()) throws -> Inputs {
        let (parcels, crs) = try loadParcels(landUse, fields)
        return Inputs(parcels: parcels, units: try loadUnits(villages, in: crs, fields), seats: try loadSeats(seats, in: crs, fields), crs: crs)
    }

    /// The parcels and their CRS (which the other layers are brought into).
    public static func loadParcels(_ landUse: FeatureSource, _ fields: FieldNames = FieldNames()) throws -> ([LandParcel], CoordinateReferenceSystem) {
        guard let crs = landUse.crs else { throw LayerError.unknownSourceCRS(path: landUse.name, suggestion: nil) }
        let dlbm = try column(fields.landUse, in: landUse), czcsxm = try column(fields.settlement, in: landUse)
        let zldwdm = try column(fields.location, in: landUse), tbmj = try column(fields.area, in: landUse, numeric: true)
        var parcels: [LandParcel] = []
        try landUse.forEach { feature in
            guard let geometry = feature.geometry else { return }
            parcels.append(LandParcel(
                geometry: geometry, landUse: feature.attributes[dlbm].description,
                settlement: feature.attributes[czcsxm].isNull ? nil : feature.attributes[czcsxm].description,
                unitCode: String(feature.attributes[zldwdm].description.prefix(12)),
                area: feature.attributes[tbmj].doubleValue ?? geometry.area))
        }
        return (parcels, crs)
    }

    /// Village-level units, reprojected into `crs`.
    public static func loadUnits(_ villages: FeatureSource, in crs: CoordinateReferenceSystem, _ fields: FieldNames = FieldNames()) throws -> [VillageUnit] {
        let toLandUse = try transform(from: villages, to: crs)
        let code = try column(fields.unitCode, in: villages), name = try column(fields.unitName, in: villages)
        let population = villages.schema.index(of: fields.population), official = villages.schema.index(of: fields.officialClass)
        let special = villages.schema.index(of: fields.special)
        var units: [VillageUnit] = []
        try villages.forEach { feature in
            let flag = special.map { feature.attributes[$0].description.lowercased() } ?? ""
            units.append(VillageUnit(
                code: feature.attributes[code].description, name: feature.attributes[name].description,
                population: population.flatMap { feature.attributes[$0].doubleValue.map { Int($0) } },
                officialClass: official.flatMap { feature.attributes[$0].isNull ? nil : feature.attributes[$0].description },
                special: ["y", "1", "是", "true", "t"].contains(flag),
                geometry: try feature.geometry.map { try toLandUse?.apply(to: $0) ?? $0 }))
        }
        return units
    }

    /// Government seats, reprojected into `crs`.
    public static func loadSeats(_ seats: FeatureSource, in crs: CoordinateReferenceSystem, _ fields: FieldNames = FieldNames()) throws -> [GovernmentSeat] {
        let seatsToLandUse = try transform(from: seats, to: crs)
        let kind = try column(fields.seatKind, in: seats), seatCode = try column(fields.seatCode, in: seats)
        let seatName = seats.schema.index(of: fields.seatName)
        var governmentSeats: [GovernmentSeat] = []
        try seats.forEach { feature in
            guard let point = feature.geometry else { return }
            let text = feature.attributes[kind].description
            guard let rank = SeatRank(kind: text) else {
                throw LayerError.badValue(path: seats.name, record: feature.id, field: fields.seatKind,
                                          problem: "\"\(text)\" is not a seat kind; use city, county, subdistrict, town or xiang (市, 县, 街道, 镇, 乡)")
            }
            governmentSeats.append(GovernmentSeat(
                point: try seatsToLandUse?.apply(to: point) ?? point, rank: rank, code: feature.attributes[seatCode].description,
                name: seatName.map { feature.attributes[$0].description } ?? ""))
        }
        return governmentSeats
    }

    /// The position of `name` in the layer, or an error listing the fields it has.
    static func column(_ name: String, in layer: FeatureSource, numeric: Bool = false) throws -> Int {
        guard let index = layer.schema.index(of: name) else { throw noSuchField(name, in: layer) }
        if numeric, ![.integer, .real].contains(layer.schema.fields[index].type) {
            throw LayerError.badFilter(text: name, problem: "field \(name) of \(layer.name) is \(layer.schema.fields[index].type.rawValue), not a number")
        }
        return index
    }

    static func noSuchField(_ name: String, in layer: FeatureSource) -> LayerError {
        .badFilter(text: name, problem: "layer \(layer.name) has no field \(name); its fields are \(layer.schema.names.joined(separator: ", ")). Map the role to one of them")
    }

    static func transform(from layer: FeatureSource, to crs: CoordinateReferenceSystem) throws -> CoordinateTransform? {
        guard let other = layer.crs, other != crs else { return nil }
        return try CoordinateTransform(from: other, to: crs)
    }
}

import ZoningAnalysis
import ZoningGeometry
import ZoningProjection

/// Small hand-made layouts in EPSG:4549 (metres), whose answers follow from the rules on paper.
enum AnalysisFixture {
    static let crs = try! CoordinateReferenceSystem("EPSG:4549")

    /// A square parcel with its lower-left corner at (x, y), side `size` m, and the given TBMJ.
    static func parcel(_ x: Double, _ y: Double, size: Double = 100, landUse: String = "0702", settlement: String? = nil,
                       unit: String, area: Double? = nil) -> LandParcel {
        let square = try! Geometry(wkt: "POLYGON((\(x) \(y), \(x + size) \(y), \(x + size) \(y + size), \(x) \(y + size), \(x) \(y)))")
        return LandParcel(geometry: square, landUse: landUse, settlement: settlement, unitCode: unit, area: area ?? size * size)
    }

    static func seat(_ x: Double, _ y: Double, _ rank: SeatRank, _ code: String) -> GovernmentSeat {
        GovernmentSeat(point: Geometry.point(x: x, y: y), rank: rank, code: code, name: code)
    }

    static func unit(_ code: String, population: Int? = nil, official: String? = nil, special: Bool = false) -> VillageUnit {
        VillageUnit(code: code, name: code, population: population, officialClass: official.flatMap(UrbanRuralClass.init(rawValue:)), special: special, geometry: nil)
    }
}

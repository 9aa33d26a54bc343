import Testing
import ZoningGeometry
@testable import ZoningAnalysis

/// The county rows: parcels counted per county whether the layer lists them unit by unit (as
/// surveys deliver them) or mixed, against a count by hand.
@Suite struct CountySummaryTests {
    func unit(_ code: String, population: Int) -> UnitClassification {
        UnitClassification(
            code: code, name: code, population: population, derivedClass: .village, officialClass: nil, share: 0, connectedSeat: nil,
            regionID: nil, constructionSquareMetres: 0, unitSquareMetres: 1, seatsInside: [])
    }

    func parcels(_ codes: [String]) throws -> [LandParcel] {
        let square = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")
        return codes.map { LandParcel(geometry: square, landUse: "0101", settlement: nil, unitCode: $0, area: 1) }
    }

    @Test func parcelsCountedPerCountyInAnyOrder() throws {
        let (a1, a2, b1) = ("370102001001", "370102001002", "370203004005")
        let classes = [unit(a1, population: 10), unit(a2, population: 20), unit(b1, population: 30)]
        let empty = BuiltUpRegions.Result(regions: [], regionOfParcel: [])
        // Grouped: 3 + 2 parcels in county 370102, 4 in 370203; one parcel of no unit's code.
        let grouped = try parcels([a1, a1, a1, a2, a2, b1, b1, b1, b1, "999"])
        // The same parcels mixed: runs of one parcel, and a unit coming back after another.
        let mixed = try parcels([b1, a1, b1, a2, a1, b1, "999", a2, a1, b1])
        for layer in [grouped, mixed] {
            let rows = CountySummary.rows(classes: classes, builtUp: empty, coverage: nil, targets: [], parcels: layer)
            #expect(rows.map(\.county) == ["370102", "370203"])
            #expect(rows.map(\.parcels) == [5, 4])
            #expect(rows.map(\.population) == [30, 30])
        }
    }
}

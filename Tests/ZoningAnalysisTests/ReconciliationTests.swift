import Testing
import ZoningGeometry
@testable import ZoningAnalysis

/// The parcels-against-units checks on hand-made layouts (EPSG:4549): two 1 km units side by
/// side, A (x 500 000–501 000) and B (501 000–502 000), and 100 m parcels whose code and
/// position are chosen, so that each count and example follows on paper.
@Suite struct ReconciliationTests {
    typealias F = AnalysisFixture
    static let a = "370881001001", b = "370881001002", c = "370881001003"

    static func square(_ x: Double, _ y: Double, _ size: Double) -> Geometry {
        try! Geometry(wkt: "POLYGON((\(x) \(y), \(x + size) \(y), \(x + size) \(y + size), \(x) \(y + size), \(x) \(y)))")
    }

    func inputs(_ parcels: [LandParcel], unitC: Bool = false) -> AnalysisInputs {
        var inputs = AnalysisInputs(crs: F.crs)
        inputs.parcels = parcels
        inputs.units = [
            VillageUnit(code: Self.a, name: "甲村", population: 100, officialClass: nil, special: false, geometry: Self.square(500_000, 4_000_000, 1000)),
            VillageUnit(code: Self.b, name: "乙村", population: 100, officialClass: nil, special: false, geometry: Self.square(501_000, 4_000_000, 1000)),
        ]
        if unitC {
            inputs.units.append(VillageUnit(code: Self.c, name: "丙村", population: 0, officialClass: nil, special: false, geometry: Self.square(502_000, 4_000_000, 1000)))
        }
        inputs.files = [.landUse: "DLTB.shp", .villages: "villages.shp"]
        return inputs
    }

    /// `count` parcels of unit `code` in a row from (x, 4 000 000).
    func row(_ count: Int, from x: Double, code: String) -> [LandParcel] {
        (0..<count).map { F.parcel(x + Double($0) * 100, 4_000_000, landUse: "0701", unit: code) }
    }

    @Test func codesAndLocationsAgree() throws {
        let checks = try Reconciliation.check(inputs(row(3, from: 500_000, code: Self.a) + row(2, from: 501_000, code: Self.b)))
        let match = try #require(checks.first { $0.id == "parcels-unit-match" })
        #expect(match.severity == .note && match.message == "5 of 5 parcels (100.0% of the land) match a unit by code; 5 (100.0%) lie inside a unit polygon")
        #expect(!checks.contains { ["parcels-unit-disagree", "parcels-without-unit", "units-without-parcels"].contains($0.id) })
        // 3 ha and 2 ha of parcels in units of about 100 ha: both units' areas are far apart.
        let mismatch = try #require(checks.first { $0.id == "unit-area-mismatch" })
        #expect(mismatch.message.hasPrefix("2 units' polygon areas differ") && mismatch.examples.count == 2)
        #expect(mismatch.examples[0].hasPrefix("\(Self.b): polygon ") && mismatch.examples[0].hasSuffix(", parcels 2.00 ha"))
    }

    @Test func aParcelInAnotherUnitIsAWarningUpTo5Percent() throws {
        // 25 parcels of equal area; one coded A lies in B: 4% of the land.
        let parcels = row(24, from: 500_000, code: Self.a).enumerated().map { i, p in
            var p = p
            p.geometry = Self.square(500_000 + Double(i % 10) * 100, 4_000_000 + Double(i / 10) * 100, 100)
            return p
        } + [F.parcel(501_500, 4_000_500, landUse: "0701", unit: Self.a)]
        let checks = try Reconciliation.check(inputs(parcels))
        let disagree = try #require(checks.first { $0.id == "parcels-unit-disagree" })
        #expect(disagree.severity == .warning && disagree.message.hasPrefix("1 parcels (4.0% of the land) lie inside another unit's polygon"))
        #expect(disagree.examples == ["parcel 24: code \(Self.a), inside \(Self.b)"])
        // B has a polygon but no parcel by code.
        #expect(checks.first { $0.id == "units-without-parcels" }?.examples == [Self.b])
    }

    @Test func manyParcelsInAnotherUnitAreAnError() throws {
        // 2 of 10 parcels coded B lie in A: 20% of the land.
        let parcels = row(8, from: 501_000, code: Self.b) + row(2, from: 500_000, code: Self.b)
        let checks = try Reconciliation.check(inputs(parcels))
        let disagree = try #require(checks.first { $0.id == "parcels-unit-disagree" })
        #expect(disagree.severity == .error && disagree.message.hasPrefix("2 parcels (20.0% of the land)"))
        #expect(disagree.examples == ["parcel 8: code \(Self.b), inside \(Self.a)", "parcel 9: code \(Self.b), inside \(Self.a)"])
    }

    @Test func aParcelAcrossTheBorderBelongsToTheFirstUnit() throws {
        // Its interior point is its centre, x = 501 000: on both units' boundary. Both polygons
        // cover it; the first in the layer's order (A) is its unit by location.
        let across = LandParcel(geometry: Self.square(500_950, 4_000_000, 100), landUse: "0701", settlement: nil, unitCode: Self.b, area: 10_000)
        let checks = try Reconciliation.check(inputs(row(30, from: 501_000, code: Self.b) + [across]))
        #expect(checks.first { $0.id == "parcels-unit-disagree" }?.examples == ["parcel 30: code \(Self.b), inside \(Self.a)"])
    }

    @Test func parcelsNamingNoUnitOrOutsideEveryUnit() throws {
        // 20 parcels in A; one coded C (no such unit), one with no code, one coded A lying
        // outside both polygons (x 503 000).
        var parcels = (0..<20).map { F.parcel(500_000 + Double($0 % 10) * 100, 4_000_000 + Double($0 / 10) * 100, landUse: "0701", unit: Self.a) }
        parcels.append(F.parcel(500_000, 4_000_500, landUse: "0701", unit: Self.c))
        parcels.append(F.parcel(500_100, 4_000_500, landUse: "0701", unit: ""))
        parcels.append(F.parcel(503_000, 4_000_000, landUse: "0701", unit: Self.a))
        let checks = try Reconciliation.check(inputs(parcels))
        let match = try #require(checks.first { $0.id == "parcels-unit-match" })
        #expect(match.message.hasPrefix("21 of 23 parcels (91.3% of the land) match a unit by code; 22 (95.7%) lie inside a unit polygon; "))
        // Below 95% by code, but the parcels lie inside the units: the codes do not correspond.
        #expect(match.severity == .error && match.message.contains("the codes do not correspond"))
        // With unit C added, 22 of 23 match by code (95.7%): a warning names the parcel without a unit.
        let withC = try Reconciliation.check(inputs(parcels, unitC: true))
        let without = try #require(withC.first { $0.id == "parcels-without-unit" })
        #expect(without.message.hasPrefix("1 parcels (1.00 ha, 4.3% of the land) name no village-level unit") && without.examples == ["(none) ×1"])
        // The parcel coded C lies in A: a disagreement; the one outside counts for no location.
        #expect(withC.first { $0.id == "parcels-unit-match" }?.message == "22 of 23 parcels (95.7% of the land) match a unit by code; 22 (95.7%) lie inside a unit polygon")
        #expect(withC.first { $0.id == "parcels-unit-disagree" }?.examples == ["parcel 20: code \(Self.c), inside \(Self.a)"])
    }
}

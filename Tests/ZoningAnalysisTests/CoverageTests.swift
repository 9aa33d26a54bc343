import Foundation
import Testing
import ZoningAnalysis
import ZoningGeometry

@Suite struct CoverageTests {
    typealias F = AnalysisFixture

    func region(_ code: String, _ x: Double, _ y: Double, size: Double, kind: String? = nil) -> CoverageRegion {
        CoverageRegion(code: code, name: code, kind: kind, geometry: try! Geometry.rectangle(Bounds(minX: x, minY: y, maxX: x + size, maxY: y + size)))
    }

    /// A 200 m residential square whose centre lies on a 500 m circle's edge. By hand:
    /// ∫₋₁₀₀¹⁰⁰ (√(500² − y²) − 400) dy = 19 329 m² of 40 000 are inside the true circle, 48.32%;
    /// the buffer is an inscribed 32-gon, so slightly less (its chords sag at most 2.4 m).
    @Test func squareHalfInsideACircle() throws {
        let parcel = F.parcel(499_900, 3_999_900, size: 200, landUse: "0701", unit: "370881001001", area: 40_000)
        let school = Facility(point: Geometry.point(x: 499_500, y: 4_000_000), type: .primary, name: "小学")
        let result = try Coverage.compute(
            parcels: [parcel], villages: [F.unit("370881001001", population: 1000)],
            regions: [region("370881001", 499_000, 3_999_000, size: 2000)], facilities: [school], crs: F.crs)
        let primary = try #require(result.regions.first { $0.type == .primary })
        let share = try #require(primary.residentialCoverage)
        #expect(share <= 0.48323 && share > 0.48323 - 0.012)
        #expect(abs(try #require(primary.populationCoverage) - share) < 1e-12)  // one parcel: population follows land
        #expect(primary.facilities == 1)  // the school, at x = 499 500, is inside the region
        // Distance runs from the parcel polygon to the school's point: 499 900 − 499 500.
        #expect(primary.meanDistance == 400 && primary.maxDistance == 400)
        #expect(!result.gaps.contains { $0.type == .primary })  // partly covered is not a gap
        // No kindergarten anywhere: coverage 0 and the parcel is a gap with no nearest distance.
        let kindergarten = try #require(result.regions.first { $0.type == .kindergarten })
        #expect(kindergarten.residentialCoverage == 0)
        #expect(result.gaps.contains { $0.type == .kindergarten && $0.nearestMetres == nil })
    }

    /// Population follows residential land: a village of 1 000 with a covered parcel of 3 ha and
    /// an uncovered one of 1 ha has 750 people covered; distances 0 and (by hand) 1 700 m.
    @Test func populationAndDistances() throws {
        let near = F.parcel(500_000, 4_000_000, landUse: "0701", unit: "370881001001", area: 30_000)
        let far = F.parcel(502_000, 4_000_000, landUse: "0701", unit: "370881001001", area: 10_000)
        let clinic = Facility(point: Geometry.point(x: 500_050, y: 4_000_050), type: .clinic, name: "卫生院")
        let result = try Coverage.compute(
            parcels: [near, far], villages: [F.unit("370881001001", population: 1000)],
            regions: [region("370881001", 499_000, 3_999_000, size: 5000)], facilities: [clinic], crs: F.crs)
        let row = try #require(result.regions.first { $0.type == .clinic })
        #expect(row.residentialCoverage == 0.75 && row.populationCoverage == 0.75 && row.population == 1000)
        #expect(row.facilities == 1)
        // The far parcel's nearest edge is x = 502 000, the clinic's x = 500 050: 1 950 m.
        #expect(row.maxDistance == 1950 && row.meanDistance == 975 && row.p90Distance == 1950)
        let gap = try #require(result.gaps.first { $0.type == .clinic })
        #expect(gap.parcel == 1 && gap.population == 250 && gap.nearestMetres == 1950 && gap.region == "370881001")
    }

    /// The same two parcels with residents given as points: 10 in the near parcel (covered),
    /// 30 in the far one, and 60 on open land 3 km away (in the region, out of reach). By hand:
    /// 10 of 100 covered; the far parcel's gap holds its 30; the villages' 1 000 are not used.
    @Test func populationAsPoints() throws {
        let near = F.parcel(500_000, 4_000_000, landUse: "0701", unit: "370881001001", area: 30_000)
        let far = F.parcel(502_000, 4_000_000, landUse: "0701", unit: "370881001001", area: 10_000)
        let clinic = Facility(point: Geometry.point(x: 500_050, y: 4_000_050), type: .clinic, name: "卫生院")
        let people = [
            PopulationPoint(point: Geometry.point(x: 500_050, y: 4_000_060), residents: 10),
            PopulationPoint(point: Geometry.point(x: 502_050, y: 4_000_050), residents: 30),
            PopulationPoint(point: Geometry.point(x: 503_000, y: 4_003_000), residents: 60),
            PopulationPoint(point: Geometry.point(x: 600_000, y: 4_000_000), residents: 1_000),  // outside every region
        ]
        let result = try Coverage.compute(
            parcels: [near, far], villages: [F.unit("370881001001", population: 1000)],
            regions: [region("370881001", 499_000, 3_999_000, size: 5000)], facilities: [clinic], crs: F.crs, populationPoints: people)
        let row = try #require(result.regions.first { $0.type == .clinic })
        #expect(row.population == 100 && row.populationCoverage == 0.1)
        #expect(row.residentialCoverage == 0.75)  // land is measured as before
        let gap = try #require(result.gaps.first { $0.type == .clinic })
        #expect(gap.parcel == 1 && gap.population == 30)
    }

    /// Elderly-care centres in 3 of 5 townships: unit coverage 60%; by kind, 2 of 2 街道 and
    /// 1 of 3 镇.
    @Test func unitCoverage() throws {
        let towns = (0..<5).map { region("37088100\($0)", 500_000 + Double($0) * 3000, 4_000_000, size: 3000, kind: $0 < 2 ? "街道" : "镇") }
        let centres = [0, 1, 3].map { Facility(point: Geometry.point(x: 501_500 + Double($0) * 3000, y: 4_001_500), type: .elderly, name: "养老院") }
        let result = try Coverage.compute(parcels: [], villages: [], regions: towns, facilities: centres, crs: F.crs)
        #expect(Coverage.unitCoverage(result, regions: towns, type: .elderly) == 0.6)
        #expect(Coverage.unitCoverage(result, regions: towns, type: .elderly, kinds: ["街道"]) == 1)
        #expect(Coverage.unitCoverage(result, regions: towns, type: .elderly, kinds: ["镇"]) == 1.0 / 3)
    }

    @Test func ruralHomesteadsCountWhenAsked() throws {
        let homestead = F.parcel(500_000, 4_000_000, landUse: "0702", unit: "370881001201", area: 10_000)
        let school = Facility(point: Geometry.point(x: 500_050, y: 4_000_050), type: .primary, name: "小学")
        let regions = [region("370881001", 499_000, 3_999_000, size: 2000)]
        let without = try Coverage.compute(parcels: [homestead], villages: [], regions: regions, facilities: [school], crs: F.crs)
        #expect(without.regions.first { $0.type == .primary }?.residentialCoverage == nil)  // no 0701 land
        var parameters = Coverage.Parameters()
        parameters.includeRuralHomesteads = true
        parameters.radii[.primary] = 30  // a 30 m circle inside the 100 m square: the parcel is partly covered
        let with = try Coverage.compute(parcels: [homestead], villages: [], regions: regions, facilities: [school], crs: F.crs, parameters: parameters)
        let share = try #require(with.regions.first { $0.type == .primary }?.residentialCoverage)
        #expect(abs(share - 16 * 30 * 30 * sin(Double.pi / 16) / 10_000) < 1e-9)  // the 32-gon's area / the parcel's
    }

    @Test func typeNames() {
        #expect(FacilityType(name: "幼儿园") == .kindergarten && FacilityType(name: "社区卫生服务中心") == .clinic)
        #expect(FacilityType(name: "敬老院") == .elderly && FacilityType(name: "middle") == .middle)
        #expect(FacilityType(name: "卫生所", extra: ["卫生所": .clinic]) == .clinic)
        #expect(FacilityType(name: "加油站") == nil)
    }
}

/// The figures with the fast paths (`NearestFacility`, per-region sums in one pass) equal the
/// figures of testing every parcel with GEOS's overlay and nearest search, on 1 000 random
/// parcels in two townships and 12 random schools and clinics.
@Suite struct CoverageAgreementTests {
    @Test func figuresEqualTestingEveryParcelWithGEOS() throws {
        var shapes = RandomShapes(seed: 9)
        let geometries = try shapes.grid(columns: 12, rows: 12, cell: 50) + shapes.stars(900, side: 3000)
        let parcels = geometries.enumerated().map { k, g in
            LandParcel(geometry: g, landUse: "0701", settlement: nil, unitCode: "37088100\(k % 2 + 1)001", area: (try? g.area) ?? 0)
        }
        let regions = [("370881001", 40_500_000.0 - 100), ("370881002", 40_501_500.0)].map { code, x in
            CoverageRegion(code: code, name: code, kind: "镇", geometry: try! Geometry.rectangle(Bounds(minX: x, minY: 3_999_900, maxX: x + 1600, maxY: 4_003_100)))
        }
        let facilities = (0..<12).map { k in
            Facility(point: Geometry.point(x: 40_500_000 + shapes.next() * 3000, y: 4_000_000 + shapes.next() * 3000),
                     type: k % 2 == 0 ? .primary : .clinic, name: "")
        }
        let units = ["370881001001", "370881002001"].map { AnalysisFixture.unit($0, population: 5000) }
        let result = try Coverage.compute(parcels: parcels, villages: units, regions: regions, facilities: facilities, crs: AnalysisFixture.crs)

        let regionOf = try parcels.map { parcel -> Int? in
            let point = try parcel.geometry.pointOnSurface()
            return try regions.indices.first { try regions[$0].geometry.covers(point) }
        }
        for type in [FacilityType.primary, .clinic] {
            let radius = type.defaultRadiusMetres
            let points = facilities.filter { $0.type == type }.map(\.point)
            let area = try Geometry.unionAll(points.map { try $0.buffer(radius) })
            let prepared = try PreparedGeometry(area)
            let index = try SpatialIndex(points)
            var covered: [Double] = [], distance: [Double] = []
            for parcel in parcels {
                let g = parcel.geometry
                covered.append(try prepared.intersects(g) ? (try prepared.containsProperly(g) ? 1 : min(1, try g.intersection(area).area / g.area)) : 0)
                distance.append(try #require(try index.nearest(to: g)).distance)
            }
            for (r, region) in regions.enumerated() {
                let mine = parcels.indices.filter { regionOf[$0] == r }
                let land = mine.reduce(0) { $0 + parcels[$1].area }, coveredLand = mine.reduce(0) { $0 + parcels[$1].area * covered[$1] }
                let distances = mine.map { distance[$0] }.sorted()
                let row = try #require(result.regions.first { $0.type == type && $0.region == region.code })
                #expect(row.residentialCoverage == coveredLand / land, "\(type) \(region.code)")
                #expect(row.meanDistance == distances.reduce(0, +) / Double(distances.count))
                #expect(row.maxDistance == distances.last && row.p90Distance == distances[Int((0.9 * Double(distances.count)).rounded(.up)) - 1])
                #expect(row.facilities == points.filter { try! region.geometry.covers($0) }.count)
            }
            let gaps = result.gaps.filter { $0.type == type }
            #expect(gaps.map(\.parcel) == parcels.indices.filter { covered[$0] == 0 })
            #expect(gaps.map(\.nearestMetres) == gaps.map { distance[$0.parcel] })
            #expect(gaps.count > 50 && gaps.count < parcels.count - 50, "\(type): \(gaps.count) gaps")  // both kinds present
            #expect(covered.contains { $0 > 0 && $0 < 1 })  // and partly covered parcels
        }
    }
}

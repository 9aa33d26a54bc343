import Foundation
import Testing
import ZoningAnalysis
import ZoningGeometry

@Suite struct LifeCirclesTests {
    typealias F = AnalysisFixture
    static let unit = "370881001001"
    static let township = CoverageRegion(code: "370881001", name: "城关街道", kind: "街道",
                                         geometry: try! Geometry.rectangle(Bounds(minX: -2000, minY: -2000, maxX: 4000, maxY: 4000)))

    /// A 20 m residential square centred at (x, y).
    func home(_ x: Double, _ y: Double) -> LandParcel {
        F.parcel(x - 10, y - 10, size: 20, landUse: "0701", unit: Self.unit, area: 400)
    }

    /// Eight straight spokes of 1 000 m from an elderly-care centre at the hub, with a 20 m home
    /// every 200 m along each: a home's door is its centre on the spoke, so it walks d, and the
    /// straight line to its square is d − 10 (d − 10√2 to the corner on a diagonal). Both
    /// shares are the 2 homes of 5 per spoke within 500 m (40%); the mean walk is
    /// (200 + … + 1000) / 5 = 600 m; the detour ratio is 8 × 3000 ÷ (4 × 2950 + 4 × (3000 − 50√2)).
    @Test func straightSpokesEqualTheStraightLine() throws {
        var roads: [RoadLine] = [], parcels: [LandParcel] = []
        for k in 0..<8 {
            let angle = Double(k) * .pi / 4, (dx, dy) = (cos(angle), sin(angle))
            roads.append(RoadFixture.line("LINESTRING(1000 1000, \(1000 + 1000 * dx) \(1000 + 1000 * dy))"))
            for step in 1...5 { parcels.append(home(1000 + Double(step) * 200 * dx, 1000 + Double(step) * 200 * dy)) }
        }
        var parameters = LifeCircleParameters()
        parameters.circles = [LifeCircle(name: "test", walkMetres: 500, types: [.elderly])]
        let result = try LifeCircles.compute(
            parcels: parcels, villages: [F.unit(Self.unit, population: 1000)], regions: [Self.township],
            facilities: [Facility(point: Geometry.point(x: 1000, y: 1000), type: .elderly, name: "养老院")], roads: roads,
            residentialCodes: ["0701"], parameters: parameters)
        let county = try #require(result.rows.first { $0.level == .county })
        #expect(county.homes == 40 && county.offNetwork == 0)
        #expect(abs(try #require(county.networkLandShare) - 0.4) < 1e-12)
        #expect(county.lineLandShare == county.networkLandShare)
        #expect(abs(try #require(county.networkPopulationShare) - 0.4) < 1e-12)
        #expect(abs(try #require(county.meanWalkMetres) - 600) < 1e-6)
        let straight: Double = 4 * 2950 + 4 * (3000 - 50 * 2.0.squareRoot())
        #expect(abs(try #require(county.detourRatio) - 24_000 / straight) < 1e-9)
        let township = try #require(result.rows.first { $0.level == .township })
        #expect(township.code == "370881001" && township.networkLandShare == county.networkLandShare)
        #expect(result.rows.contains { $0.level == .village && $0.code == Self.unit && $0.homes == 40 })
        #expect(try #require(result.serviceAreas.first).area.area > 0)
    }

    /// Homes across a river from their school, joined by one bridge 700 m away: the near home's
    /// square is 205 m from the school in a straight line but 1 605 m on foot, so the walk
    /// share is 0 where the straight line's is 50%; an off-network home is counted and not
    /// reached. With two types the circle also has a row for both together.
    @Test func barrierMakesTheWalkLonger() throws {
        let roads = [
            RoadFixture.line("LINESTRING(0 0, 1000 0)"), RoadFixture.line("LINESTRING(0 200, 1000 200)"),
            RoadFixture.line("LINESTRING(800 0, 800 200)", bridge: true),
        ]
        let parcels = [home(100, 210), home(100, 900)]
        var parameters = LifeCircleParameters()
        parameters.circles = [LifeCircle(name: "15min", walkMetres: 500, types: [.primary, .clinic])]
        let result = try LifeCircles.compute(
            parcels: parcels, villages: [F.unit(Self.unit, population: 1000)], regions: [Self.township],
            facilities: [Facility(point: Geometry.point(x: 100, y: -5), type: .primary, name: "小学"),
                         Facility(point: Geometry.point(x: 120, y: 205), type: .clinic, name: "卫生室")],
            roads: roads, residentialCodes: ["0701"], parameters: parameters, classes: [Self.unit: .townCentre])
        let primary = try #require(result.rows.first { $0.level == .county && $0.type == .primary })
        #expect(primary.homes == 2 && primary.offNetwork == 1)
        #expect(primary.networkLandShare == 0)
        #expect(primary.lineLandShare == 0.5)  // the near home
        // The near home: 5 (school to road) + 700 + 200 + 700 on foot; its square lies on the road.
        #expect(abs(try #require(result.walkMetres[.primary]?[0]) - 1605) < 1e-9)
        #expect(abs(try #require(result.lineMetres[.primary]?[0]) - 205) < 1e-9)
        #expect(result.homeSnapMetres == [0, nil])
        #expect(result.walkMetres[.primary]?[1] == .infinity)
        let clinic = try #require(result.rows.first { $0.level == .county && $0.type == .clinic })
        #expect(clinic.networkLandShare == 0.5)
        let both = try #require(result.rows.first { $0.level == .county && $0.type == nil })
        #expect(both.networkLandShare == 0 && both.lineLandShare == 0.5)
        #expect(result.rows.contains { $0.level == .urban && $0.homes == 2 })
        #expect(result.typesReached["15min"] == [1, 0])
    }

    /// The straight-line distances (METHOD §5: the nearest facility of the type to the parcel,
    /// 0 inside) measure only the facilities whose boxes come nearest; on the sample they equal
    /// measuring every facility of the type, for every residential parcel and every type.
    @Test func lineDistancesMatchMeasuringEveryFacility() throws {
        let inputs = try #require(SampleLifeCirclesTests.inputs)
        let result = try SampleLifeCirclesTests.compute(roads: inputs.roads)
        #expect(result.homeParcels.count > 100)
        #expect(Set(result.lineMetres.keys) == Set(LifeCircleParameters().types))
        var measured = 0
        for (type, line) in result.lineMetres {
            let points = inputs.facilities.filter { $0.type == type }.map(\.point)
            for (k, parcel) in result.homeParcels.enumerated() {
                let expected = try points.map { try $0.distance(to: inputs.parcels[parcel].geometry) }.min() ?? .infinity
                if line[k] != expected { Issue.record("\(type) parcel \(parcel): \(line[k]) m, every facility: \(expected) m") }
                if expected.isFinite { measured += 1 }
            }
        }
        #expect(measured > 500)
    }

    @Test func parametersAreValidated() {
        var parameters = LifeCircleParameters()
        parameters.circles[0].walkMetres = 0
        #expect(throws: ParameterError.self) { try parameters.validate() }
        parameters = LifeCircleParameters()
        parameters.circles.append(parameters.circles[0])
        #expect(throws: ParameterError.self) { try parameters.validate() }
        parameters = LifeCircleParameters()
        parameters.snapLimitMetres = -1
        #expect(throws: ParameterError.self) { try parameters.validate() }
        #expect(throws: Never.self) { try LifeCircleParameters().validate() }
    }
}

import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// Townships A = [500000, 501000] × [4000000, 4001000] and B, the same moved 1000 m east, in
/// EPSG:4549 (central meridian 120°E: x = 500 000 is on it, where plane and ellipsoid agree).
@Suite struct SpatialJoinTests {
    let crs = try! CoordinateReferenceSystem("EPSG:4549")
    let a = try! Geometry(wkt: "POLYGON((500000 4000000, 501000 4000000, 501000 4001000, 500000 4001000, 500000 4000000))")
    let b = try! Geometry(wkt: "POLYGON((501000 4000000, 502000 4000000, 502000 4001000, 501000 4001000, 501000 4000000))")
    let schema = Schema([Field(name: "BEDS", type: .integer), Field(name: "NAME", type: .string)])

    func point(_ x: Double, _ y: Double, beds: Int64?) -> Feature {
        Feature(id: 0, geometry: Geometry.point(x: x, y: y), attributes: [beds.map(AttributeValue.integer) ?? .null, .string("s")])
    }

    @Test func countsSumsAndMeansOfPointsWithin() throws {
        let schools = [
            point(500100, 4000100, beds: 10), point(500500, 4000500, beds: 20), point(500900, 4000900, beds: nil),
            point(501500, 4000500, beds: 5),
            point(501000, 4000500, beds: 99),  // on the shared edge: within neither
        ]
        let join = try SpatialJoin(right: schools, rightSchema: schema, crs: crs)
        let inA = try join.summary(for: a, predicate: .within, sumFields: ["BEDS"], overlap: false)
        #expect(inA.count == 3 && inA.sums == [30] && inA.means == [15])  // the null is skipped
        let inB = try join.summary(for: b, predicate: .within, sumFields: ["beds"], overlap: false)
        #expect(inB.count == 1 && inB.sums == [5])
        #expect(try join.matches(for: a, predicate: .intersects).count == 4)  // the edge point touches A
    }

    @Test func distanceIsInclusiveAndInMetres() throws {
        // 99 m and 101 m beyond A's eastern edge (x = 501000), level with its middle.
        let join = try SpatialJoin(right: [point(501099, 4000500, beds: 1), point(501101, 4000500, beds: 1)], rightSchema: schema, crs: crs)
        #expect(try join.matches(for: a, predicate: .withinDistance(metres: 100)) == [0])
        #expect(try join.matches(for: a, predicate: .withinDistance(metres: 101)) == [0, 1])
    }

    @Test func overlapOfHalfCoveredTownship() throws {
        // A residential block over the eastern half of A and the western half of B.
        let block = Feature(id: 0, geometry: try Geometry(wkt: "POLYGON((500500 4000000, 501500 4000000, 501500 4001000, 500500 4001000, 500500 4000000))"), attributes: [.integer(1), .string("x")])
        let join = try SpatialJoin(right: [block], rightSchema: schema, crs: crs)
        let summary = try join.summary(for: a, predicate: .intersects, sumFields: [], overlap: true)
        #expect(summary.count == 1)
        #expect(summary.overlapShare == 0.5)
        let half = try Geometry(wkt: "POLYGON((500500 4000000, 501000 4000000, 501000 4001000, 500500 4001000, 500500 4000000))")
        let expected = try Geodesic().area(of: half, in: crs)
        #expect(abs(try #require(summary.overlapSquareMetres) - expected) < 1e-6)
        #expect(abs(expected / 500_000 - 1) < 1e-5)  // on the central meridian, ≈ the plane area
    }

    @Test func containsAndNearest() throws {
        let county = Feature(id: 0, geometry: try a.union(b).buffer(10), attributes: [.null, .string("county")])
        let join = try SpatialJoin(right: [county, point(505000, 4000500, beds: 1)], rightSchema: schema, crs: crs)
        #expect(try join.matches(for: a, predicate: .contains) == [0])
        let onlyPoints = try SpatialJoin(right: [point(503000, 4004000, beds: 1), point(505000, 4000500, beds: 2)], rightSchema: schema, crs: crs)
        let found = try #require(try onlyPoints.nearest(to: b))
        // From B's corner (502000, 4001000) to (503000, 4004000): √(1000² + 3000²); to the
        // other point 3000 m; so the second is nearer.
        #expect(found.feature.attributes[0] == .integer(2) && found.metres == 3000)
    }

    @Test func metresNeedAProjectedCRS() throws {
        let geographic = try CoordinateReferenceSystem("EPSG:4490")
        let join = try SpatialJoin(right: [point(120.1, 36.1, beds: 1)], rightSchema: schema, crs: geographic)
        let area = try Geometry(wkt: "POLYGON((120 36, 120.2 36, 120.2 36.2, 120 36.2, 120 36))")
        #expect(throws: LayerError.needsProjectedCRS(crs: "EPSG:4490", suggestion: "EPSG:4549")) {
            try join.matches(for: area, predicate: .withinDistance(metres: 500))
        }
        #expect(try join.matches(for: area, predicate: .within) == [0])  // topology needs no metres
    }

    @Test func badSummaryFieldsAreNamed() throws {
        let join = try SpatialJoin(right: [], rightSchema: schema, crs: crs)
        #expect(throws: LayerError.self) { try join.summary(for: a, predicate: .within, sumFields: ["NOPE"], overlap: false) }
        #expect(throws: LayerError.self) { try join.summary(for: a, predicate: .within, sumFields: ["NAME"], overlap: false) }
    }
}

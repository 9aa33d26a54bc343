import Testing
import ZoningGeometry

/// `normalizedRings` against two independent readings: a hand-worked normal form, and the
/// slow path it replaces (`normalized()` → parts → rings → coordinates, one geometry each).
@Suite struct NormalizedRingsTests {
    @Test func squareStartsAtItsLowestCornerClockwise() throws {
        // Counter-clockwise from (10 0): the normal form starts at the lowest x, then y, (0 0)
        // and runs clockwise, as a shapefile's outer ring must.
        let square = try Geometry(wkt: "POLYGON((10 0, 10 10, 0 10, 0 0, 10 0))")
        let expected = [(0.0, 0.0), (0, 10), (10, 10), (10, 0), (0, 0)].map { Coordinate(x: $0.0, y: $0.1) }
        #expect(try square.normalizedRings() == [expected])
    }

    @Test func holeRunsCounterClockwise() throws {
        let holed = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        let rings = try holed.normalizedRings()
        #expect(rings.count == 2)
        // Counter-clockwise from (2 2): east first.
        #expect(rings[1] == [(2.0, 2.0), (4, 2), (4, 4), (2, 4), (2, 2)].map { Coordinate(x: $0.0, y: $0.1) })
    }

    @Test func sameAsTheSlowPath() throws {
        let samples = [
            "POLYGON((3 1, 9 2, 8 9, 1 7, 3 1), (4 4, 6 4, 5 6, 4 4), (2 5, 3 5, 3 6, 2 5))",
            "MULTIPOLYGON(((20 20, 30 20, 30 30, 20 20)), ((0 0, 5 0, 5 5, 0 5, 0 0), (1 1, 2 1, 2 2, 1 1)), ((0 10, 4 10, 4 14, 0 10)))",
            "POLYGON((0.5 0.25, 0.125 3.75, 4.5 2.5, 0.5 0.25))",
        ]
        for wkt in samples {
            let geometry = try Geometry(wkt: wkt)
            var slow: [[Coordinate]] = []
            for polygon in try geometry.normalized().parts {
                slow.append(try polygon.exteriorRing.coordinates)
                for hole in try polygon.interiorRings { slow.append(try hole.coordinates) }
            }
            #expect(try geometry.normalizedRings() == slow, "\(wkt)")
        }
    }

    @Test func refusesOtherTypes() throws {
        #expect(throws: GEOSError.self) { try Geometry(wkt: "LINESTRING(0 0, 1 1)").normalizedRings() }
        #expect(throws: GEOSError.self) { try Geometry.point(x: 1, y: 2).normalizedRings() }
    }
}

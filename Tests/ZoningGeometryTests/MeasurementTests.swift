import Testing
import ZoningGeometry

@Suite struct MeasurementTests {
    @Test func areaAndLength() throws {
        #expect(try Geometry(wkt: Fixture.square).area == 100)
        #expect(try Geometry(wkt: Fixture.square).length == 40)
        #expect(try Geometry(wkt: Fixture.squareWithHole).area == 96)
        #expect(try Geometry(wkt: Fixture.squareWithHole).length == 48)
        // Right triangle with legs 3 and 4: area 6, perimeter 3 + 4 + 5.
        let triangle = try Geometry(wkt: "POLYGON((0 0, 3 0, 0 4, 0 0))")
        #expect(triangle.area == 6)
        #expect(triangle.length == 12)
        #expect(Geometry.point(x: 1, y: 1).area == 0)
    }

    @Test func distances() throws {
        let square = try Geometry(wkt: Fixture.square)
        // From (13, 14) to the corner (10, 10): a 3-4-5 triangle.
        #expect(try square.distance(to: Geometry.point(x: 13, y: 14)) == 5)
        #expect(try square.distance(to: Geometry.point(x: 5, y: 5)) == 0)
        #expect(throws: GEOSError.self) { try square.distance(to: Geometry(wkt: "POINT EMPTY")) }
    }

    @Test func boundsAndCounts() throws {
        let multi = try Geometry(wkt: "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 -2, 7 -2, 7 3, 5 -2)))")
        #expect(multi.bounds == Bounds(minX: 0, minY: -2, maxX: 7, maxY: 3))
        #expect(multi.numberOfParts == 2)
        #expect(multi.numberOfPoints == 8)
        #expect(multi.type == .multiPolygon)
        #expect(try Geometry(wkt: "POLYGON EMPTY").bounds == nil)
        #expect(try Geometry(wkt: "POLYGON EMPTY").isEmpty)
    }
}

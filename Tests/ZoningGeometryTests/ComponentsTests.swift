import Testing
import ZoningGeometry

@Suite struct ComponentsTests {
    @Test func partsAndRings() throws {
        let multi = try Geometry(wkt: "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 7 5, 7 7, 5 5)))")
        let parts = try multi.parts
        #expect(parts.map(\.area) == [0.5, 2])
        #expect(try Geometry(wkt: Fixture.square).parts.count == 1)
        let holed = try Geometry(wkt: Fixture.squareWithHole)
        #expect(try holed.exteriorRing.type == .linearRing)
        #expect(try holed.interiorRings.map(\.length) == [8])
        #expect(throws: GEOSError.self) { try multi.exteriorRing }
    }

    @Test func partsOutliveTheirParent() throws {
        var parts: [Geometry] = []
        do {
            let multi = try Geometry(wkt: "MULTIPOINT((1 2), (3 4))")
            parts = try multi.parts
        }
        #expect(try parts[1].coordinates == [Coordinate(x: 3, y: 4)])
    }

    /// The rings read in place are the rings the cloning accessors give, in the same order:
    /// each polygon's exterior, then its holes; a collection's polygons in turn, its points not.
    @Test func polygonRingsMatchTheClonedRings() throws {
        let holed = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2), (6 6, 8 6, 8 8, 6 6))")
        let multi = try Geometry.collection(.multiPolygon, [holed, try Geometry(wkt: "POLYGON((20 0, 21 0, 21 1, 20 0))")])
        let rings = try multi.polygonRings
        var expected: [[Coordinate]] = []
        for polygon in try multi.parts {
            expected.append(try polygon.exteriorRing.coordinates)
            expected += try polygon.interiorRings.map { try $0.coordinates }
        }
        #expect(rings.map(\.coordinates) == expected)
        #expect(rings.map(\.exterior) == [true, false, false, true])
        let mixed = try Geometry.collection(.geometryCollection, [try Geometry(wkt: "POINT(1 1)"), holed])
        #expect(try mixed.polygonRings.count == 3)
        #expect(try Geometry(wkt: "LINESTRING(0 0, 1 1)").polygonRings.isEmpty)
        #expect(try Geometry(wkt: "POLYGON EMPTY").polygonRings.isEmpty)
    }
}

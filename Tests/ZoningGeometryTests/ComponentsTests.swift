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
}

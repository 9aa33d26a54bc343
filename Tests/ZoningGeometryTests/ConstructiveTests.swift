import Testing
import ZoningGeometry

@Suite struct ConstructiveTests {
    /// An L shape whose centroid (hand-computed: two rectangles 4×1 and 1×3) lies outside it.
    let lShape = try! Geometry(wkt: "POLYGON((0 0, 4 0, 4 1, 1 1, 1 4, 0 4, 0 0))")

    @Test func centroidAndPointOnSurface() throws {
        // Rectangles [0,4]×[0,1] (area 4, centre (2, 0.5)) and [0,1]×[1,4] (area 3, centre (0.5, 2.5)):
        // centroid = ((4·2 + 3·0.5)/7, (4·0.5 + 3·2.5)/7) = (9.5/7, 9.5/7).
        let c = try lShape.centroid().coordinates[0]
        #expect(abs(c.x - 9.5 / 7) < 1e-12 && abs(c.y - 9.5 / 7) < 1e-12)
        #expect(try !lShape.contains(lShape.centroid()))
        #expect(try lShape.contains(lShape.pointOnSurface()))
    }

    @Test func hullBoundaryEnvelope() throws {
        #expect(try lShape.convexHull().area == 16 - 4.5)  // the square less the cut-off triangle (3·3/2)
        #expect(try lShape.boundary().type == .lineString)
        #expect(try lShape.boundary().length == 16)
        #expect(try lShape.envelope().area == 16)
    }

    @Test func clipToRectangle() throws {
        let clipped = try Geometry(wkt: Fixture.square).clipped(to: Bounds(minX: 5, minY: 5, maxX: 20, maxY: 20))
        #expect(clipped.area == 25)
    }

    @Test func simplify() throws {
        // A zig-zag whose middle vertices stray at most 0.1 from the straight line.
        let line = try Geometry(wkt: "LINESTRING(0 0, 1 0.1, 2 -0.1, 3 0.1, 4 0)")
        #expect(try line.simplified(tolerance: 0.5).numberOfPoints == 2)
        #expect(try line.simplified(tolerance: 0.05).numberOfPoints == 5)
        #expect(try lShape.simplifiedPreservingTopology(tolerance: 0.1).area == lShape.area)
        #expect(throws: GEOSError.self) { try line.simplified(tolerance: -1) }
    }

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

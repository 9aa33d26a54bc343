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
}

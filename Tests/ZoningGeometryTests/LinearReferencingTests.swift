import Testing
import ZoningGeometry

@Suite struct LinearReferencingTests {
    /// Along an L-shaped line of 100 + 50 m: a point beside the second leg projects to 100 + its y.
    @Test func projectedDistanceAlongABend() throws {
        let line = try Geometry(wkt: "LINESTRING(0 0, 100 0, 100 50)")
        #expect(try line.projectedDistance(of: Geometry.point(x: 30, y: 12)) == 30)
        #expect(try line.projectedDistance(of: Geometry.point(x: 120, y: 20)) == 120)
        #expect(try line.projectedDistance(of: Geometry.point(x: -10, y: 0)) == 0)  // before the start
        let point = try line.interpolated(at: 120).coordinates[0]
        #expect(point.x == 100 && point.y == 20)
        #expect(try line.interpolated(at: 1000).coordinates[0].y == 50)  // clamped to the end
    }

    @Test func refusesAPolygon() throws {
        #expect(throws: GEOSError.self) { try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 0))").projectedDistance(of: Geometry.point(x: 0, y: 0)) }
    }
}

import Testing
import ZoningGeometry

@Suite struct SimplifyTests {
    /// An L shape: two rectangles 4 × 1 and 1 × 3, area 7.
    let lShape = try! Geometry(wkt: "POLYGON((0 0, 4 0, 4 1, 1 1, 1 4, 0 4, 0 0))")

    @Test func simplify() throws {
        // A zig-zag whose middle vertices stray at most 0.1 from the straight line.
        let line = try Geometry(wkt: "LINESTRING(0 0, 1 0.1, 2 -0.1, 3 0.1, 4 0)")
        #expect(try line.simplified(tolerance: 0.5).numberOfPoints == 2)
        #expect(try line.simplified(tolerance: 0.05).numberOfPoints == 5)
        #expect(try lShape.simplifiedPreservingTopology(tolerance: 0.1).area == lShape.area)
        #expect(throws: GEOSError.self) { try line.simplified(tolerance: -1) }
    }

    @Test func densifySplitsSegmentsEvenly() throws {
        let line = try Geometry(wkt: "LINESTRING(0 0, 10 0)")
        let fine = try line.densified(maxSegmentLength: 3)
        // 10 / 3 → 4 equal segments of 2.5.
        #expect(try fine.coordinates.map(\.x) == [0, 2.5, 5, 7.5, 10])
        #expect(fine.length == 10)
        #expect(throws: GEOSError.self) { try line.densified(maxSegmentLength: 0) }
    }
}

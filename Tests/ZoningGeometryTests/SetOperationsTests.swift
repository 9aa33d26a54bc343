import Testing
import ZoningGeometry

@Suite struct SetOperationsTests {
    let a = try! Geometry(wkt: Fixture.square)         // [0,10]²
    let b = try! Geometry(wkt: Fixture.shiftedSquare)  // [5,15]×[0,10]

    @Test func areasOfOverlay() throws {
        #expect(try a.intersection(b).area == 50)
        #expect(try a.union(b).area == 150)
        #expect(try a.difference(b).area == 50)
        #expect(try a.symmetricDifference(b).area == 100)
        #expect(try a.symmetricDifference(b).type == .multiPolygon)
    }

    @Test func gridSizeSnapsVertices() throws {
        let c = try Geometry(wkt: "POLYGON((5.0004 0, 15 0, 15 10, 5.0004 10, 5.0004 0))")
        let snapped = try a.intersection(c, gridSize: 0.001)
        #expect(snapped.area == 50)  // 5.0004 rounded to 5.000
        #expect(throws: GEOSError.self) { try a.intersection(c, gridSize: 0) }
    }
}

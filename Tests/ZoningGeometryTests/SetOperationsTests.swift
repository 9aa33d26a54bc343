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

    @Test func unions() throws {
        let overlapping = try Geometry(wkt: "MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((1 0,3 0,3 2,1 2,1 0)))")
        #expect(try overlapping.unaryUnion().area == 6)
        #expect(try overlapping.unaryUnion().type == .polygon)

        // A 3 × 3 grid of unit squares: unionAll and coverageUnion both give the 3 × 3 square.
        let cells = try (0..<3).flatMap { i in
            try (0..<3).map { j in
                try Geometry(wkt: "POLYGON((\(i) \(j), \(i + 1) \(j), \(i + 1) \(j + 1), \(i) \(j + 1), \(i) \(j)))")
            }
        }
        let all = try Geometry.unionAll(cells)
        let coverage = try Geometry.coverageUnion(cells)
        #expect(all.area == 9 && coverage.area == 9)
        #expect(try all.equals(Geometry(wkt: "POLYGON((0 0, 3 0, 3 3, 0 3, 0 0))")))
        #expect(try coverage.equals(all))
        #expect(try Geometry.unionAll([]).isEmpty)
    }
}

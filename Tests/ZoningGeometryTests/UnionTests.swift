import Testing
import ZoningGeometry

@Suite struct UnionTests {
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

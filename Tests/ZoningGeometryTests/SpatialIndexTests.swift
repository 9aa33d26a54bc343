import Testing
import ZoningGeometry

@Suite struct SpatialIndexTests {
    /// A 20 × 20 grid of unit squares; square k covers [k % 20, k % 20 + 1] × [k / 20, k / 20 + 1].
    let cells: [Geometry] = (0..<400).map { k in
        let x = k % 20, y = k / 20
        return try! Geometry(wkt: "POLYGON((\(x) \(y), \(x + 1) \(y), \(x + 1) \(y + 1), \(x) \(y + 1), \(x) \(y)))")
    }

    @Test func envelopeQueryMatchesBruteForce() throws {
        let index = try SpatialIndex(cells)
        let box = Bounds(minX: 2.5, minY: 3.5, maxX: 5.5, maxY: 4.2)
        let expected = cells.indices.filter { k in
            let b = cells[k].bounds!
            return b.minX <= box.maxX && b.maxX >= box.minX && b.minY <= box.maxY && b.maxY >= box.minY
        }
        #expect(try index.query(box) == expected)
        #expect(expected.count == 4 * 2)  // columns 2…5, rows 3…4
    }

    @Test func predicateQueriesMatchBruteForce() throws {
        let index = try SpatialIndex(cells)
        let circle = try Geometry.point(x: 10, y: 10).buffer(3)
        for predicate in [SpatialPredicate.intersects, .contains, .overlaps, .withinDistance(0.5)] {
            let prepared = try PreparedGeometry(circle)
            let expected = try cells.indices.filter { try prepared.evaluate(predicate, cells[$0]) }
            #expect(try index.query(circle, predicate: predicate) == expected, "\(predicate)")
        }
        // By hand: a cell lies in the circle around (10, 10) when its far corner does. Columns
        // and rows 8…11 have far corners at most 2 away on each axis (√8 ≈ 2.83 at worst), inside
        // the 32-gon's apothem 3·cos(π/32) ≈ 2.993; any cell beyond has one at ≥ √10 ≈ 3.16.
        let block = (8...11).flatMap { y in (8...11).map { x in y * 20 + x } }
        #expect(try index.query(circle, predicate: .contains) == block)
    }

    @Test func nearestNeighbour() throws {
        let points = [(0.0, 0.0), (10.0, 0.0), (3.0, 4.0)].map { Geometry.point(x: $0.0, y: $0.1) }
        let index = try SpatialIndex(points)
        let found = try #require(try index.nearest(to: Geometry.point(x: 6, y: 8)))
        #expect(found.position == 2)
        #expect(found.distance == 5)  // (3,4) → (6,8)
        let polygonHit = try #require(try SpatialIndex(cells).nearest(to: Geometry.point(x: 25, y: 0.5)))
        #expect(polygonHit.position == 19 && polygonHit.distance == 5)
    }

    @Test func emptyIndexAndEmptyMembers() throws {
        #expect(try SpatialIndex([]).nearest(to: Geometry.point(x: 0, y: 0)) == nil)
        #expect(try SpatialIndex([]).query(Bounds(minX: 0, minY: 0, maxX: 1, maxY: 1)).isEmpty)
        let mixed = try SpatialIndex([Geometry(wkt: "POINT EMPTY"), Geometry.point(x: 1, y: 1)])
        #expect(try mixed.query(Bounds(minX: -5, minY: -5, maxX: 5, maxY: 5)) == [1])
        #expect(throws: GEOSError.self) { try SpatialIndex([]).nearest(to: Geometry(wkt: "POINT EMPTY")) }
    }
}

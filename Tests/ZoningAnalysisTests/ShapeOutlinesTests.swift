import Testing
@testable import ZoningAnalysis
import ZoningGeometry

@Suite struct ShapeOutlinesTests {
    /// The fast test says what GEOS says on every nearby pair of 1 200 random parcels (shared
    /// edges, gaps of all sizes), at gaps of 0, 5, 30 and 100 m, and at each pair's own exact
    /// distance (where GEOS says yes) and just below it (no): never decided wrongly by bounds.
    @Test func agreesWithGEOSOnRandomPairs() throws {
        var shapes = RandomShapes(seed: 3)
        let geometries = try shapes.grid(columns: 20, rows: 20, cell: 30) + shapes.stars(800, side: 1500)
        let outlines = try ShapeOutlines(geometries)
        let index = BoundsIndex(outlines.bounds)
        var decidedByBounds = 0, tested = 0
        for i in geometries.indices {
            for j in index.query(outlines.bounds[i]!.expanded(by: 100)) where j > i {
                for gap in [0, 5, 30, 100.0] {
                    let expected = try geometries[i].isWithinDistance(gap, of: geometries[j])
                    #expect(try outlines.isWithinDistance(i, j, gap, geometries) == expected, "\(i) \(j) \(gap)")
                    tested += 1
                    if let a = outlines.bounds[i], let b = outlines.bounds[j],
                       a.distanceSquared(to: b) > gap * gap * (1 + ShapeOutlines.margin)
                        || outlines.verticesWithin(i, j, gap * gap * (1 - ShapeOutlines.margin), near: b.expanded(by: gap)) {
                        decidedByBounds += 1
                    }
                }
                let exact = try geometries[i].distance(to: geometries[j])
                #expect(try outlines.isWithinDistance(i, j, exact, geometries))
                if exact > 0 { #expect(try !outlines.isWithinDistance(i, j, exact.nextDown, geometries)) }
            }
        }
        #expect(tested > 5000)
        #expect(decidedByBounds > tested / 2)  // the point: most pairs never reach GEOS
    }

    /// By hand: a 10 m square and a point 3 m right of its right edge and 4 m above its top.
    @Test func vertexDistances() throws {
        let outlines = try ShapeOutlines([Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"), Geometry(wkt: "POLYGON EMPTY")])
        let d = try #require(outlines.vertexDistancesSquared(0, x: 13, y: 14))
        #expect(d.nearest == 25 && d.farthest == 13 * 13 + 14 * 14)
        #expect(outlines.vertexDistancesSquared(1, x: 0, y: 0) == nil)
        #expect(outlines.bounds[1] == nil)
        #expect(outlines.bounds[0] == Bounds(minX: 0, minY: 0, maxX: 10, maxY: 10))
        // A negative distance is GEOS's error, as before, not an answer from the bounds.
        let pair = try [Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"), Geometry.point(x: 13, y: 14)]
        #expect(throws: (any Error).self) { try ShapeOutlines(pair).isWithinDistance(0, 1, -1, pair) }
        #expect(try ShapeOutlines(pair).isWithinDistance(0, 1, 5, pair))       // √(3² + 4²) = 5 to the corner
        #expect(try !ShapeOutlines(pair).isWithinDistance(0, 1, 4.99, pair))
    }

    /// The chunked pair search over the shared index joins what testing every pair with GEOS
    /// joins, on parcels with shared bent edges and scattered ones (gap 20 m).
    @Test func joinedPairsGiveTheClustersOfEveryPair() throws {
        var shapes = RandomShapes(seed: 11)
        let geometries = try shapes.grid(columns: 30, rows: 10, cell: 25) + shapes.stars(500, side: 1200)
        func labels(_ pairs: [(Int, Int)]) -> [Int] {
            var clusters = UnionFind(count: geometries.count)
            for (a, b) in pairs { clusters.union(a, b) }
            return geometries.indices.map { clusters.find($0) }.map { root in geometries.indices.first { clusters.find($0) == root }! }
        }
        var every: [(Int, Int)] = []
        for a in geometries.indices {
            for b in (a + 1)..<geometries.count where try geometries[a].isWithinDistance(20, of: geometries[b]) { every.append((a, b)) }
        }
        let expected = labels(every)
        #expect(labels(try BuiltUpRegions.joinedPairs(geometries, gap: 20)) == expected)
        #expect(Set(expected).count > 20 && Set(expected).count < 700)
    }
}

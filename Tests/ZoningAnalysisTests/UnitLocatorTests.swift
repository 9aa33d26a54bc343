import Foundation
import Testing
import ZoningGeometry
import ZoningTestSupport
@testable import ZoningAnalysis

/// `UnitLocator` against GEOS's prepared `covers`: the first polygon in order that covers a
/// point, for points inside, outside, on shared edges and on vertices.
@Suite struct UnitLocatorTests {
    /// The first polygon covering `point` by GEOS alone.
    func geos(_ polygons: [Geometry?], _ point: Coordinate) throws -> Int? {
        let p = Geometry.point(x: point.x, y: point.y)
        return try polygons.indices.first { try polygons[$0].map { try PreparedGeometry($0).covers(p) } ?? false }
    }

    @Test func byHand() throws {
        // Two 10 m squares side by side, a third overlapping the second, a unit without polygon.
        let polygons: [Geometry?] = [
            try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"),
            nil,
            try Geometry(wkt: "POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))"),
            try Geometry(wkt: "POLYGON((15 0, 25 0, 25 10, 15 10, 15 0), (21 4, 23 4, 23 6, 21 6, 21 4))"),
        ]
        let locator = try UnitLocator(polygons)
        var asked: [Int] = []
        func find(_ x: Double, _ y: Double) -> Int? {
            locator.polygon(holding: Coordinate(x: x, y: y)) { asked.append($0); return false }
        }
        #expect(find(5, 5) == 0)
        #expect(find(12, 5) == 2)
        #expect(find(10, 5) == 0)       // on the shared edge: both cover it, the first wins
        #expect(find(10, 10) == 0)      // a shared corner
        #expect(find(17, 5) == 2)       // in the overlap: the first in order
        #expect(find(24, 5) == 3)
        #expect(find(22, 5) == nil)     // in the third's hole
        #expect(find(21, 5) == 3)       // on the hole's edge
        #expect(find(30, 5) == nil && find(5, -1) == nil)
        #expect(asked.isEmpty)
    }

    @Test func sameAsGEOSOnIrregularPolygons() throws {
        var random = SeededRandom(seed: 7)
        // A 6 × 6 lattice of units whose shared edges bend through the same points on both sides.
        let side = 6, size = 1000.0
        var bend: [String: Coordinate] = [:]
        func bent(_ a: (Int, Int), _ b: (Int, Int)) -> Coordinate {
            let key = a < b ? "\(a)-\(b)" : "\(b)-\(a)"
            if let known = bend[key] { return known }
            let mx = Double(a.0 + b.0) / 2 * size, my = Double(a.1 + b.1) / 2 * size
            let onBorder = (a.0 == b.0 && (a.0 == 0 || a.0 == side)) || (a.1 == b.1 && (a.1 == 0 || a.1 == side))
            let point = onBorder ? Coordinate(x: mx, y: my)
                : Coordinate(x: mx + Double.random(in: -200...200, using: &random).rounded(), y: my + Double.random(in: -200...200, using: &random).rounded())
            bend[key] = point
            return point
        }
        var polygons: [Geometry?] = []
        for row in 0..<side {
            for column in 0..<side {
                let corners = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
                var ring: [Coordinate] = []
                for k in 0..<4 {
                    let (a, b) = (corners[k], corners[(k + 1) % 4])
                    ring.append(Coordinate(x: Double(a.0) * size, y: Double(a.1) * size))
                    ring.append(bent(a, b))
                }
                ring.append(ring[0])
                polygons.append(try Geometry.polygon(shell: ring))
            }
        }
        let locator = try UnitLocator(polygons)
        // Random points, every vertex, and points halfway along edges.
        var points = (0..<3000).map { _ in
            Coordinate(x: Double.random(in: -100...6100, using: &random), y: Double.random(in: -100...6100, using: &random))
        }
        for polygon in polygons.compactMap({ $0 }) {
            let ring = try polygon.polygonRings[0].coordinates
            points += ring
            points += zip(ring, ring.dropFirst()).map { Coordinate(x: ($0.x + $1.x) / 2, y: ($0.y + $1.y) / 2) }
        }
        var undecided = 0
        for point in points {
            let found = try locator.polygon(holding: point) { position in
                undecided += 1
                return try PreparedGeometry(polygons[position]!).covers(Geometry.point(x: point.x, y: point.y))
            }
            #expect(try found == geos(polygons, point), "\(point)")
        }
        // Most points are decided without GEOS; only those on slanted edges need it.
        #expect(undecided < points.count / 4)
    }

    @Test func orientationIsCertainOrUndecided() {
        // Left of, right of, and on the line (0,0)→(2,2).
        #expect(UnitLocator.orientation(0, 0, 2, 2, 0, 1) == 1)
        #expect(UnitLocator.orientation(0, 0, 2, 2, 1, 0) == -1)
        #expect(UnitLocator.orientation(0, 0, 2, 2, 1, 1) == nil)          // exactly on it: too close to call here
        #expect(UnitLocator.orientation(0, 0, 2, 0, 1, 0) == 0)            // on a horizontal line: exact
        #expect(UnitLocator.orientation(0, 0, 2, 2, 1, 1 + 1e-12) == 1)
    }
}

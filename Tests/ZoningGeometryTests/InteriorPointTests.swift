import Foundation
import Testing
import ZoningGeometry
import ZoningTestSupport

/// `InteriorPoint` against GEOS's own `pointOnSurface`, bit for bit, on shapes whose scan line
/// passes through vertices, horizontal and vertical edges, holes and several polygons.
@Suite struct InteriorPointTests {
    /// The GEOS point, or nil for an empty one.
    func geos(_ geometry: Geometry) throws -> Coordinate? {
        let point = try geometry.pointOnSurface()
        return point.isEmpty ? nil : try point.coordinates.first
    }

    func rings(_ wkt: String) throws -> InteriorPoint {
        var buffer = PolygonRingBuffer()
        #expect(try buffer.load(Geometry(wkt: wkt)))
        return InteriorPoint.of(buffer)
    }

    @Test func byHand() throws {
        // A 4 × 2 rectangle: the scan line halfway up (y = 1), the whole width inside.
        #expect(try rings("POLYGON((0 0, 4 0, 4 2, 0 2, 0 0))") == .point(Coordinate(x: 2, y: 1)))
        // An L: vertices at y = 0, 1, 3; the middle of 0…3 is 1.5, between 1 and 3 → y = 2;
        // there the L is 0…1 wide → x = 0.5.
        #expect(try rings("POLYGON((0 0, 4 0, 4 1, 1 1, 1 3, 0 3, 0 0))") == .point(Coordinate(x: 0.5, y: 2)))
        // A hole in the middle of a 10 × 10 square: at y = 5 the stretches are 0…3 and 7…10;
        // the first of equal widths wins → x = 1.5.
        #expect(try rings("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (3 4, 7 4, 7 6, 3 6, 3 4))") == .point(Coordinate(x: 1.5, y: 5)))
        // Two squares: the wider stretch (the second, 4 wide) wins.
        #expect(try rings("MULTIPOLYGON(((0 0, 2 0, 2 2, 0 2, 0 0)), ((10 0, 14 0, 14 4, 10 4, 10 0)))") == .point(Coordinate(x: 12, y: 2)))
        #expect(try rings("POLYGON EMPTY") == .empty)
    }

    @Test func sameAsGEOSOnIrregularShapes() throws {
        var random = SeededRandom(seed: 31)
        var shapes: [String] = []
        for _ in 0..<400 {
            // A star-shaped ring: bent edges as the irregular sample's, vertices on a few heights
            // so that the scan line often meets them.
            let n = Int.random(in: 5...24, using: &random)
            let cx = Double.random(in: 40_000_000...40_100_000, using: &random).rounded(), cy = Double.random(in: 4_000_000...4_100_000, using: &random).rounded()
            let grid = Bool.random(using: &random)
            var points: [String] = []
            for k in 0..<n {
                let angle = Double(k) / Double(n) * 2 * Double.pi
                let r = Double.random(in: 20...120, using: &random)
                var x = cx + r * cos(angle), y = cy + r * sin(angle)
                if grid { (x, y) = ((x / 10).rounded() * 10, (y / 10).rounded() * 10) }
                points.append("\(x) \(y)")
            }
            points.append(points[0])
            shapes.append("POLYGON((\(points.joined(separator: ", "))))")
        }
        shapes += [
            "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 4 8, 4 2, 2 2), (6 5, 8 3, 8 8, 6 5))",
            "MULTIPOLYGON(((0 0, 2 0, 2 2, 0 2, 0 0)), ((10 0, 12 0, 12 2, 10 2, 10 0)))",  // equal widths: the first
            "MULTIPOLYGON(((0 0, 1 0, 1 5, 0 5, 0 0)), ((3 0, 9 0, 6 4, 3 0)))",
            "POLYGON((0 0, 4 0, 4 4, 2 2, 0 4, 0 0))",                                     // a vertex on the middle
            "POLYGON((0.1 0.2, 3.7 0.3, 3.3 2.9, 0.2 2.8, 0.1 0.2))",
            "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))",
            "POLYGON((0 0, 3 0, 3 0, 0 0))",                                                  // no area
        ]
        var compared = 0
        for wkt in shapes {
            let geometry = try Geometry(wkt: wkt)
            let expected = try geos(geometry)
            var buffer = PolygonRingBuffer()
            #expect(try buffer.load(geometry))
            switch InteriorPoint.of(buffer) {
            case .point(let point):
                #expect(point == expected, "\(wkt)")
                compared += 1
            case .empty: #expect(expected == nil, "\(wkt)")
            case .undecided: break
            }
            #expect(try InteriorPoint.of(geometry, buffer: &buffer) == expected, "\(wkt)")
        }
        #expect(compared >= shapes.count - 1)
    }
}

import Testing
import ZoningGeometry
@testable import ZoningReport

/// Dissolving polygons for drawing, checked against GEOS's union of the same polygons.
@Suite struct MapOutlineTests {
    func square(_ x: Double, _ y: Double, _ side: Double = 10) throws -> Geometry {
        try Geometry(wkt: "POLYGON((\(x) \(y), \(x + side) \(y), \(x + side) \(y + side), \(x) \(y + side), \(x) \(y)))")
    }

    /// The winding number of the loops around a point: what the nonzero rule fills when not 0.
    func winding(_ outline: MapOutline, _ x: Double, _ y: Double) -> Int {
        var total = 0
        for loop in outline.loops {
            for (a, b) in zip(loop, loop.dropFirst()) {
                let side = (b.x - a.x) * (y - a.y) - (x - a.x) * (b.y - a.y)
                if a.y <= y && b.y > y && side > 0 { total += 1 }
                if a.y > y && b.y <= y && side < 0 { total -= 1 }
            }
        }
        return total
    }

    /// Touching squares, one of them clockwise as shapefiles store exteriors, and one apart:
    /// two loops (the shared edges left out) of the union's 400 m², counter-clockwise.
    @Test func touchingSquaresGiveTheUnionsRings() throws {
        let clockwise = try Geometry(wkt: "POLYGON((10 0, 10 10, 20 10, 20 0, 10 0))")
        let squares = try [square(0, 0), clockwise, square(0, 10), square(30, 30)]
        let outline = try MapOutline(squares)
        let union = try Geometry.unionAll(squares)
        #expect(outline.loops.count == 2)
        #expect(abs(outline.area - 400) < 1e-9 && abs(outline.area - union.area) < 1e-9)
        #expect(outline.loops.allSatisfy { MapOutline.signedArea($0) > 0 && $0.first == $0.last })
        // The loops' vertices are the union's: 8 corners of the L-shape (with the middle of its
        // long edges, where squares meet) and the lone square's 4.
        let unionVertices = Set(try union.polygonRings.flatMap(\.coordinates))
        #expect(Set(outline.loops.flatMap { $0 }) == unionVertices.union([Coordinate(x: 10, y: 0), Coordinate(x: 0, y: 10)]))
        #expect(outline.bounds == Bounds(minX: 0, minY: 0, maxX: 40, maxY: 40))
    }

    /// A hole stays a hole (a clockwise loop), and a point in it is not filled.
    @Test func holesAreLeftUnfilled() throws {
        let ring = try Geometry(wkt: "POLYGON((0 0, 30 0, 30 30, 0 30, 0 0), (10 10, 20 10, 20 20, 10 20, 10 10))")
        let outline = try MapOutline([ring])
        #expect(abs(outline.area - 800) < 1e-9)
        #expect(winding(outline, 15, 15) == 0 && winding(outline, 5, 5) == 1)
    }

    /// Overlapping squares (bad data): the fill (nonzero rule) is still their union, sampled
    /// on a grid against GEOS's union.
    @Test func overlapsStillFillTheUnion() throws {
        let squares = try [square(0, 0), square(5, 0), square(5, 5), square(12, -3, 4)]
        let outline = try MapOutline(squares)
        let union = try Geometry.unionAll(squares)
        for i in 0..<40 {
            for j in 0..<40 {
                let (x, y) = (-2.25 + Double(i) * 0.5, -4.25 + Double(j) * 0.5)
                let inside = try union.contains(Geometry(wkt: "POINT(\(x) \(y))"))
                #expect((winding(outline, x, y) != 0) == inside, "\(x) \(y)")
            }
        }
    }

    @Test func nothingToDissolve() throws {
        let outline = try MapOutline([])
        #expect(outline.isEmpty && outline.bounds == nil && outline.area == 0)
    }

    /// The chain's hash table does what a Dictionary does: 20,000 random sets, clears and
    /// lookups on keys drawn from 300 points on a small grid (so keys repeat, and cleared keys
    /// are set again), compared operation by operation with a Dictionary.
    @Test func indexTableAgreesWithADictionary() {
        var random = SystemRandomNumberGenerator()
        let points = (0..<300).map { _ in
            MapOutline.Point(Coordinate(x: Double(Int.random(in: 0..<20, using: &random)) * 0.5, y: Double(Int.random(in: -10..<10, using: &random))))
        }
        var table = IndexTable<MapOutline.Point>(capacity: points.count)
        var dictionary: [MapOutline.Point: Int] = [:]
        var disagreements = 0
        for step in 0..<20_000 {
            let key = points[Int.random(in: 0..<points.count, using: &random)]
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                table[key] = step
                dictionary[key] = step
            case 1:
                let slot = table.slot(key)
                if table.value(slot) != dictionary[key] { disagreements += 1 }
                table.set(slot, key, nil)
                dictionary[key] = nil
            default:
                if table[key] != dictionary[key] { disagreements += 1 }
            }
        }
        #expect(disagreements == 0)
        #expect(points.allSatisfy { table[$0] == dictionary[$0] })
        #expect(dictionary.count > 10)   // the table held keys at the end, not only cleared ones
    }
}

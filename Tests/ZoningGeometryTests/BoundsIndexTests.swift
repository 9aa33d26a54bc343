import Testing
import ZoningGeometry

@Suite struct BoundsIndexTests {
    /// A deterministic linear congruential draw in 0..<1.
    struct Draws {
        var seed: UInt64
        mutating func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
    }

    /// Brute force and GEOS's STR-tree agree with the packed tree on 3 000 random boxes of all
    /// sizes (some degenerate: points and lines), queried with 500 random windows.
    @Test func queriesMatchBruteForceAndGEOS() throws {
        var draw = Draws(seed: 7)
        var boxes: [Bounds?] = []
        for k in 0..<3000 {
            if k % 97 == 0 { boxes.append(nil); continue }  // an empty geometry
            let x = draw.next() * 1000, y = draw.next() * 1000
            let w = k % 5 == 0 ? 0 : draw.next() * 30, h = k % 7 == 0 ? 0 : draw.next() * 30
            boxes.append(Bounds(minX: x, minY: y, maxX: x + w, maxY: y + h))
        }
        let index = BoundsIndex(boxes)
        let geometries = try boxes.map { try $0.map(Geometry.rectangle) ?? Geometry(wkt: "POLYGON EMPTY") }
        let geos = try SpatialIndex(geometries)
        var found: [Int] = []
        for _ in 0..<500 {
            let x = draw.next() * 1100 - 50, y = draw.next() * 1100 - 50, size = draw.next() * 120
            let window = Bounds(minX: x, minY: y, maxX: x + size, maxY: y + size)
            let expected = boxes.indices.filter { k in
                guard let b = boxes[k] else { return false }
                return b.minX <= window.maxX && b.maxX >= window.minX && b.minY <= window.maxY && b.maxY >= window.minY
            }
            index.query(window, into: &found)
            #expect(found == expected)
            #expect(try geos.query(window) == expected)
        }
        #expect(index.query(Bounds(minX: -10, minY: -10, maxX: 2000, maxY: 2000)).count == boxes.compactMap { $0 }.count)
    }

    /// By hand: two unit squares 3 apart in x and 4 in y are 5 apart; touching edges meet.
    @Test func distanceAndMeeting() {
        let a = Bounds(minX: 0, minY: 0, maxX: 1, maxY: 1)
        #expect(a.distanceSquared(to: Bounds(minX: 4, minY: 5, maxX: 6, maxY: 6)) == 25)
        #expect(a.distanceSquared(to: Bounds(minX: 0.5, minY: -3, maxX: 0.7, maxY: -2)) == 4)  // straight below
        #expect(a.distanceSquared(to: Bounds(minX: 0.5, minY: 0.5, maxX: 3, maxY: 3)) == 0)
        #expect(a.meets(Bounds(minX: 1, minY: 1, maxX: 2, maxY: 2)))  // corner to corner
        #expect(!a.meets(Bounds(minX: 1.000001, minY: 0, maxX: 2, maxY: 1)))
        #expect(a.expanded(by: 2) == Bounds(minX: -2, minY: -2, maxX: 3, maxY: 3))
        #expect(BoundsIndex([]).query(a).isEmpty)
        #expect(BoundsIndex([nil, a, nil]).query(Bounds(minX: 1, minY: 1, maxX: 1, maxY: 1)) == [1])
    }
}

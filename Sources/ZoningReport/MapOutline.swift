import ZoningGeometry

/// Polygons dissolved for drawing, without computing their union: the directed edges of their
/// rings — exteriors counter-clockwise, holes clockwise — with every edge two rings share (once
/// each way) left out, chained into closed loops.
///
/// Filled by the nonzero rule (SVG's default), the loops cover exactly the polygons' union: a
/// point inside n of the polygons has winding number n, outside all of them 0. Where the
/// polygons do not overlap (survey parcels), the edges left are the union's boundary, so the
/// stroke draws what the union's outline would, and the loops' signed areas sum to the union's
/// area (m² for metres). Where they overlap (bad data) the fill is still the union; the stroke
/// also draws the overlapping edges.
///
/// A map draws the uncovered land of a village this way: it is the same picture as the
/// dissolved parcels (GEOS `CoverageUnion`) at a fraction of the cost, since no polygon is
/// built or validated.
///
/// ```swift
/// let land = try MapOutline([square(0, 0), square(10, 0)])   // two touching 10 m squares
/// land.loops.count   // 1: the shared edge is left out
/// land.area          // 200
/// ```
public struct MapOutline: Sendable {
    /// The closed loops, each ending on its first coordinate, with the union's inside on
    /// their left (exterior loops counter-clockwise, holes clockwise).
    public var loops: [[Coordinate]]

    /// Dissolves the rings of `polygons` (polygons or multi-polygons; other parts are ignored).
    public init(_ polygons: [Geometry]) throws {
        var starts: [Coordinate] = [], ends: [Coordinate] = []
        for polygon in polygons {
            for ring in try polygon.polygonRings {
                var points = ring.coordinates
                guard points.count > 3 else { continue }
                if (Self.signedArea(points) > 0) != ring.exterior { points.reverse() }
                for i in 1..<points.count where points[i] != points[i - 1] {
                    starts.append(points[i - 1])
                    ends.append(points[i])
                }
            }
        }
        loops = Self.chain(starts, ends)
    }

    /// The loops' signed areas summed (shoelace): the union's area where the polygons do not overlap.
    public var area: Double { loops.reduce(0) { $0 + Self.signedArea($1) } }

    /// The extent of the loops, or nil when there are none.
    public var bounds: Bounds? {
        var box: Bounds?
        for loop in loops {
            for c in loop {
                box = box.map { Bounds(minX: min($0.minX, c.x), minY: min($0.minY, c.y), maxX: max($0.maxX, c.x), maxY: max($0.maxY, c.y)) }
                    ?? Bounds(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
            }
        }
        return box
    }

    /// Nothing to draw.
    public var isEmpty: Bool { loops.isEmpty }

    /// The shoelace area of a closed ring, positive when counter-clockwise.
    static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        let origin = ring[0]
        for i in 1..<ring.count {
            let (a, b) = (ring[i - 1], ring[i])
            sum += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return sum / 2
    }

    /// A coordinate as a hash key (−0 and +0 are one key).
    struct Point: Hashable, IndexTableKey {
        var x: UInt64, y: UInt64
        init(_ c: Coordinate) { (x, y) = ((c.x + 0).bitPattern, (c.y + 0).bitPattern) }
        var hashWord: UInt64 { IndexTable<Point>.mix(IndexTable<Point>.mix(x) ^ y) }
    }

    struct Edge: Hashable, IndexTableKey {
        var from: Point, to: Point
        var hashWord: UInt64 { IndexTable<Edge>.mix(from.hashWord ^ IndexTable<Edge>.mix(to.x ^ IndexTable<Edge>.mix(to.y))) }
    }

    /// Leaves out each pair of opposite edges, then walks the rest into closed loops: every
    /// vertex has as many edges in as out (each ring is closed, each pair left out takes one of
    /// each), so a walk from an edge comes back to its start.
    static func chain(_ starts: [Coordinate], _ ends: [Coordinate]) -> [[Coordinate]] {
        let count = starts.count
        var kept = [Bool](repeating: true, count: count)
        // Edges waiting for their opposite, by key; `sameKey` links edges of one key.
        var waiting = IndexTable<Edge>(capacity: count)
        var sameKey = [Int](repeating: -1, count: count)
        for i in 0..<count {
            let (a, b) = (Point(starts[i]), Point(ends[i]))
            let opposite = Edge(from: b, to: a)
            let oppositeSlot = waiting.slot(opposite)
            if let j = waiting.value(oppositeSlot) {
                kept[i] = false
                kept[j] = false
                waiting.set(oppositeSlot, opposite, sameKey[j] >= 0 ? sameKey[j] : nil)
            } else {
                let edge = Edge(from: a, to: b)
                let slot = waiting.slot(edge)
                sameKey[i] = waiting.value(slot) ?? -1
                waiting.set(slot, edge, i)
            }
        }
        // The edges kept, by the vertex they leave (a linked list per vertex).
        var leaving = IndexTable<Point>(capacity: count)
        var nextLeaving = [Int](repeating: -1, count: count)
        for i in 0..<count where kept[i] {
            let a = Point(starts[i])
            let slot = leaving.slot(a)
            nextLeaving[i] = leaving.value(slot) ?? -1
            leaving.set(slot, a, i)
        }
        var used = [Bool](repeating: false, count: count)
        var loops: [[Coordinate]] = []
        for first in 0..<count where kept[first] && !used[first] {
            used[first] = true
            let start = Point(starts[first])
            var loop = [starts[first], ends[first]]
            var at = Point(ends[first])
            while at != start {
                let slot = leaving.slot(at)
                var next = leaving.value(slot) ?? -1
                while next >= 0 && used[next] { next = nextLeaving[next] }
                guard next >= 0 else { break }
                leaving.set(slot, at, nextLeaving[next])
                used[next] = true
                loop.append(ends[next])
                at = Point(ends[next])
            }
            if loop.last != loop.first { loop.append(loop[0]) }
            if loop.count > 3 { loops.append(loop) }
        }
        return loops
    }
}

/// A key of `IndexTable`: whole words, hashed into one.
protocol IndexTableKey: Equatable {
    var hashWord: UInt64 { get }
}

/// A hash table from keys to indices (≥ 0) for `MapOutline.chain`: open addressing with linear
/// probing and a multiply–xor hash of the key's words, each key beside its value, sized once
/// for `capacity` keys, which it must never exceed (`chain` has at most one key per edge). It does the work of a `Dictionary` there at half the cost (no
/// per-key `Hasher`, no resizing, one probe sequence per get-and-set through `slot`). A key
/// set to nil keeps its slot, so a later lookup of it stops there.
///
/// ```swift
/// var table = IndexTable<MapOutline.Point>(capacity: 2)
/// table[point] = 7
/// table[point]   // 7
/// let slot = table.slot(point)
/// table.set(slot, point, nil)
/// table[point]   // nil
/// ```
struct IndexTable<Key: IndexTableKey> {
    private var entries: [(key: Key?, value: Int)]
    private let shift: UInt64

    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < 2 * max(capacity, 1) { bits += 1 }
        entries = Array(repeating: (nil, -1), count: 1 << bits)
        shift = 64 - bits
    }

    /// The slot of `key`, or the empty slot where it would go.
    func slot(_ key: Key) -> Int {
        let mask = entries.count - 1
        var index = Int(truncatingIfNeeded: (key.hashWord &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while let found = entries[index].key, found != key { index = (index + 1) & mask }
        return index
    }

    /// The value in `slot` (from `slot(_:)`), nil when none.
    func value(_ slot: Int) -> Int? {
        let value = entries[slot].value
        return value >= 0 ? value : nil
    }

    /// Sets the value of `key`, whose slot `slot(key)` gave (nothing stored since).
    mutating func set(_ slot: Int, _ key: Key, _ value: Int?) {
        if entries[slot].key == nil {
            guard let value else { return }
            entries[slot] = (key, value)
        } else {
            entries[slot].value = value ?? -1
        }
    }

    subscript(key: Key) -> Int? {
        get { value(slot(key)) }
        set { set(slot(key), key, newValue) }
    }

    /// SplitMix64's finaliser: every bit of `word` moves every bit of the result.
    static func mix(_ word: UInt64) -> UInt64 {
        var z = word
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

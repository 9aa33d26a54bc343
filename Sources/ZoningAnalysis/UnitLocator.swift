import ZoningGeometry

/// Which polygon of a layer (the village-level units) holds a point: the first, in the layer's
/// order, whose polygon covers it (inside or on its boundary), as GEOS's prepared `covers`
/// decides. Built once from the polygons' rings and shared by every thread; a lookup is a grid
/// cell's few candidates by extent, then a crossing count along a horizontal ray over the
/// edges in one band of heights of each candidate (GEOS's `RayCrossingCounter`).
///
/// Where the orientation of the point against an edge is too close to call in floating point
/// (GEOS would then compute it in double-double), the lookup asks the caller, which asks GEOS
/// (`PreparedGeometry.covers`), so the answer is GEOS's on every point.
/// Coordinates are in the polygons' CRS.
///
/// ```swift
/// let locator = try UnitLocator(units.map(\.geometry))
/// try locator.polygon(holding: Coordinate(x: 40_500_100, y: 4_010_200)) { try prepared[$0].covers(point) }  // 3
/// ```
struct UnitLocator: Sendable {
    /// One polygon's edges, bucketed by height.
    struct Rings: Sendable {
        var bounds: Bounds
        var bandHeight: Double
        /// Edges of band b: `edges[bandStart[b]..<bandStart[b + 1]]` as x1, y1, x2, y2.
        var bandStart: [Int32]
        var edges: [Double]
    }

    let polygons: [Rings?]
    let extent: Bounds?
    let cellWidth: Double, cellHeight: Double, columns: Int, rows: Int
    /// Polygons whose extent meets cell c: `cellItems[cellStart[c]..<cellStart[c + 1]]`, ascending.
    let cellStart: [Int32]
    let cellItems: [Int32]

    /// - Parameter geometries: the polygons (nil or empty ones hold no point).
    init(_ geometries: [Geometry?]) throws {
        var polygons: [Rings?] = []
        polygons.reserveCapacity(geometries.count)
        for geometry in geometries {
            guard let geometry, let bounds = geometry.bounds else {
                polygons.append(nil)
                continue
            }
            polygons.append(Self.rings(try geometry.polygonRings.map(\.coordinates), bounds))
        }
        self.polygons = polygons
        let boxes = polygons.compactMap { $0?.bounds }
        guard var extent = boxes.first else {
            (self.extent, cellWidth, cellHeight, columns, rows, cellStart, cellItems) = (nil, 1, 1, 0, 0, [0], [])
            return
        }
        for box in boxes { extent = extent.union(box) }
        self.extent = extent
        let side = min(256, max(1, 2 * Int(Double(boxes.count).squareRoot().rounded(.up))))
        columns = side
        rows = side
        cellWidth = extent.width > 0 ? extent.width / Double(side) : 1
        cellHeight = extent.height > 0 ? extent.height / Double(side) : 1
        var lists = [[Int32]](repeating: [], count: side * side)
        for (position, rings) in polygons.enumerated() {
            guard let box = rings?.bounds else { continue }
            let (c0, r0) = Self.cell(box.minX, box.minY, extent, cellWidth, cellHeight, side, side)
            let (c1, r1) = Self.cell(box.maxX, box.maxY, extent, cellWidth, cellHeight, side, side)
            for r in r0...r1 {
                for c in c0...c1 { lists[r * side + c].append(Int32(position)) }
            }
        }
        var start: [Int32] = [0], items: [Int32] = []
        for list in lists {
            items += list
            start.append(Int32(items.count))
        }
        cellStart = start
        cellItems = items
    }

    /// The cell of (x, y): floor of the distance from the extent's corner in cells, clamped. It
    /// never decreases as x or y grow, so a point inside a box lies in one of the box's cells.
    private static func cell(_ x: Double, _ y: Double, _ extent: Bounds, _ width: Double, _ height: Double, _ columns: Int, _ rows: Int) -> (Int, Int) {
        let c = min(columns - 1, max(0, Int(((x - extent.minX) / width).rounded(.down))))
        let r = min(rows - 1, max(0, Int(((y - extent.minY) / height).rounded(.down))))
        return (c, r)
    }

    /// A polygon's edges in bands of height, each edge in every band its heights reach.
    private static func rings(_ rings: [[Coordinate]], _ bounds: Bounds) -> Rings {
        let edgeCount = rings.reduce(0) { $0 + max(0, $1.count - 1) }
        let bands = max(1, min(4096, edgeCount / 4))
        let height = bounds.height > 0 ? bounds.height / Double(bands) : 1
        func band(_ y: Double) -> Int { min(bands - 1, max(0, Int(((y - bounds.minY) / height).rounded(.down)))) }
        // Counted first, then filled: flat arrays, no array per band.
        var start = [Int32](repeating: 0, count: bands + 1)
        for ring in rings where ring.count > 1 {
            for i in 1..<ring.count {
                for b in band(min(ring[i - 1].y, ring[i].y))...band(max(ring[i - 1].y, ring[i].y)) { start[b + 1] += 1 }
            }
        }
        for b in 0..<bands { start[b + 1] += start[b] }
        var next = start, edges = [Double](repeating: 0, count: 4 * Int(start[bands]))
        for ring in rings where ring.count > 1 {
            for i in 1..<ring.count {
                let (p1, p2) = (ring[i - 1], ring[i])
                for b in band(min(p1.y, p2.y))...band(max(p1.y, p2.y)) {
                    let e = 4 * Int(next[b])
                    (edges[e], edges[e + 1], edges[e + 2], edges[e + 3]) = (p1.x, p1.y, p2.x, p2.y)
                    next[b] += 1
                }
            }
        }
        return Rings(bounds: bounds, bandHeight: height, bandStart: start, edges: edges)
    }

    /// The position of the first polygon, in the layer's order, that covers `point`, or nil.
    /// - Parameter undecided: asked for a polygon (by position) whose edges pass too close to
    ///   the point to decide in floating point: whether it covers the point (GEOS's answer).
    func polygon(holding point: Coordinate, undecided: (Int) throws -> Bool) rethrows -> Int? {
        guard let extent, point.x.isFinite, point.y.isFinite else { return nil }
        guard point.x >= extent.minX, point.x <= extent.maxX, point.y >= extent.minY, point.y <= extent.maxY else { return nil }
        let (c, r) = Self.cell(point.x, point.y, extent, cellWidth, cellHeight, columns, rows)
        let cell = r * columns + c
        for k in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
            let position = Int(cellItems[k])
            guard let rings = polygons[position] else { continue }
            let box = rings.bounds
            guard point.x >= box.minX, point.x <= box.maxX, point.y >= box.minY, point.y <= box.maxY else { continue }
            if try Self.locate(point, in: rings) ?? undecided(position) { return position }
        }
        return nil
    }

    /// Whether `rings` cover `point` (GEOS's `RayCrossingCounter` over the edges of the
    /// point's band); nil when an orientation is too close to call in floating point.
    static func locate(_ point: Coordinate, in rings: Rings) -> Bool? {
        let bands = rings.bandStart.count - 1
        let b = min(bands - 1, max(0, Int(((point.y - rings.bounds.minY) / rings.bandHeight).rounded(.down))))
        var crossings = 0
        return rings.edges.withUnsafeBufferPointer { edges -> Bool? in
            for e in Int(rings.bandStart[b])..<Int(rings.bandStart[b + 1]) {
                let x1 = edges[4 * e], y1 = edges[4 * e + 1], x2 = edges[4 * e + 2], y2 = edges[4 * e + 3]
                // Strictly to the left of the point.
                if x1 < point.x && x2 < point.x { continue }
                // The point is the edge's end vertex.
                if point.x == x2 && point.y == y2 { return true }
                // Horizontal edges count only when the point lies on them.
                if y1 == point.y && y2 == point.y {
                    if point.x >= min(x1, x2) && point.x <= max(x1, x2) { return true }
                    continue
                }
                // An upward edge holds its start and not its end; a downward one the reverse.
                if (y1 > point.y && y2 <= point.y) || (y2 > point.y && y1 <= point.y) {
                    guard var sign = orientation(x1, y1, x2, y2, point.x, point.y) else { return nil }
                    if sign == 0 { return true }
                    if y2 < y1 { sign = -sign }
                    if sign > 0 { crossings += 1 }
                }
            }
            return crossings % 2 == 1
        }
    }

    /// The side of the line p1→p2 that q lies on (1 left, −1 right, 0 on it), when floating
    /// point decides it for certain: GEOS's filter (`CGAlgorithmsDD::orientationIndexFilter`),
    /// whose error bound is wider than the rounding error can reach; nil otherwise.
    static func orientation(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double, _ qx: Double, _ qy: Double) -> Int? {
        let detLeft = (p1x - qx) * (p2y - qy)
        let detRight = (p1y - qy) * (p2x - qx)
        let det = detLeft - detRight
        func sign(_ value: Double) -> Int { value > 0 ? 1 : value < 0 ? -1 : 0 }
        let detSum: Double
        if detLeft > 0 {
            if detRight <= 0 { return sign(det) }
            detSum = detLeft + detRight
        } else if detLeft < 0 {
            if detRight >= 0 { return sign(det) }
            detSum = -detLeft - detRight
        } else {
            return sign(det)
        }
        let bound = 1e-15 * detSum
        return det >= bound || -det >= bound ? sign(det) : nil
    }
}

import ZoningGeometry
import ZoningShapefile

/// Builds GEOS geometries from shapefile records.
///
/// - Points and multipoints as they are; polylines as a LineString, or a MultiLineString for
///   several parts.
/// - Polygons: rings are nested by **containment**, not by their order or orientation (real
///   files get both wrong). A ring inside an odd number of other rings is a hole of the
///   innermost of them; every other ring is an outer ring. One outer ring gives a Polygon,
///   several a MultiPolygon.
/// - Z and M values are not carried into the geometry (zoning works in 2D).
/// - MultiPatch (3D surfaces) is refused: zoning has no use for it, and reading it as flat
///   polygons would be wrong for its triangle strips.
///
/// ```swift
/// let geometry = try ShapeGeometry.make(try dataset.shape(at: 0))   // nil for a null record
/// ```
public enum ShapeGeometry {
    /// Why a record could not become a geometry.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// - Throws: `Problem` for a coordinate that is not a finite number (NaN or infinite, as
    ///   a damaged file holds), which GEOS cannot work with, or beyond
    ///   `Geometry.coordinateLimit`, on which it can spin for minutes.
    public static func make(_ shape: Shape) throws -> Geometry? {
        let limit = Geometry.coordinateLimit
        if let bad = shape.x.indices.first(where: { !(shape.x[$0].magnitude <= limit) || !(shape.y.indices.contains($0) && shape.y[$0].magnitude <= limit) }) {
            let y = shape.y.indices.contains(bad) ? shape.y[bad] : .nan
            let reason = shape.x[bad].isFinite && y.isFinite ? "is beyond ±1e15, which no coordinate system reaches" : "is not a finite number"
            throw Problem(message: "vertex \(bad) has a coordinate that \(reason) (\(shape.x[bad]), \(shape.y.indices.contains(bad) ? String(y) : "none"))")
        }
        switch shape.type {
        case .null:
            return nil
        case .point, .pointZ, .pointM:
            guard let x = shape.x.first, let y = shape.y.first else { return nil }
            return Geometry.point(x: x, y: y)
        case .multiPoint, .multiPointZ, .multiPointM:
            if shape.x.isEmpty { return nil }
            return try Geometry.collection(.multiPoint, zip(shape.x, shape.y).map { Geometry.point(x: $0, y: $1) })
        case .polyLine, .polyLineZ, .polyLineM:
            let lines = try parts(shape).map { part -> Geometry in
                guard part.count >= 2 else { throw Problem(message: "a line part has \(part.count) vertex; a line needs 2 or more") }
                return try Geometry.lineString(part)
            }
            if lines.isEmpty { return nil }
            return lines.count == 1 ? lines[0] : try Geometry.collection(.multiLineString, lines)
        case .polygon, .polygonZ, .polygonM:
            return try polygon(rings: parts(shape))
        case .multiPatch:
            throw Problem(message: "MultiPatch (3D surface) records are not supported; convert them to polygons in a 3D GIS first")
        }
    }

    /// The geometry of a record seen in place in the mapped .shp (`ShapeRecords.withView`),
    /// built with no per-vertex arrays: a one-ring polygon or one-part line goes from the
    /// record's bytes through `xy` (a buffer the caller keeps between records) into GEOS in one
    /// copy; a polygon of several rings is nested as `make(_:)` nests it. Returns nil (the
    /// outer optional) for a record this path leaves to `make(_:)`: a coordinate that is not
    /// finite or is beyond the limit, a ring too short or not closed, a line of several parts,
    /// so that every problem is reported by one path, in one wording. The geometry is the one
    /// `make(_:)` builds from the same record.
    ///
    /// ```swift
    /// var xy: [Double] = []
    /// let built = try ShapeRecords(dataset)?.withView(at: 0) { try ShapeGeometry.make($0, xy: &xy) }
    /// // nil: no view; .some(nil): left to make(_:); .some(.some(geometry)): built
    /// ```
    public static func make(_ view: ShapeRecordView, xy: inout [Double]) throws -> Geometry?? {
        let limit = Geometry.coordinateLimit
        for vertex in 0..<view.pointCount where !(view.x(vertex).magnitude <= limit && view.y(vertex).magnitude <= limit) {
            return .none
        }
        switch view.type {
        case .polygon:
            for part in 0..<view.partCount {
                let start = view.partStart(part), end = view.partEnd(part)
                guard end - start >= 4, view.x(start) == view.x(end - 1), view.y(start) == view.y(end - 1) else { return .none }
            }
            if view.partCount == 1 {
                view.copy(0..<view.pointCount, into: &xy)
                return .some(try xy.withUnsafeBufferPointer { try Geometry.polygon(shellXY: $0, provingSimple: true) })
            }
            let rings = (0..<view.partCount).map { part in
                (view.partStart(part)..<view.partEnd(part)).map { Coordinate(x: view.x($0), y: view.y($0)) }
            }
            return .some(try polygon(rings: rings))
        case .polyLine where view.partCount == 1 && view.pointCount >= 2:
            view.copy(0..<view.pointCount, into: &xy)
            return .some(try xy.withUnsafeBufferPointer { try Geometry.lineString(xy: $0) })
        default:
            return .none
        }
    }

    /// The vertices of each part, in order.
    static func parts(_ shape: Shape) -> [[Coordinate]] {
        let starts = shape.partStarts.map(Int.init).filter { $0 < shape.x.count }
        let ends = Array(starts.dropFirst()) + [shape.x.count]
        return zip(starts, ends).map { start, end in
            (start..<end).map { Coordinate(x: shape.x[$0], y: shape.y[$0]) }
        }
    }

    static func polygon(rings: [[Coordinate]]) throws -> Geometry? {
        if rings.isEmpty { return nil }
        for ring in rings where ring.count < 4 || ring.first != ring.last {
            throw Problem(message: ring.count < 4
                ? "a ring has \(ring.count) vertices; a closed ring needs 4 or more"
                : "a ring is not closed: it starts at \(ring.first!) and ends at \(ring.last!)")
        }
        if rings.count == 1 { return try Geometry.polygon(shell: rings[0]) }

        let nesting = try nesting(rings)
        let (order, parent, depth) = (nesting.order, nesting.parent, nesting.depth)
        // Each shell's holes, largest first, gathered in one pass (not a pass per shell).
        var holes = [[[Coordinate]]](repeating: [], count: rings.count)
        for ring in order where depth[ring] % 2 == 1 {
            if let shell = parent[ring] { holes[shell].append(rings[ring]) }
        }
        let shells = rings.indices.filter { depth[$0] % 2 == 0 }  // in file order
        let polygons = try shells.map { shell in
            try Geometry.polygon(shell: rings[shell], holes: holes[shell])
        }
        return polygons.count == 1 ? polygons[0] : try Geometry.collection(.multiPolygon, polygons)
    }

    /// How the rings of a polygon record nest.
    struct Nesting {
        /// Ring positions, largest area first.
        var order: [Int]
        /// Each ring's innermost container, nil for an outermost ring.
        var parent: [Int?]
        /// How many rings contain each ring.
        var depth: [Int]
        /// Candidate containers whose bounding boxes were compared with a ring's probe point:
        /// the work done, which a test keeps near-linear.
        var boxesCompared = 0
    }

    /// Each ring's containers are looked for among the rings whose bounding boxes hold its
    /// probe point, found through a packed R-tree of the boxes (`RingBoxes`), and tried from
    /// the smallest: the same rings in the same order as trying every larger ring (which was
    /// quadratic: 40,000 parts took 54 s), so the same nesting.
    static func nesting(_ rings: [[Coordinate]]) throws -> Nesting {
        // Each ring as a polygon of its own, largest first, so a ring's containers come before it.
        let areas = try rings.map { try Geometry.polygon(shell: $0) }
        let area = areas.map(\.area)
        let order = rings.indices.sorted { area[$0] > area[$1] }
        var rank = [Int](repeating: 0, count: rings.count)
        for (position, ring) in order.enumerated() { rank[ring] = position }
        let boxes = RingBoxes(areas.map(\.bounds))
        var parent = [Int?](repeating: nil, count: rings.count)
        var depth = [Int](repeating: 0, count: rings.count)
        var prepared: [Int: PreparedGeometry] = [:]
        var boxesCompared = 0
        for (position, ring) in order.enumerated() {
            guard let inside = try areas[ring].pointOnSurface().bounds else { continue }
            let probe = Geometry.point(x: inside.minX, y: inside.minY)
            // The innermost container is the smallest earlier ring that contains the probe.
            var candidates: [Int] = []
            boxesCompared += boxes.holding(x: inside.minX, y: inside.minY) { candidate in
                if rank[candidate] < position { candidates.append(candidate) }
            }
            candidates.sort { rank[$0] > rank[$1] }
            for candidate in candidates {
                let container = try prepared[candidate] ?? PreparedGeometry(areas[candidate])
                prepared[candidate] = container
                if try container.contains(probe) {
                    parent[ring] = candidate
                    depth[ring] = depth[candidate] + 1
                    break
                }
            }
        }
        return Nesting(order: order, parent: parent, depth: depth, boxesCompared: boxesCompared)
    }
}

/// The bounding boxes of a record's rings in a static packed R-tree (sort-tile-recursive,
/// 16 boxes a node): finds the boxes holding a point without comparing it with them all.
struct RingBoxes {
    private static let fanout = 16
    /// Level 0: the rings' boxes in packed order; each further level: one box per node of
    /// `fanout` consecutive boxes of the level below.
    private var levels: [[Bounds]] = []
    /// The ring of each level-0 box.
    private var rings: [Int] = []

    init(_ boxes: [Bounds?]) {
        let present = boxes.indices.filter { boxes[$0] != nil }
        let centre = { (i: Int) -> (Double, Double) in
            let b = boxes[i]!
            return ((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
        }
        // Slices by x, each sorted by y.
        let leaves = (present.count + Self.fanout - 1) / Self.fanout
        let slices = max(1, Int(Double(leaves).squareRoot().rounded(.up)))
        let perSlice = slices * Self.fanout
        let byX = present.sorted { centre($0).0 < centre($1).0 }
        rings = stride(from: 0, to: byX.count, by: perSlice).flatMap { start in
            byX[start..<min(start + perSlice, byX.count)].sorted { centre($0).1 < centre($1).1 }
        }
        var level = rings.map { boxes[$0]! }
        levels = [level]
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: Self.fanout).map { start in
                level[start..<min(start + Self.fanout, level.count)].dropFirst().reduce(level[start]) { a, b in
                    Bounds(minX: min(a.minX, b.minX), minY: min(a.minY, b.minY), maxX: max(a.maxX, b.maxX), maxY: max(a.maxY, b.maxY))
                }
            }
            levels.append(level)
        }
    }

    /// Calls `body` with each ring whose box holds (x, y), edges included; returns how many
    /// boxes were compared.
    @discardableResult
    func holding(x: Double, y: Double, _ body: (Int) -> Void) -> Int {
        guard let top = levels.last else { return 0 }
        var compared = 0
        func visit(_ level: Int, _ range: Range<Int>) {
            for node in range {
                compared += 1
                let box = levels[level][node]
                guard box.minX <= x, x <= box.maxX, box.minY <= y, y <= box.maxY else { continue }
                if level == 0 {
                    body(rings[node])
                } else {
                    visit(level - 1, node * Self.fanout..<min((node + 1) * Self.fanout, levels[level - 1].count))
                }
            }
        }
        visit(levels.count - 1, 0..<top.count)
        return compared
    }
}

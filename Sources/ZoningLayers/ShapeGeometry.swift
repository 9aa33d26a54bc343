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
        let shells = rings.indices.filter { depth[$0] % 2 == 0 }  // in file order
        let polygons = try shells.map { shell in
            let holes = order.filter { depth[$0] % 2 == 1 && parent[$0] == shell }.map { rings[$0] }
            return try Geometry.polygon(shell: rings[shell], holes: holes)
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

    static func nesting(_ rings: [[Coordinate]]) throws -> Nesting {
        // Each ring as a polygon of its own, largest first, so a ring's containers come before it.
        let areas = try rings.map { try Geometry.polygon(shell: $0) }
        let order = rings.indices.sorted { areas[$0].area > areas[$1].area }
        var parent = [Int?](repeating: nil, count: rings.count)
        var depth = [Int](repeating: 0, count: rings.count)
        var prepared: [Int: PreparedGeometry] = [:]
        var boxesCompared = 0
        for (rank, ring) in order.enumerated() {
            guard let inside = try areas[ring].pointOnSurface().bounds else { continue }
            let probe = Geometry.point(x: inside.minX, y: inside.minY)
            // The innermost container is the smallest earlier ring that contains the probe.
            for candidate in order[..<rank].reversed() {
                boxesCompared += 1
                guard let box = areas[candidate].bounds,
                    box.minX <= inside.minX, inside.minX <= box.maxX, box.minY <= inside.minY, inside.minY <= box.maxY
                else { continue }
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

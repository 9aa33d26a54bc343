import ZoningGeometry
import ZoningSupport

/// The bounding boxes and shell vertices (`Geometry.appendShellVertices`) of a list of
/// geometries, read out of GEOS once on every core, for cheap distance bounds that decide most
/// of the exact tests of built-up regions and coverage without GEOS (docs/METHOD.md §3, §5).
///
/// Bounds are only used where they decide for certain: a box distance above the limit rejects,
/// a vertex pair clearly within it accepts (a relative margin of 10⁻⁶ keeps rounding out of
/// it); anything closer to the limit goes to GEOS, so results are GEOS's. Units: the CRS's.
///
/// ```swift
/// let outlines = try ShapeOutlines(geometries)
/// try outlines.isWithinDistance(0, 1, 100, geometries)   // true: as GEOS says, mostly without it
/// ```
struct ShapeOutlines: Sendable {
    /// Each geometry's bounding box; nil for an empty one.
    let bounds: [Bounds?]
    /// Shell vertices, x, y pairs; geometry k's are vertices `start[k]..<start[k + 1]`.
    private let xy: [Double]
    private let start: [Int]

    /// How much clearer than the limit a bound must be to decide without GEOS (relative).
    static let margin = 1e-6

    init(_ geometries: [Geometry]) throws {
        let size = max(2048, geometries.count / (Parallel.threads * 4) + 1)
        let chunks = stride(from: 0, to: geometries.count, by: size).map { $0..<min($0 + size, geometries.count) }
        let parts = try Parallel.map(chunks) { chunk -> (bounds: [Bounds?], xy: [Double], counts: [Int]) in
            var xy: [Double] = [], counts: [Int] = []
            xy.reserveCapacity(chunk.count * 32)
            counts.reserveCapacity(chunk.count)
            let bounds = try chunk.map { k -> Bounds? in
                counts.append(try geometries[k].appendShellVertices(to: &xy))
                return geometries[k].bounds
            }
            return (bounds, xy, counts)
        }
        var start = [0], xy: [Double] = []
        start.reserveCapacity(geometries.count + 1)
        xy.reserveCapacity(parts.reduce(0) { $0 + $1.xy.count })
        for part in parts {
            xy += part.xy
            for count in part.counts { start.append(start[start.count - 1] + count) }
        }
        self.bounds = parts.flatMap(\.bounds)
        self.xy = xy
        self.start = start
    }

    /// Whether geometries `i` and `j` are at most `distance` apart — GEOS's
    /// `isWithinDistance`, decided here when the boxes are too far apart or two vertices clearly
    /// close enough.
    func isWithinDistance(_ i: Int, _ j: Int, _ distance: Double, _ geometries: [Geometry]) throws -> Bool {
        if distance >= 0, distance.isFinite, let a = bounds[i], let b = bounds[j] {  // else GEOS's error
            let limit = distance * distance
            if a.distanceSquared(to: b) > limit * (1 + Self.margin) { return false }
            if verticesWithin(i, j, limit * (1 - Self.margin), near: b.expanded(by: distance)) { return true }
        }
        return try geometries[i].isWithinDistance(distance, of: geometries[j])
    }

    /// Whether a vertex of `i` inside `near` and a vertex of `j` are at most √`limitSquared` apart.
    func verticesWithin(_ i: Int, _ j: Int, _ limitSquared: Double, near: Bounds) -> Bool {
        xy.withUnsafeBufferPointer { xy in
            for p in start[i]..<start[i + 1] {
                let (x, y) = (xy[2 * p], xy[2 * p + 1])
                guard x >= near.minX, x <= near.maxX, y >= near.minY, y <= near.maxY else { continue }
                for q in start[j]..<start[j + 1] {
                    let dx = x - xy[2 * q], dy = y - xy[2 * q + 1]
                    if dx * dx + dy * dy <= limitSquared { return true }
                }
            }
            return false
        }
    }

    /// The squared distances from (x, y) to geometry `i`'s nearest and farthest shell vertices
    /// (nil without vertices): the first bounds its distance to the point from above, the second
    /// is the radius of a disk around the point holding it.
    func vertexDistancesSquared(_ i: Int, x: Double, y: Double) -> (nearest: Double, farthest: Double)? {
        guard start[i] < start[i + 1] else { return nil }
        return xy.withUnsafeBufferPointer { xy in
            var nearest = Double.infinity, farthest = 0.0
            for p in start[i]..<start[i + 1] {
                let dx = x - xy[2 * p], dy = y - xy[2 * p + 1]
                let d = dx * dx + dy * dy
                nearest = min(nearest, d)
                farthest = max(farthest, d)
            }
            return (nearest, farthest)
        }
    }
}

import Foundation
import ZoningGeometry

/// The facilities of one type, searched for each residential parcel (docs/METHOD.md §5): the
/// distance to the nearest one, and whether the parcel lies well inside one facility's circle.
///
/// Exact as GEOS: the shell vertices (`ShapeOutlines`) give an upper bound of the distance
/// (the nearest vertex), the boxes a lower bound of each facility's, and GEOS measures only the
/// facilities that could be nearer than the bound — the same measurement `SpatialIndex.nearest`
/// ends with. A parcel whose every shell vertex lies within the circle inscribed in one
/// facility's buffer polygon (radius r·cos(π/32) for 8 segments a quarter, less 1 mm) lies
/// inside the service area's interior: covered whole, as GEOS's `containsProperly` says.
///
/// ```swift
/// let near = try NearestFacility(schools, radius: 500)!
/// try near.search(parcel, k, outlines)   // (distance: 120.5, inside: true)
/// ```
struct NearestFacility {
    let points: [Geometry]
    /// GEOS's index, for the parcels the bounds cannot serve (empty ones).
    let index: SpatialIndex
    private let x: [Double], y: [Double]
    private let boxes: BoundsIndex
    private let radius: Double
    /// The squared radius of the disk inside every facility's buffer polygon, with 1 mm to spare.
    private let insideSquared: Double
    /// Beyond this search radius every facility has been found.
    private let span: Double

    /// Nil without facilities.
    init?(_ points: [Geometry], radius: Double) throws {
        guard !points.isEmpty else { return nil }
        self.points = points
        index = try SpatialIndex(points)
        let at = try points.map { $0.isEmpty ? nil : try $0.coordinates.first }
        x = at.map { $0?.x ?? .nan }
        y = at.map { $0?.y ?? .nan }
        let bounds = at.map { $0.map { Bounds(minX: $0.x, minY: $0.y, maxX: $0.x, maxY: $0.y) } }
        boxes = BoundsIndex(bounds)
        self.radius = radius
        let quarter = Double(BufferStyle.default.quadrantSegments)
        let inscribed = max(0, radius * cos(Double.pi / (4 * quarter)) - 0.001)
        insideSquared = inscribed * inscribed
        let extent = bounds.compactMap { $0 }.reduce(nil as Bounds?) { sum, box in sum.map { $0.union(box) } ?? box }
        span = extent.map { $0.width + $0.height } ?? 0
    }

    /// The distance (m) from residential parcel `k` of `outlines` (its `geometry`) to the
    /// nearest facility, and whether the parcel lies inside one facility's inscribed circle;
    /// nil when the parcel or the facilities have no vertices (then ask `index`).
    func search(_ geometry: Geometry, _ k: Int, _ outlines: ShapeOutlines) throws -> (distance: Double, inside: Bool)? {
        guard let box = outlines.bounds[k] else { return nil }
        // Facilities near the box: the first upper bound, and the only ones whose circle may
        // hold the parcel. Widen the search until one is found.
        var reach = max(radius, 1), found: [Int] = []
        while true {
            boxes.query(box.expanded(by: reach), into: &found)
            if !found.isEmpty || reach > span + box.width + box.height { break }
            reach *= 2
        }
        guard !found.isEmpty else { return nil }
        var upper = Double.infinity, inside = false
        for f in found {
            guard let d = outlines.vertexDistancesSquared(k, x: x[f], y: y[f]) else { return nil }
            upper = min(upper, d.nearest)
            if d.farthest <= insideSquared { inside = true }
        }
        // Every facility that may be nearer than the nearest vertex found, measured by GEOS.
        let limit = upper.squareRoot() * (1 + ShapeOutlines.margin) + 1e-9
        boxes.query(box.expanded(by: limit), into: &found)
        var nearest = Double.infinity
        for f in found {
            let p = Bounds(minX: x[f], minY: y[f], maxX: x[f], maxY: y[f])
            guard p.distanceSquared(to: box) <= limit * limit else { continue }
            nearest = min(nearest, try points[f].distance(to: geometry))
        }
        return nearest.isFinite ? (nearest, inside) : nil
    }
}

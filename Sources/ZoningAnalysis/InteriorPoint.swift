import ZoningGeometry

/// A parcel's interior point, computed from its rings the way GEOS's `pointOnSurface` computes
/// it (GEOS 3.11's `InteriorPointArea`), without making a GEOS point: per polygon, a horizontal
/// scan line halfway between the two vertex heights nearest the middle of its extent; the
/// widest stretch of that line inside the polygon; its midpoint. A multipolygon takes the
/// polygon with the widest stretch (the first of equal ones). Coordinates are in the rings' CRS.
///
/// The same floating-point operations in the same order give the same point as GEOS, to the
/// bit (`InteriorPointTests` compares both on irregular parcels, holes and multipolygons).
/// Where GEOS's answer would rest on an odd count of crossings (an invalid ring), the result
/// is `.undecided`, and the caller asks GEOS.
///
/// ```swift
/// let square = [(exterior: true, coordinates: [Coordinate(x: 0, y: 0), Coordinate(x: 4, y: 0),
///               Coordinate(x: 4, y: 2), Coordinate(x: 0, y: 2), Coordinate(x: 0, y: 0)])]
/// InteriorPoint.of(rings: square)  // .point((2.0, 1.0))
/// ```
enum InteriorPoint: Equatable {
    case point(Coordinate)
    /// No polygon with a point (GEOS gives `POINT EMPTY`).
    case empty
    /// The rings do not decide it; ask GEOS.
    case undecided

    /// The interior point of the polygons `rings` holds: each polygon's exterior ring, then its
    /// holes, as `Geometry.polygonRings` reads them.
    static func of(rings: [(exterior: Bool, coordinates: [Coordinate])]) -> InteriorPoint {
        var best: Coordinate?, bestWidth = -1.0
        var crossings: [Double] = []
        var start = 0
        while start < rings.count {
            var end = start + 1
            while end < rings.count, !rings[end].exterior { end += 1 }
            defer { start = end }
            let shell = rings[start].coordinates
            guard let first = shell.first else { continue }
            // The scan line: halfway between the nearest vertex heights below and above the middle.
            var loY = first.y, hiY = first.y
            for c in shell {
                loY = min(loY, c.y)
                hiY = max(hiY, c.y)
            }
            let centreY = (loY + hiY) / 2.0
            for ring in rings[start..<end] {
                for c in ring.coordinates {
                    if c.y <= centreY {
                        if c.y > loY { loY = c.y }
                    } else if c.y < hiY {
                        hiY = c.y
                    }
                }
            }
            let scanY = (hiY + loY) / 2.0
            // Where the polygon's edges cross it.
            crossings.removeAll(keepingCapacity: true)
            for ring in rings[start..<end] {
                let points = ring.coordinates
                guard points.count > 1 else { continue }
                for i in 1..<points.count {
                    let p0 = points[i - 1], p1 = points[i]
                    if p0.y > scanY && p1.y > scanY { continue }
                    if p0.y < scanY && p1.y < scanY { continue }
                    if p0.y == p1.y { continue }
                    if p0.y == scanY && p1.y < scanY { continue }
                    if p1.y == scanY && p0.y < scanY { continue }
                    if p0.x == p1.x {
                        crossings.append(p0.x)
                    } else {
                        let m = (p1.y - p0.y) / (p1.x - p0.x)
                        crossings.append(p0.x + ((scanY - p0.y) / m))
                    }
                }
            }
            guard crossings.count % 2 == 0 else { return .undecided }
            crossings.sort()
            var width = 0.0, point = first
            for i in stride(from: 0, to: crossings.count, by: 2) where crossings[i + 1] - crossings[i] > width {
                width = crossings[i + 1] - crossings[i]
                point = Coordinate(x: (crossings[i] + crossings[i + 1]) / 2.0, y: scanY)
            }
            if width > bestWidth {
                bestWidth = width
                best = point
            }
        }
        return best.map { .point($0) } ?? .empty
    }

    /// The interior point of `geometry`: from its rings for a polygon or multipolygon, from
    /// GEOS's `pointOnSurface` for anything else or when the rings do not decide; nil when empty.
    ///
    /// ```swift
    /// try InteriorPoint.of(parcel.geometry)  // the point GEOS's pointOnSurface gives
    /// ```
    static func of(_ geometry: Geometry) throws -> Coordinate? {
        let type = geometry.type
        if type == .polygon || type == .multiPolygon {
            switch of(rings: try geometry.polygonRings) {
            case .point(let point): return point
            case .empty: return nil
            case .undecided: break
            }
        }
        let point = try geometry.pointOnSurface()
        return point.isEmpty ? nil : try point.coordinates.first
    }
}

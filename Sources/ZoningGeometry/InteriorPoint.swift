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
/// var buffer = PolygonRingBuffer()
/// _ = try buffer.load(Geometry(wkt: "POLYGON((0 0, 4 0, 4 2, 0 2, 0 0))"))
/// InteriorPoint.of(buffer)  // .point((2.0, 1.0))
/// ```
public enum InteriorPoint: Equatable, Sendable {
    case point(Coordinate)
    /// No polygon with a point (GEOS gives `POINT EMPTY`).
    case empty
    /// The rings do not decide it; ask GEOS.
    case undecided

    /// The interior point of the polygons `buffer` holds: each polygon's exterior ring, then its
    /// holes (`PolygonRingBuffer`).
    public static func of(_ buffer: PolygonRingBuffer) -> InteriorPoint {
        var best: Coordinate?, bestWidth = -1.0
        var crossings: [Double] = []
        crossings.reserveCapacity(8)
        return buffer.rings.withUnsafeBufferPointer { rings in
            buffer.withXY { xy -> InteriorPoint in
                var start = 0
                while start < rings.count {
                    var end = start + 1
                    while end < rings.count, !rings[end].exterior { end += 1 }
                    let shell = rings[start], polygon = start..<end
                    start = end
                    guard shell.count > 0 else { continue }
                    let first = Coordinate(x: xy[2 * shell.start], y: xy[2 * shell.start + 1])
                    // The scan line: halfway between the nearest vertex heights below and above
                    // the middle of the polygon's extent (its exterior ring's).
                    var loY = first.y, hiY = first.y
                    for k in shell.start..<(shell.start + shell.count) {
                        let y = xy[2 * k + 1]
                        if y < loY { loY = y }
                        if y > hiY { hiY = y }
                    }
                    let centreY = (loY + hiY) / 2.0
                    let vertices = shell.start..<(rings[end - 1].start + rings[end - 1].count)
                    for k in vertices {
                        let y = xy[2 * k + 1]
                        if y <= centreY {
                            if y > loY { loY = y }
                        } else if y < hiY {
                            hiY = y
                        }
                    }
                    let scanY = (hiY + loY) / 2.0
                    // Where the polygon's edges cross it (an edge joins two vertices of one ring).
                    crossings.removeAll(keepingCapacity: true)
                    for r in polygon {
                        let ring = rings[r]
                        guard ring.count > 1 else { continue }
                        var x0 = xy[2 * ring.start], y0 = xy[2 * ring.start + 1]
                        for k in (ring.start + 1)..<(ring.start + ring.count) {
                            let x1 = xy[2 * k], y1 = xy[2 * k + 1]
                            defer { (x0, y0) = (x1, y1) }
                            if (y0 > scanY && y1 > scanY) || (y0 < scanY && y1 < scanY) || y0 == y1 { continue }
                            if (y0 == scanY && y1 < scanY) || (y1 == scanY && y0 < scanY) { continue }
                            if x0 == x1 {
                                crossings.append(x0)
                            } else {
                                let m = (y1 - y0) / (x1 - x0)
                                crossings.append(x0 + ((scanY - y0) / m))
                            }
                        }
                    }
                    guard crossings.count % 2 == 0 else { return .undecided }
                    if crossings.count > 2 {
                        crossings.sort()
                    } else if crossings.count == 2, crossings[1] < crossings[0] {
                        crossings.swapAt(0, 1)
                    }
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
        }
    }

    /// The interior point of `geometry`: from its rings for a polygon or multipolygon (read
    /// into `buffer`, kept from one call to the next), from GEOS's `pointOnSurface` for
    /// anything else or when the rings do not decide; nil when empty.
    ///
    /// ```swift
    /// var buffer = PolygonRingBuffer()
    /// try InteriorPoint.of(parcel.geometry, buffer: &buffer)  // the point GEOS's pointOnSurface gives
    /// ```
    public static func of(_ geometry: Geometry, buffer: inout PolygonRingBuffer) throws -> Coordinate? {
        if try buffer.load(geometry) {
            switch of(buffer) {
            case .point(let point): return point
            case .empty: return nil
            case .undecided: break
            }
        }
        let point = try geometry.pointOnSurface()
        return point.isEmpty ? nil : try point.coordinates.first
    }
}

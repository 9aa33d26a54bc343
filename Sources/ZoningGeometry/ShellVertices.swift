import CGEOS

extension Geometry {
    /// Appends the geometry's shell vertices to `xy` as x, y pairs (CRS units), read in place:
    /// the exterior rings' vertices of its polygons, every vertex of its points and lines.
    ///
    /// Every vertex is a point of the geometry, so the distance between two vertices bounds
    /// the distance between their geometries from above; and a polygon lies in the convex hull
    /// of its exterior ring, so a convex set (a disk) holding every shell vertex holds the
    /// polygon. Exact tests run after these cheap ones only where they cannot decide.
    ///
    /// ```swift
    /// var xy: [Double] = []
    /// try Geometry(wkt: "POLYGON((0 0, 4 0, 4 4, 0 0), (1 1, 2 1, 2 2, 1 1))").appendShellVertices(to: &xy)
    /// xy   // [0, 0, 4, 0, 4, 4, 0, 0]: the hole is left out
    /// ```
    /// - Returns: the number of vertices appended.
    @discardableResult
    public func appendShellVertices(to xy: inout [Double]) throws -> Int {
        let context = GEOSContext.current
        let h = context.handle
        let start = xy.count
        func copy(_ simple: OpaquePointer?) throws {
            _ = try Geometry.copyXY(of: simple, into: &xy, at: xy.count, context, "appendShellVertices")
        }
        func visit(_ geometry: OpaquePointer) throws {
            guard GEOSisEmpty_r(h, geometry) == 0 else { return }
            switch GeometryType(rawValue: GEOSGeomTypeId_r(h, geometry)) {
            case .polygon:
                try copy(GEOSGetExteriorRing_r(h, geometry))
            case .point, .lineString, .linearRing:
                try copy(geometry)
            default:
                for index in 0..<max(0, GEOSGetNumGeometries_r(h, geometry)) {
                    if let part = GEOSGetGeometryN_r(h, geometry, index) { try visit(part) }
                }
            }
        }
        try visit(handle)
        return (xy.count - start) / 2
    }
}

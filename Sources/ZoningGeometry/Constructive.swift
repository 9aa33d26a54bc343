import CGEOS

/// Geometries derived from one geometry.
extension Geometry {
    /// The centre of mass (of the highest-dimension parts); may lie outside a concave polygon.
    /// `POINT EMPTY` for an empty geometry.
    public func centroid() throws -> Geometry {
        try unary("centroid", GEOSGetCentroid_r)
    }

    /// A point guaranteed to lie inside the geometry (on it, for lines): the point to label a
    /// village with or to stand for it in a point-in-polygon join.
    public func pointOnSurface() throws -> Geometry {
        try unary("pointOnSurface", GEOSPointOnSurface_r)
    }

    /// The smallest convex polygon containing the geometry.
    public func convexHull() throws -> Geometry {
        try unary("convexHull", GEOSConvexHull_r)
    }

    /// The boundary: a polygon's rings as lines, a line's end points.
    public func boundary() throws -> Geometry {
        try unary("boundary", GEOSBoundary_r)
    }

    /// The bounding rectangle as a polygon (a point for a point).
    public func envelope() throws -> Geometry {
        try unary("envelope", GEOSEnvelope_r)
    }

    /// The part of the geometry inside `bounds`, computed quickly; the result may be invalid
    /// where the input was, and lines lying on the rectangle's edge may be dropped (GEOS's
    /// `ClipByRect`). Use `intersection` with `Geometry.rectangle(bounds)` for exact results.
    ///
    /// ```swift
    /// let tile = try county.clipped(to: Bounds(minX: 40_500_000, minY: 3_900_000, maxX: 40_510_000, maxY: 3_910_000))
    /// ```
    public func clipped(to bounds: Bounds) throws -> Geometry {
        let context = GEOSContext.current
        return try context.geometry(
            GEOSClipByRect_r(context.handle, handle, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY),
            "clipped")
    }

    /// The geometry in GEOS's normal form: parts and rings in a canonical order and start
    /// vertex, outer rings clockwise and holes counter-clockwise (the orientation shapefiles
    /// require). Topologically equal to `self`.
    public func normalized() throws -> Geometry {
        let context = GEOSContext.current
        let copy = try cloneHandle(context, "normalized")
        guard GEOSNormalize_r(context.handle, copy) == 0 else {
            GEOSGeom_destroy_r(context.handle, copy)
            throw GEOSError.operationFailed(operation: "normalized", message: context.takeError())
        }
        return Geometry(taking: copy, context: context)
    }

    func unary(
        _ operation: String, _ function: (GEOSContextHandle_t?, OpaquePointer?) -> OpaquePointer?
    ) throws -> Geometry {
        let context = GEOSContext.current
        return try context.geometry(function(context.handle, handle), operation)
    }
}

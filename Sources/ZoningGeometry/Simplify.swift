import CGEOS

extension Geometry {
    /// Douglas–Peucker simplification: drops vertices closer than `tolerance` (CRS units) to
    /// the simplified line. Fast, but may make polygons invalid or collapse small ones.
    ///
    /// ```swift
    /// let forMap = try county.simplified(tolerance: 50)  // 50 m in a Gauss–Krüger CRS
    /// ```
    public func simplified(tolerance: Double) throws -> Geometry {
        try checkTolerance(tolerance, "simplified")
        let context = GEOSContext.current
        return try context.geometry(GEOSSimplify_r(context.handle, handle, tolerance), "simplified")
    }

    /// Simplification that keeps topology: rings stay simple, holes stay inside, no ring
    /// collapses. Slower than `simplified`; use it for polygons that must stay valid.
    public func simplifiedPreservingTopology(tolerance: Double) throws -> Geometry {
        try checkTolerance(tolerance, "simplifiedPreservingTopology")
        let context = GEOSContext.current
        return try context.geometry(
            GEOSTopologyPreserveSimplify_r(context.handle, handle, tolerance),
            "simplifiedPreservingTopology")
    }

    /// A copy with vertices inserted so that no segment is longer than `maxSegmentLength`
    /// (CRS units); segments are split evenly. Use it before reprojecting long edges, or to
    /// make straight edges follow the ellipsoid when measuring in longitude/latitude.
    ///
    /// ```swift
    /// let fine = try county.densified(maxSegmentLength: 0.001)  // every ~100 m, in degrees
    /// ```
    public func densified(maxSegmentLength: Double) throws -> Geometry {
        guard maxSegmentLength > 0, maxSegmentLength.isFinite else {
            throw GEOSError.invalidArgument(
                operation: "densified", message: "maxSegmentLength must be > 0, got \(maxSegmentLength)")
        }
        let context = GEOSContext.current
        return try context.geometry(GEOSDensify_r(context.handle, handle, maxSegmentLength), "densified")
    }

    private func checkTolerance(_ tolerance: Double, _ operation: String) throws {
        guard tolerance >= 0, tolerance.isFinite else {
            throw GEOSError.invalidArgument(
                operation: operation, message: "tolerance must be ≥ 0, got \(tolerance)")
        }
    }
}

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

    private func checkTolerance(_ tolerance: Double, _ operation: String) throws {
        guard tolerance >= 0, tolerance.isFinite else {
            throw GEOSError.invalidArgument(
                operation: operation, message: "tolerance must be ≥ 0, got \(tolerance)")
        }
    }
}

import CGEOS

/// Planar measurement in the units of the geometry's CRS.
///
/// These are *planar*: in a Gauss–Krüger CRS, `area` is in m² on the projection plane, up to
/// ~0.05% more than the ellipsoidal area that the land survey reports. Use the projection
/// module's geodesic area for official figures; in a geographic CRS these give degrees.
extension Geometry {
    /// Planar area in CRS units² (m² in a projected CRS); 0 for points and lines. Holes
    /// subtract; parts add.
    ///
    /// ```swift
    /// try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))").area  // 100.0
    /// ```
    public var area: Double {
        var value = 0.0
        // GEOSArea_r cannot fail for a well-formed GEOS geometry.
        return GEOSArea_r(GEOSContext.currentHandle, handle, &value) == 1 ? value : .nan
    }

    /// Planar length in CRS units (m in a projected CRS): line length, or polygon perimeter
    /// including holes.
    public var length: Double {
        var value = 0.0
        return GEOSLength_r(GEOSContext.currentHandle, handle, &value) == 1 ? value : .nan
    }

    /// The shortest planar distance between the geometries, in CRS units; 0 when they
    /// intersect.
    ///
    /// - Throws: `GEOSError.operationFailed` when either geometry is empty.
    public func distance(to other: Geometry) throws -> Double {
        if isEmpty || other.isEmpty {
            throw GEOSError.operationFailed(
                operation: "distance", message: "distance to an empty geometry is undefined")
        }
        let context = GEOSContext.current
        var value = 0.0
        try context.check(GEOSDistance_r(context.handle, handle, other.handle, &value), "distance")
        return value
    }
}

import CGEOS

/// Spatial predicates (OGC / DE-9IM semantics, as in PostGIS `ST_Intersects` etc.).
///
/// ```swift
/// let village = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
/// try village.contains(Geometry.point(x: 5, y: 5))   // true
/// try village.contains(Geometry.point(x: 10, y: 5))  // false: on the boundary
/// try village.covers(Geometry.point(x: 10, y: 5))    // true
/// ```
///
/// Each throws `GEOSError.operationFailed` when GEOS cannot evaluate it (e.g. a
/// `TopologyException` on badly invalid input).
extension Geometry {
    /// The geometries share at least one point.
    public func intersects(_ other: Geometry) throws -> Bool {
        try binary(other, "intersects", GEOSIntersects_r)
    }

    /// No point of `other` lies outside this geometry, and their interiors meet.
    public func contains(_ other: Geometry) throws -> Bool {
        try binary(other, "contains", GEOSContains_r)
    }

    /// `other` lies in the interior of this geometry, touching its boundary nowhere.
    public func containsProperly(_ other: Geometry) throws -> Bool {
        // GEOS has no direct C function; the DE-9IM pattern is the definition (JTS).
        try relate(other, pattern: "T**FF*FF*")
    }

    /// This geometry lies in `other` (the converse of `contains`).
    public func within(_ other: Geometry) throws -> Bool {
        try binary(other, "within", GEOSWithin_r)
    }

    /// No point of `other` lies outside this geometry (boundary included).
    public func covers(_ other: Geometry) throws -> Bool {
        try binary(other, "covers", GEOSCovers_r)
    }

    /// No point of this geometry lies outside `other` (the converse of `covers`).
    public func coveredBy(_ other: Geometry) throws -> Bool {
        try binary(other, "coveredBy", GEOSCoveredBy_r)
    }

    /// The geometries meet only at their boundaries.
    public func touches(_ other: Geometry) throws -> Bool {
        try binary(other, "touches", GEOSTouches_r)
    }

    /// The geometries share some interior points but neither contains the other, with an
    /// intersection of lower dimension (a road crossing a village).
    public func crosses(_ other: Geometry) throws -> Bool {
        try binary(other, "crosses", GEOSCrosses_r)
    }

    /// Same-dimension geometries that share some but not all interior points.
    public func overlaps(_ other: Geometry) throws -> Bool {
        try binary(other, "overlaps", GEOSOverlaps_r)
    }

    /// The geometries share no point.
    public func disjoint(_ other: Geometry) throws -> Bool {
        try binary(other, "disjoint", GEOSDisjoint_r)
    }

    /// Topological equality: the same point set, whatever the vertex order or start point.
    public func equals(_ other: Geometry) throws -> Bool {
        try binary(other, "equals", GEOSEquals_r)
    }

    /// Structural equality: same type, same number of vertices in the same order, each pair
    /// of vertices at most `tolerance` apart (CRS units). `tolerance: 0` is exact equality.
    ///
    /// ```swift
    /// try a.equalsExact(b, tolerance: 0.001)  // vertices agree to a millimetre (in metres)
    /// ```
    public func equalsExact(_ other: Geometry, tolerance: Double = 0) throws -> Bool {
        guard tolerance >= 0, tolerance.isFinite else {
            throw GEOSError.invalidArgument(
                operation: "equalsExact", message: "tolerance must be ≥ 0, got \(tolerance)")
        }
        return try GEOSContext.predicate(
            GEOSEqualsExact_r(GEOSContext.currentHandle, handle, other.handle, tolerance), "equalsExact")
    }

    /// The geometries come within `distance` of each other (CRS units; inclusive).
    ///
    /// Faster than `distance(to:) <= distance`: GEOS stops as soon as it knows.
    /// - Throws: `GEOSError.invalidArgument` for a negative or non-finite distance.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws -> Bool {
        guard distance >= 0, distance.isFinite else {
            throw GEOSError.invalidArgument(
                operation: "isWithinDistance", message: "distance must be ≥ 0, got \(distance)")
        }
        return try GEOSContext.predicate(
            GEOSDistanceWithin_r(GEOSContext.currentHandle, handle, other.handle, distance), "isWithinDistance")
    }

    private func binary(
        _ other: Geometry, _ operation: String,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar
    ) throws -> Bool {
        try GEOSContext.predicate(function(GEOSContext.currentHandle, handle, other.handle), operation)
    }
}

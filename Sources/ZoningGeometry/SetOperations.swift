import CGEOS

/// Overlay of two geometries.
///
/// Each takes an optional `gridSize` (CRS units): when given, GEOS's snap-rounding overlay
/// rounds every result vertex to that grid, which never fails on noded or nearly coincident
/// input. Survey data delivered to 0.0001 m takes `gridSize: 0.0001` well. Without it, GEOS
/// uses full precision and falls back to snapping only when the exact overlay fails.
///
/// ```swift
/// let overlap = try parcel.intersection(serviceArea)
/// overlap.area / parcel.area   // share of the parcel covered
/// ```
extension Geometry {
    /// The points in both geometries.
    public func intersection(_ other: Geometry, gridSize: Double? = nil) throws -> Geometry {
        try overlay(other, gridSize, "intersection", GEOSIntersection_r, GEOSIntersectionPrec_r)
    }

    /// The points in either geometry.
    public func union(_ other: Geometry, gridSize: Double? = nil) throws -> Geometry {
        try overlay(other, gridSize, "union", GEOSUnion_r, GEOSUnionPrec_r)
    }

    /// The points of this geometry not in `other`.
    public func difference(_ other: Geometry, gridSize: Double? = nil) throws -> Geometry {
        try overlay(other, gridSize, "difference", GEOSDifference_r, GEOSDifferencePrec_r)
    }

    /// The points in exactly one of the geometries.
    public func symmetricDifference(_ other: Geometry, gridSize: Double? = nil) throws -> Geometry {
        try overlay(other, gridSize, "symmetricDifference", GEOSSymDifference_r, GEOSSymDifferencePrec_r)
    }

    private func overlay(
        _ other: Geometry, _ gridSize: Double?, _ operation: String,
        _ exact: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> OpaquePointer?,
        _ snapped: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?, Double) -> OpaquePointer?
    ) throws -> Geometry {
        let context = GEOSContext.current
        guard let gridSize else {
            return try context.geometry(exact(context.handle, handle, other.handle), operation)
        }
        try Self.checkGridSize(gridSize, operation)
        return try context.geometry(snapped(context.handle, handle, other.handle, gridSize), operation)
    }

    static func checkGridSize(_ gridSize: Double, _ operation: String) throws {
        guard gridSize > 0, gridSize.isFinite else {
            throw GEOSError.invalidArgument(
                operation: operation, message: "gridSize must be > 0, got \(gridSize)")
        }
    }
}

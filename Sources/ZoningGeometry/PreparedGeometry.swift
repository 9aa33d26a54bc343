import CGEOS

/// A geometry indexed for many predicate tests against it, e.g. one township tested against
/// every parcel. The first test builds the index; later tests are typically 10–100× faster
/// than the plain predicates on large polygons.
///
/// ```swift
/// let township = try PreparedGeometry(townshipBoundary)
/// let inside = try parcels.filter { try township.contains($0) }
/// ```
///
/// # Threads
/// Not `Sendable`: GEOS fills the index lazily, so a prepared geometry must stay in the task
/// that made it. Prepare one per task from the shared (Sendable) `Geometry` instead.
public final class PreparedGeometry {
    /// The geometry that was prepared (kept alive as long as the preparation).
    public let geometry: Geometry
    @usableFromInline let prepared: OpaquePointer

    /// Prepares `geometry` for repeated predicates.
    public init(_ geometry: Geometry) throws {
        let context = GEOSContext.current
        guard let prepared = GEOSPrepare_r(context.handle, geometry.handle) else {
            throw GEOSError.operationFailed(operation: "prepare", message: context.takeError())
        }
        self.geometry = geometry
        self.prepared = prepared
    }

    deinit {
        GEOSPreparedGeom_destroy_r(GEOSContext.currentHandle, prepared)
    }

    /// See `Geometry.intersects(_:)`.
    public func intersects(_ other: Geometry) throws -> Bool {
        try test(other, "intersects", GEOSPreparedIntersects_r)
    }

    /// See `Geometry.contains(_:)`.
    public func contains(_ other: Geometry) throws -> Bool {
        try test(other, "contains", GEOSPreparedContains_r)
    }

    /// See `Geometry.containsProperly(_:)`.
    public func containsProperly(_ other: Geometry) throws -> Bool {
        try test(other, "containsProperly", GEOSPreparedContainsProperly_r)
    }

    /// See `Geometry.within(_:)`.
    public func within(_ other: Geometry) throws -> Bool {
        try test(other, "within", GEOSPreparedWithin_r)
    }

    /// See `Geometry.covers(_:)`.
    public func covers(_ other: Geometry) throws -> Bool {
        try test(other, "covers", GEOSPreparedCovers_r)
    }

    /// See `Geometry.coveredBy(_:)`.
    public func coveredBy(_ other: Geometry) throws -> Bool {
        try test(other, "coveredBy", GEOSPreparedCoveredBy_r)
    }

    /// See `Geometry.touches(_:)`.
    public func touches(_ other: Geometry) throws -> Bool {
        try test(other, "touches", GEOSPreparedTouches_r)
    }

    /// See `Geometry.crosses(_:)`.
    public func crosses(_ other: Geometry) throws -> Bool {
        try test(other, "crosses", GEOSPreparedCrosses_r)
    }

    /// See `Geometry.overlaps(_:)`.
    public func overlaps(_ other: Geometry) throws -> Bool {
        try test(other, "overlaps", GEOSPreparedOverlaps_r)
    }

    /// See `Geometry.disjoint(_:)`.
    public func disjoint(_ other: Geometry) throws -> Bool {
        try test(other, "disjoint", GEOSPreparedDisjoint_r)
    }

    /// See `Geometry.isWithinDistance(_:of:)`; `distance` in CRS units.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws -> Bool {
        guard distance >= 0, distance.isFinite else {
            throw GEOSError.invalidArgument(
                operation: "isWithinDistance", message: "distance must be ≥ 0, got \(distance)")
        }
        return try GEOSContext.predicate(
            GEOSPreparedDistanceWithin_r(GEOSContext.currentHandle, prepared, other.handle, distance),
            "isWithinDistance")
    }

    /// Evaluates `predicate` with this geometry on the left: `predicate(self, other)`.
    public func evaluate(_ predicate: SpatialPredicate, _ other: Geometry) throws -> Bool {
        switch predicate {
        case .intersects: try intersects(other)
        case .contains: try contains(other)
        case .containsProperly: try containsProperly(other)
        case .within: try within(other)
        case .covers: try covers(other)
        case .coveredBy: try coveredBy(other)
        case .touches: try touches(other)
        case .crosses: try crosses(other)
        case .overlaps: try overlaps(other)
        case .withinDistance(let distance): try isWithinDistance(distance, of: other)
        }
    }

    private func test(
        _ other: Geometry, _ operation: String,
        _ function: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar
    ) throws -> Bool {
        try GEOSContext.predicate(function(GEOSContext.currentHandle, prepared, other.handle), operation)
    }
}

@available(*, unavailable, message: "GEOS builds a prepared geometry's index lazily; prepare one per task")
extension PreparedGeometry: Sendable {}

/// A spatial predicate as a value, for queries that take one (`SpatialIndex.query`).
/// The query geometry is always the left operand: `.contains` finds what the query contains.
public enum SpatialPredicate: Sendable, Hashable {
    case intersects, contains, containsProperly, within, covers, coveredBy
    case touches, crosses, overlaps
    /// Within `distance` CRS units (inclusive).
    case withinDistance(Double)
}

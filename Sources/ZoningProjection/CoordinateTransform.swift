import CPROJ
import ZoningGeometry
import ZoningSupport

/// Moves coordinates from one CRS to another, with x always east (longitude) and y north
/// (latitude), whatever axis order the EPSG definitions give.
///
/// ```swift
/// let toZone40 = try CoordinateTransform(from: CoordinateReferenceSystem("EPSG:4490"),
///                                        to: CoordinateReferenceSystem("EPSG:4528"))
/// try toZone40.apply(Coordinate(x: 120, y: 36))   // (40 500 000.0, 3 986 …)
/// let projected = try toZone40.apply(to: villageOutline)
/// let back = try toZone40.inverse().apply(to: projected)
/// ```
///
/// GCJ-02 and BD-09 (`WebMapDatum`) may stand on either side: zoning removes or adds the
/// web-map offset itself and lets PROJ do the rest from WGS 84.
///
/// # Threads
/// Not `Sendable`: it holds a PROJ operation. Each call first attaches the operation to the
/// calling thread's PROJ context, so a task may use it across suspension points, but it must
/// stay in one task. Make one per task.
public final class CoordinateTransform {
    public let source: CoordinateReferenceSystem
    public let target: CoordinateReferenceSystem
    /// The PROJ operation from `source.projDefinition` to `target.projDefinition`, normalised
    /// to east/north axis order.
    private let operation: OpaquePointer

    /// Finds PROJ's best transformation between the two systems (for CGCS2000 data, an exact
    /// projection or its inverse).
    ///
    /// - Throws: `ProjectionError.noTransformation` when PROJ has none.
    public init(from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws {
        let context = ProjectionContext.current
        guard let raw = proj_create_crs_to_crs(context.handle, source.projDefinition, target.projDefinition, nil) else {
            throw ProjectionError.noTransformation(
                from: source.shortDescription, to: target.shortDescription, message: context.takeError())
        }
        defer { proj_destroy(raw) }
        guard let normalised = proj_normalize_for_visualization(context.handle, raw) else {
            throw ProjectionError.noTransformation(
                from: source.shortDescription, to: target.shortDescription, message: context.takeError())
        }
        self.source = source
        self.target = target
        self.operation = normalised
    }

    deinit {
        proj_destroy(operation)
    }

    /// This thread's transform from `source` to `target`, made on first use and kept for the
    /// thread's life: PROJ takes milliseconds (tens of millions of instructions, mostly
    /// database lookups) to find a transformation, which areas and lengths measured one
    /// geometry at a time paid on every call. Use it on the calling thread only.
    ///
    /// ```swift
    /// let toDegrees = try CoordinateTransform.onThisThread(from: zone40, to: zone40.geographic())
    /// ```
    public static func onThisThread(from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws -> CoordinateTransform {
        let cache = made.value
        let key = source.definition + "\u{0}" + target.definition
        if let known = cache.byKey[key] { return known }
        let transform = try CoordinateTransform(from: source, to: target)
        if cache.byKey.count >= 64 { cache.byKey.removeAll() }
        cache.byKey[key] = transform
        return transform
    }

    /// Each thread's transforms, by their systems' definitions.
    private final class Made {
        var byKey: [String: CoordinateTransform] = [:]
    }

    private static let made = ThreadLocal { Made() }

    /// The transformation back, from `target` to `source`.
    public func inverse() throws -> CoordinateTransform {
        try CoordinateTransform(from: target, to: source)
    }

    /// One coordinate.
    /// - Throws: `ProjectionError.transformFailed` naming the point when it cannot be moved.
    public func apply(_ coordinate: Coordinate) throws -> Coordinate {
        let context = attach()
        var x = coordinate.x, y = coordinate.y
        try move(&x, &y, context)
        return Coordinate(x: x, y: y)
    }

    /// Many coordinates at once, in place, in one PROJ call (`proj_trans_generic`).
    ///
    /// - Throws: `ProjectionError.transformFailed` naming the first point that cannot be moved;
    ///   the arrays are then left unchanged.
    public func apply(x: inout [Double], y: inout [Double]) throws {
        precondition(x.count == y.count, "x and y must have the same number of values")
        let context = attach()
        let originalX = x, originalY = y
        if let datum = source.webMapDatum {
            for i in x.indices { (x[i], y[i]) = datum.toWGS84(longitude: x[i], latitude: y[i]) }
        }
        let count = x.count
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                _ = proj_trans_generic(
                    operation, PJ_FWD,
                    xs.baseAddress, MemoryLayout<Double>.stride, count,
                    ys.baseAddress, MemoryLayout<Double>.stride, count,
                    nil, 0, 0, nil, 0, 0)
            }
        }
        if let bad = x.indices.first(where: { !x[$0].isFinite || !y[$0].isFinite }) {
            let message = failureMessage(context)
            x = originalX
            y = originalY
            throw failure(originalX[bad], originalY[bad], message)
        }
        if let datum = target.webMapDatum {
            for i in x.indices { (x[i], y[i]) = datum.fromWGS84(longitude: x[i], latitude: y[i]) }
        }
    }

    /// A whole geometry: every vertex is moved inside GEOS (`Geometry.mapXY`). Edges stay
    /// straight in the target CRS; densify long edges first where that matters.
    ///
    /// - Throws: `ProjectionError.transformFailed` naming the first vertex that cannot be moved.
    public func apply(to geometry: Geometry) throws -> Geometry {
        let context = attach()
        return try geometry.mapXY { x, y in try move(&x, &y, context) }
    }

    // MARK: Internals

    /// Binds the PROJ operation to the calling thread's context and returns that context.
    private func attach() -> ProjectionContext {
        let context = ProjectionContext.current
        proj_assign_context(operation, context.handle)
        return context
    }

    private func move(_ x: inout Double, _ y: inout Double, _ context: ProjectionContext) throws {
        let originalX = x, originalY = y
        if let datum = source.webMapDatum { (x, y) = datum.toWGS84(longitude: x, latitude: y) }
        let moved = proj_trans(operation, PJ_FWD, proj_coord(x, y, 0, .infinity))
        guard moved.xy.x.isFinite, moved.xy.y.isFinite else {
            throw failure(originalX, originalY, failureMessage(context))
        }
        x = moved.xy.x
        y = moved.xy.y
        if let datum = target.webMapDatum { (x, y) = datum.fromWGS84(longitude: x, latitude: y) }
    }

    private func failureMessage(_ context: ProjectionContext) -> String {
        let code = proj_errno(operation)
        defer { proj_errno_reset(operation) }
        if code != 0, let text = proj_context_errno_string(context.handle, code) {
            _ = context.takeError()
            return String(cString: text)
        }
        return context.takeError()
    }

    private func failure(_ x: Double, _ y: Double, _ message: String) -> ProjectionError {
        .transformFailed(x: x, y: y, from: source.shortDescription, to: target.shortDescription, message: message)
    }
}

@available(*, unavailable, message: "a PROJ operation must stay in one task; make one per task")
extension CoordinateTransform: Sendable {}

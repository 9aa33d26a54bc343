import CGEOS

/// A geometry held by GEOS: points, lines, polygons and their collections.
///
/// Coordinates stay inside GEOS; every operation is a direct call on the handle, and
/// coordinates are copied out only when asked for (`coordinates`).
///
/// ```swift
/// let field = try Geometry(wkt: "POLYGON((0 0, 100 0, 100 50, 0 50, 0 0))")
/// field.area                                   // 5000.0 (CRS units², here m²)
/// try field.buffer(10).area                    // ≈ 5000 + 300·10 + π·10²
/// try field.contains(Geometry.point(x: 5, y: 5)) // true
/// ```
///
/// # Threads
/// A `Geometry` is immutable once made and is `Sendable`: it may be passed between tasks and
/// read from several threads at once. Every call uses the calling thread's own GEOS context.
/// (GEOS 3.11 fills a geometry's envelope cache on first use; the initialiser fills it for
/// every component before the geometry can escape, so concurrent reads never race on it.)
/// `PreparedGeometry` and `SpatialIndex` build internal caches lazily and are *not*
/// `Sendable`: keep each inside the task that made it.
public final class Geometry: @unchecked Sendable {
    // @unchecked: the handle is never mutated after `init`; see "Threads" above.
    @usableFromInline let handle: OpaquePointer
    /// For a polygon of one ring built by `polygon(shellXY:provingSimple:)`: whether
    /// `SimpleRing` proved the ring simple as it was built. Nil when nobody looked.
    let provedSimple: Bool?

    /// Takes ownership of a GEOS geometry: it is destroyed with this object.
    init(taking handle: OpaquePointer, context: GEOSContext, provedSimple: Bool? = nil) {
        self.handle = handle
        self.provedSimple = provedSimple
        Geometry.fillEnvelopeCaches(handle, context.handle)
    }

    deinit {
        GEOSGeom_destroy_r(GEOSContext.currentHandle, handle)
    }

    /// Computes the cached envelope of the geometry and of every part and ring, so that later
    /// reads from several threads find it filled instead of racing to fill it.
    private static func fillEnvelopeCaches(_ g: OpaquePointer, _ h: GEOSContextHandle_t) {
        var value = 0.0
        switch GEOSGeomTypeId_r(h, g) {
        case GeometryType.polygon.rawValue:
            _ = GEOSGeom_getXMin_r(h, g, &value)  // fills the polygon's and its shell's
            let holes = GEOSGetNumInteriorRings_r(h, g)
            if holes > 0 {
                for index in 0..<holes {
                    if let ring = GEOSGetInteriorRingN_r(h, g, index) {
                        _ = GEOSGeom_getXMin_r(h, ring, &value)
                    }
                }
            }
        case GeometryType.multiPoint.rawValue, GeometryType.multiLineString.rawValue,
            GeometryType.multiPolygon.rawValue, GeometryType.geometryCollection.rawValue:
            let count = GEOSGetNumGeometries_r(h, g)
            if count > 0 {
                for index in 0..<count {
                    if let part = GEOSGetGeometryN_r(h, g, index) {
                        fillEnvelopeCaches(part, h)
                    }
                }
            }
            _ = GEOSGeom_getXMin_r(h, g, &value)
        default:
            _ = GEOSGeom_getXMin_r(h, g, &value)
        }
        // Empty geometries make GEOSGeom_getXMin_r return 0 without a message; nothing to clear.
    }

    /// An independent deep copy, owned by the caller (for handing to GEOS calls that take
    /// ownership).
    func cloneHandle(_ context: GEOSContext, _ operation: String) throws -> OpaquePointer {
        guard let copy = GEOSGeom_clone_r(context.handle, handle) else {
            throw GEOSError.operationFailed(operation: operation, message: context.takeError())
        }
        return copy
    }

    // MARK: Type and size

    /// The geometry's type, e.g. `.multiPolygon`.
    public var type: GeometryType {
        // GEOS 3.11 knows exactly the eight types of `GeometryType`.
        GeometryType(rawValue: GEOSGeomTypeId_r(GEOSContext.currentHandle, handle))
            ?? .geometryCollection
    }

    /// True when the geometry has no points (e.g. `POLYGON EMPTY`).
    public var isEmpty: Bool {
        GEOSisEmpty_r(GEOSContext.currentHandle, handle) == 1
    }

    /// The number of vertices in all parts and rings (closing vertices included).
    public var numberOfPoints: Int {
        Int(GEOSGetNumCoordinates_r(GEOSContext.currentHandle, handle))
    }

    /// The number of parts: the member count of a multi-geometry or collection, 1 otherwise.
    public var numberOfParts: Int {
        Int(GEOSGetNumGeometries_r(GEOSContext.currentHandle, handle))
    }

    /// True when coordinates carry a Z value.
    public var hasZ: Bool {
        GEOSHasZ_r(GEOSContext.currentHandle, handle) == 1
    }
}

extension Geometry: CustomStringConvertible, CustomDebugStringConvertible {
    /// The WKT of the geometry, e.g. `POINT (1 2)`.
    public var description: String {
        (try? wkt()) ?? "<\(type) that GEOS could not write as WKT>"
    }

    public var debugDescription: String { "Geometry(\(description))" }
}

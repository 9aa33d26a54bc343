import CGEOS

extension Geometry {
    /// The first coordinate that is not a finite number (NaN or infinite), or nil. GEOS's own
    /// envelope skips NaN, so bounds cannot tell; and GEOS crashes on NaN in some operations
    /// (normalizing for GeoJSON). The readers of outside formats (WKB, WKT, GeoJSON) refuse
    /// such geometries with this.
    ///
    /// ```swift
    /// try Geometry(wkt: "LINESTRING (0 0, 1 1)").nonFiniteCoordinate   // nil
    /// ```
    public var nonFiniteCoordinate: Coordinate? {
        let context = GEOSContext.current
        return Self.firstBad(handle, context.handle, limit: .infinity)
    }

    /// The largest coordinate a position may have (in absolute value). No coordinate system
    /// comes near it (the Earth's circumference is 4e7 m, 4e10 mm); larger values come from
    /// damaged files, and GEOS can spin for minutes on them (`makeValid` of a ring with
    /// coordinates from 1e-310 to 1e277 — found by the WKB fuzzer).
    public static let coordinateLimit = 1e15

    /// The first coordinate that is not finite or is beyond `coordinateLimit`, or nil.
    public var unusableCoordinate: Coordinate? {
        let context = GEOSContext.current
        return Self.firstBad(handle, context.handle, limit: Self.coordinateLimit)
    }

    /// The first coordinate with x or y not within ±`limit` (NaN never is), or nil.
    private static func firstBad(_ geometry: OpaquePointer, _ h: GEOSContextHandle_t, limit: Double) -> Coordinate? {
        switch GEOSGeomTypeId_r(h, geometry) {
        case Int32(GEOS_POINT.rawValue), Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            guard let sequence = GEOSGeom_getCoordSeq_r(h, geometry) else { return nil }
            var size: UInt32 = 0
            guard GEOSCoordSeq_getSize_r(h, sequence, &size) != 0, size > 0 else { return nil }
            var xy = [Double](repeating: 0, count: Int(size) * 2)
            guard GEOSCoordSeq_copyToBuffer_r(h, sequence, &xy, 0, 0) != 0 else { return nil }
            for index in 0..<Int(size) where !(xy[2 * index].isFinite && xy[2 * index + 1].isFinite
                && xy[2 * index].magnitude <= limit && xy[2 * index + 1].magnitude <= limit) {
                return Coordinate(x: xy[2 * index], y: xy[2 * index + 1])
            }
            return nil
        case Int32(GEOS_POLYGON.rawValue):
            guard let shell = GEOSGetExteriorRing_r(h, geometry) else { return nil }
            if let bad = firstBad(shell, h, limit: limit) { return bad }
            for index in 0..<max(0, GEOSGetNumInteriorRings_r(h, geometry)) {
                if let ring = GEOSGetInteriorRingN_r(h, geometry, index), let bad = firstBad(ring, h, limit: limit) { return bad }
            }
            return nil
        default:
            for index in 0..<max(0, GEOSGetNumGeometries_r(h, geometry)) {
                if let part = GEOSGetGeometryN_r(h, geometry, index), let bad = firstBad(part, h, limit: limit) { return bad }
            }
            return nil
        }
    }

    /// Throws `GEOSError.unreadable` when a coordinate just read from `format` is not finite
    /// or is beyond `coordinateLimit`.
    func requireFiniteCoordinates(reading format: String) throws {
        if let bad = unusableCoordinate {
            let reason = bad.x.isFinite && bad.y.isFinite
                ? "a coordinate is beyond ±1e15, which no coordinate system reaches" : "a coordinate is not a finite number"
            throw GEOSError.unreadable(format: format, message: "\(reason) (\(bad.x), \(bad.y))")
        }
    }
}

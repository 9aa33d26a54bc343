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
        return Self.firstNonFinite(handle, context.handle)
    }

    private static func firstNonFinite(_ geometry: OpaquePointer, _ h: GEOSContextHandle_t) -> Coordinate? {
        switch GEOSGeomTypeId_r(h, geometry) {
        case Int32(GEOS_POINT.rawValue), Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            guard let sequence = GEOSGeom_getCoordSeq_r(h, geometry) else { return nil }
            var size: UInt32 = 0
            guard GEOSCoordSeq_getSize_r(h, sequence, &size) != 0, size > 0 else { return nil }
            var xy = [Double](repeating: 0, count: Int(size) * 2)
            guard GEOSCoordSeq_copyToBuffer_r(h, sequence, &xy, 0, 0) != 0 else { return nil }
            for index in 0..<Int(size) where !(xy[2 * index].isFinite && xy[2 * index + 1].isFinite) {
                return Coordinate(x: xy[2 * index], y: xy[2 * index + 1])
            }
            return nil
        case Int32(GEOS_POLYGON.rawValue):
            guard let shell = GEOSGetExteriorRing_r(h, geometry) else { return nil }
            if let bad = firstNonFinite(shell, h) { return bad }
            for index in 0..<max(0, GEOSGetNumInteriorRings_r(h, geometry)) {
                if let ring = GEOSGetInteriorRingN_r(h, geometry, index), let bad = firstNonFinite(ring, h) { return bad }
            }
            return nil
        default:
            for index in 0..<max(0, GEOSGetNumGeometries_r(h, geometry)) {
                if let part = GEOSGetGeometryN_r(h, geometry, index), let bad = firstNonFinite(part, h) { return bad }
            }
            return nil
        }
    }

    /// Throws `GEOSError.unreadable` when a coordinate just read from `format` is not finite.
    func requireFiniteCoordinates(reading format: String) throws {
        if let bad = nonFiniteCoordinate {
            throw GEOSError.unreadable(format: format, message: "a coordinate is not a finite number (\(bad.x), \(bad.y))")
        }
    }
}

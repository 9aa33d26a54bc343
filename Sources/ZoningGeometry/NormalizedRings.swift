import CGEOS

extension Geometry {
    /// The rings of a polygon or multipolygon in GEOS's normal form (`normalized()`: parts and
    /// holes in canonical order, each ring starting at its lowest x then y, outer rings
    /// clockwise and holes counter-clockwise, as shapefiles store them), part by part: each
    /// part's exterior ring, then its holes. Coordinates in CRS units, each ring closed.
    ///
    /// The same coordinates as `normalized().parts` → `exteriorRing`/`interiorRings` →
    /// `coordinates`, read from one normalised copy without making a geometry of each part
    /// and ring (what a writer of many polygons would otherwise pay for every record).
    ///
    /// ```swift
    /// let square = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")   // counter-clockwise
    /// try square.normalizedRings()
    /// // [[(0 0), (0 10), (10 10), (10 0), (0 0)]]: clockwise from the lowest corner
    /// ```
    /// - Throws: `GEOSError.invalidArgument` for anything but a polygon or multipolygon.
    public func normalizedRings() throws -> [[Coordinate]] {
        guard type == .polygon || type == .multiPolygon else {
            throw GEOSError.invalidArgument(operation: "normalizedRings", message: "a \(type) has no polygon rings")
        }
        let context = GEOSContext.current
        let h = context.handle
        let copy = try cloneHandle(context, "normalizedRings")
        defer { GEOSGeom_destroy_r(h, copy) }
        guard GEOSNormalize_r(h, copy) == 0 else {
            throw GEOSError.operationFailed(operation: "normalizedRings", message: context.takeError())
        }
        func coordinates(_ ring: OpaquePointer?) throws -> [Coordinate] { try Self.copiedCoordinates(of: ring, context, "normalizedRings") }
        var rings: [[Coordinate]] = []
        func addRings(of polygon: OpaquePointer?) throws {
            guard let polygon else { throw GEOSError.operationFailed(operation: "normalizedRings", message: context.takeError()) }
            rings.append(try coordinates(GEOSGetExteriorRing_r(h, polygon)))
            let holes = GEOSGetNumInteriorRings_r(h, polygon)
            guard holes >= 0 else { throw GEOSError.operationFailed(operation: "normalizedRings", message: context.takeError()) }
            for index in 0..<holes { rings.append(try coordinates(GEOSGetInteriorRingN_r(h, polygon, index))) }
        }
        if type == .polygon {
            try addRings(of: copy)
        } else {
            let parts = GEOSGetNumGeometries_r(h, copy)
            guard parts >= 0 else { throw GEOSError.operationFailed(operation: "normalizedRings", message: context.takeError()) }
            for index in 0..<parts { try addRings(of: GEOSGetGeometryN_r(h, copy, index)) }
        }
        return rings
    }
}

import CGEOS

extension Geometry {
    /// Reads a GeoJSON geometry (RFC 7946), e.g. `{"type":"Point","coordinates":[117,36]}`.
    ///
    /// A `Feature` gives its geometry and a `FeatureCollection` a `GeometryCollection` of its
    /// features' geometries; properties are ignored here (the layer readers keep them).
    /// - Throws: `GEOSError.unreadable` with GEOS's message when the text is not GeoJSON.
    public convenience init(geoJSON: String) throws {
        let context = GEOSContext.current
        let h = context.handle
        guard let reader = GEOSGeoJSONReader_create_r(h) else {
            throw GEOSError.unreadable(format: "GeoJSON", message: context.takeError())
        }
        defer { GEOSGeoJSONReader_destroy_r(h, reader) }
        guard let pointer = GEOSGeoJSONReader_readGeometry_r(h, reader, geoJSON) else {
            throw GEOSError.unreadable(format: "GeoJSON", message: context.takeError())
        }
        self.init(taking: pointer, context: context)
        try requireFiniteCoordinates(reading: "GeoJSON")
    }

    /// Writes the geometry as a GeoJSON geometry object.
    ///
    /// Polygon rings are written in RFC 7946's winding order — exterior rings
    /// counter-clockwise, holes clockwise — whatever their order in this geometry. (Collections
    /// that mix polygons with lines are written as they are, since reorienting would reverse
    /// the lines.) Coordinates are written in full precision, in the geometry's own CRS: RFC
    /// 7946 expects WGS 84 longitude/latitude, so reproject first when writing for the web.
    ///
    /// - Parameter indent: spaces per level for pretty-printing; nil writes one line.
    ///
    /// ```swift
    /// try Geometry(wkt: "POINT (117 36)").geoJSON()  // {"type":"Point","coordinates":[117.0,36.0]}
    /// ```
    public func geoJSON(indent: Int? = nil) throws -> String {
        let context = GEOSContext.current
        let h = context.handle
        guard let writer = GEOSGeoJSONWriter_create_r(h) else {
            throw GEOSError.operationFailed(operation: "GeoJSON writing", message: context.takeError())
        }
        defer { GEOSGeoJSONWriter_destroy_r(h, writer) }
        let oriented = try orientedForRFC7946()
        return try context.string(
            GEOSGeoJSONWriter_writeGeometry_r(h, writer, oriented.handle, Int32(clamping: indent ?? -1)),
            "GeoJSON writing")
    }

    /// A copy with exterior rings counter-clockwise and holes clockwise, for polygonal
    /// geometries; `self` for everything else.
    func orientedForRFC7946() throws -> Geometry {
        guard type == .polygon || type == .multiPolygon else { return self }
        // GEOS's normal form has shells clockwise and holes counter-clockwise (as shapefiles
        // want); reversing every ring of it gives the RFC 7946 orientation.
        return try normalized().unary("GeoJSON orientation", GEOSReverse_r)
    }
}

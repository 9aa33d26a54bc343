import CGEOS

extension Geometry {
    /// Reads a GeoJSON geometry (RFC 7946), e.g. `{"type":"Point","coordinates":[117,36]}`.
    ///
    /// A `Feature` gives its geometry and a `FeatureCollection` a `GeometryCollection` of its
    /// features' geometries; properties are ignored here (the layer readers keep them).
    /// An empty position or ring (`[]` inside another array, as in `[[0,0],[],[1,1]]`) is
    /// refused before GEOS reads the text: GEOS 3.11 reads the two numbers of such a position
    /// past the end of the array (a crash, found by the GeoJSON fuzzer). An empty geometry
    /// (`"coordinates":[]`) is read as one.
    ///
    /// - Throws: `GEOSError.unreadable` with GEOS's message when the text is not GeoJSON, or
    ///   naming the empty position.
    public convenience init(geoJSON: String) throws {
        if Self.holdsNestedEmptyArray(geoJSON) {
            throw GEOSError.unreadable(
                format: "GeoJSON",
                message: "an empty position or ring ([]) in \"coordinates\": each position is [x, y], each ring four positions or more")
        }
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

extension Geometry {
    /// True when `text` holds an empty array directly inside another array, outside strings:
    /// in a GeoJSON geometry, an empty position (`[[0,0],[],…]`) or an empty ring or line.
    ///
    /// ```swift
    /// Geometry.holdsNestedEmptyArray(#"{"type":"LineString","coordinates":[[0,0],[ ]]}"#)  // true
    /// Geometry.holdsNestedEmptyArray(#"{"type":"LineString","coordinates":[]}"#)         // false
    /// ```
    static func holdsNestedEmptyArray(_ text: String) -> Bool {
        var containers: [UInt8] = []
        var inString = false, escaped = false
        var emptySoFar = false  // inside an array, itself inside an array, that holds nothing yet
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "["):
                emptySoFar = containers.last == UInt8(ascii: "[")
                containers.append(byte)
            case UInt8(ascii: "]"):
                if emptySoFar { return true }
                _ = containers.popLast()
            case UInt8(ascii: "{"):
                emptySoFar = false
                containers.append(byte)
            case UInt8(ascii: "}"):
                emptySoFar = false
                _ = containers.popLast()
            case UInt8(ascii: "\""):
                emptySoFar = false
                inString = true
            default:
                emptySoFar = false
            }
        }
        return false
    }
}

import CGEOS

extension Geometry {
    /// Reads Well-Known Text, e.g. `POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))`.
    ///
    /// ```swift
    /// let p = try Geometry(wkt: "POINT (120.5 36.1)")
    /// ```
    /// - Throws: `GEOSError.unreadable` with GEOS's message when the text is not valid WKT, or
    ///   when a coordinate is not a finite number (`nan`, `inf`) or is beyond `coordinateLimit`.
    public convenience init(wkt: String) throws {
        let context = GEOSContext.current
        guard let reader = context.sharedWKTReader(),
            let pointer = GEOSWKTReader_read_r(context.handle, reader, wkt)
        else {
            throw GEOSError.unreadable(format: "WKT", message: context.takeError())
        }
        self.init(taking: pointer, context: context)
        try requireFiniteCoordinates(reading: "WKT")
    }

    /// Writes Well-Known Text.
    ///
    /// - Parameter decimals: digits after the decimal point; nil writes every significant
    ///   digit (round-trips exactly). Trailing zeros are trimmed; Z is kept when present.
    ///
    /// ```swift
    /// try Geometry(wkt: "POINT (1 2)").wkt()                   // "POINT (1 2)"
    /// try Geometry.point(x: 1/3, y: 2).wkt(decimals: 3)        // "POINT (0.333 2)"
    /// ```
    public func wkt(decimals: Int? = nil) throws -> String {
        let context = GEOSContext.current
        let h = context.handle
        guard let writer = GEOSWKTWriter_create_r(h) else {
            throw GEOSError.operationFailed(operation: "WKT writing", message: context.takeError())
        }
        defer { GEOSWKTWriter_destroy_r(h, writer) }
        GEOSWKTWriter_setTrim_r(h, writer, 1)
        GEOSWKTWriter_setOutputDimension_r(h, writer, 3)
        GEOSWKTWriter_setRoundingPrecision_r(h, writer, Int32(clamping: decimals ?? -1))
        return try context.string(GEOSWKTWriter_write_r(h, writer, handle), "WKT writing")
    }
}

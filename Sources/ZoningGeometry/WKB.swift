import CGEOS

extension Geometry {
    /// Reads Well-Known Binary (ISO or PostGIS extended flavour, either byte order).
    ///
    /// ```swift
    /// let copy = try Geometry(wkb: original.wkb())
    /// ```
    /// - Throws: `GEOSError.unreadable` when the bytes are not valid WKB, or hold a coordinate
    ///   that is not a finite number (NaN: GEOS would crash on it later) or is beyond
    ///   `coordinateLimit` (GEOS can spin on it).
    public convenience init(wkb: [UInt8]) throws {
        let context = GEOSContext.current
        let pointer = wkb.withUnsafeBufferPointer { bytes -> OpaquePointer? in
            guard let reader = context.sharedWKBReader(), let base = bytes.baseAddress else {
                return nil
            }
            return GEOSWKBReader_read_r(context.handle, reader, base, bytes.count)
        }
        guard let pointer else {
            let message = wkb.isEmpty ? "no bytes given" : context.takeError()
            throw GEOSError.unreadable(format: "WKB", message: message)
        }
        self.init(taking: pointer, context: context)
        try requireFiniteCoordinates(reading: "WKB")
    }

    /// Reads hexadecimal WKB, as PostGIS prints it (`0101000000…`).
    public convenience init(hexWKB: String) throws {
        let context = GEOSContext.current
        let pointer = Array(hexWKB.utf8).withUnsafeBufferPointer { bytes -> OpaquePointer? in
            guard let reader = context.sharedWKBReader(), let base = bytes.baseAddress else {
                return nil
            }
            return GEOSWKBReader_readHEX_r(context.handle, reader, base, bytes.count)
        }
        guard let pointer else {
            let message = hexWKB.isEmpty ? "no text given" : context.takeError()
            throw GEOSError.unreadable(format: "hex WKB", message: message)
        }
        self.init(taking: pointer, context: context)
        try requireFiniteCoordinates(reading: "hex WKB")
    }

    /// Writes ISO Well-Known Binary, little-endian, keeping Z when present.
    public func wkb() throws -> [UInt8] {
        let context = GEOSContext.current
        let h = context.handle
        guard let writer = GEOSWKBWriter_create_r(h) else {
            throw GEOSError.operationFailed(operation: "WKB writing", message: context.takeError())
        }
        defer { GEOSWKBWriter_destroy_r(h, writer) }
        GEOSWKBWriter_setOutputDimension_r(h, writer, 3)
        GEOSWKBWriter_setByteOrder_r(h, writer, Int32(GEOS_WKB_NDR.rawValue))
        GEOSWKBWriter_setFlavor_r(h, writer, Int32(GEOS_WKB_ISO.rawValue))
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(h, writer, handle, &size) else {
            throw GEOSError.operationFailed(operation: "WKB writing", message: context.takeError())
        }
        defer { GEOSFree_r(h, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}

/// The raw GEOS handles behind the wrapper, for `zoning-microbench` only: it times each hot
/// operation through the wrapper and through the same GEOS `_r` C call on the same context
/// and geometries (Scripts/bench-geos.sh). Not API — reachable only with
/// `@_spi(Benchmark) import ZoningGeometry`; the objects keep ownership, nothing else may
/// destroy or keep these handles beyond the objects' lives. Inlinable, so that reading a handle
/// costs the benchmark no call.
extension Geometry {
    /// The `GEOSGeometry*` this object owns.
    @_spi(Benchmark) @inlinable public var geosHandle: OpaquePointer { handle }
}

extension PreparedGeometry {
    /// The `GEOSPreparedGeometry*` this object owns.
    @_spi(Benchmark) @inlinable public var geosPreparedHandle: OpaquePointer { prepared }
}

/// The calling thread's GEOS context, the one every wrapper call on this thread uses.
@_spi(Benchmark) public enum GEOSThreadContext {
    /// The `GEOSContextHandle_t` of the calling thread; valid until the thread exits.
    public static var handle: OpaquePointer { GEOSContext.currentHandle }
}

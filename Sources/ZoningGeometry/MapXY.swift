import CGEOS

extension Geometry {
    /// A copy with every vertex moved by `transform`, which receives x and y and sets new
    /// values (Z is kept). The work happens inside GEOS, vertex by vertex, without copying
    /// the geometry's coordinates into Swift arrays.
    ///
    /// This is how reprojection reaches geometries (see `CoordinateTransform` in
    /// ZoningProjection):
    ///
    /// ```swift
    /// let shifted = try parcel.mapXY { x, y in x += 100; y -= 50 }
    /// ```
    /// - Throws: the first error `transform` throws; the geometry is left as it was.
    public func mapXY(_ transform: (inout Double, inout Double) throws -> Void) throws -> Geometry {
        let context = GEOSContext.current
        return try withoutActuallyEscaping(transform) { body in
            var mapping = VertexMapping(body: body)
            let result = withUnsafeMutablePointer(to: &mapping) { mappingPointer in
                GEOSGeom_transformXY_r(
                    context.handle, handle,
                    { x, y, userData in
                        guard let x, let y, let userData else { return 0 }
                        let mapping = userData.assumingMemoryBound(to: VertexMapping.self)
                        do {
                            try mapping.pointee.body(&x.pointee, &y.pointee)
                            return 1
                        } catch {
                            mapping.pointee.error = error
                            return 0
                        }
                    },
                    mappingPointer)
            }
            if let error = mapping.error {
                _ = context.takeError()  // GEOS's own "failed to transform" adds nothing
                if let result { GEOSGeom_destroy_r(context.handle, result) }
                throw error
            }
            return try context.geometry(result, "mapXY")
        }
    }
}

/// The closure and the first error of one `mapXY` call, passed to GEOS's C callback.
private struct VertexMapping {
    let body: (inout Double, inout Double) throws -> Void
    var error: (any Error)?
}

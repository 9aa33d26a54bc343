import CGEOS

extension Geometry {
    /// The DE-9IM intersection matrix of this geometry (A) with `other` (B), as nine characters
    /// row by row — interior, boundary, exterior of A against those of B — each `F` (empty) or
    /// the dimension `0`, `1`, `2` of the intersection.
    ///
    /// ```swift
    /// // Two overlapping squares:
    /// try a.relate(b)  // "212101212"
    /// ```
    public func relate(_ other: Geometry) throws -> String {
        let context = GEOSContext.current
        return try context.string(GEOSRelate_r(context.handle, handle, other.handle), "relate")
    }

    /// Whether the DE-9IM matrix matches `pattern`: nine characters from `T` (non-empty),
    /// `F` (empty), `*` (anything), `0`, `1`, `2`.
    ///
    /// ```swift
    /// try a.relate(b, pattern: "T*T***T**")  // overlaps, for two polygons
    /// ```
    /// - Throws: `GEOSError.invalidArgument` for a malformed pattern.
    public func relate(_ other: Geometry, pattern: String) throws -> Bool {
        let valid = Set("TF*012")
        guard pattern.count == 9, pattern.allSatisfy({ valid.contains($0) }) else {
            throw GEOSError.invalidArgument(
                operation: "relate",
                message: "a DE-9IM pattern is nine characters from T F * 0 1 2, got \"\(pattern)\"")
        }
        return try GEOSContext.predicate(
            GEOSRelatePattern_r(GEOSContext.currentHandle, handle, other.handle, pattern), "relate")
    }
}

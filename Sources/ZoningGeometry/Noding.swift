import CGEOS

extension Geometry {
    /// The linework split at every point where lines cross or touch, as one MultiLineString
    /// of pieces that meet only at their end points (GEOS `Node`, PostGIS `ST_Node`). Shared
    /// nodes get identical coordinates, so a network can join pieces by their end points.
    /// Lines lying on each other are merged into one piece.
    ///
    /// ```swift
    /// let cross = try Geometry(wkt: "MULTILINESTRING((0 0, 10 0), (5 -5, 5 5))")
    /// try cross.noded().numberOfParts  // 4: each line cut at (5 0)
    /// ```
    ///
    /// - Throws: `GEOSError.operationFailed` for input that is not linework.
    public func noded() throws -> Geometry {
        try unary("noded", GEOSNode_r)
    }
}


import CGEOS

extension Geometry {
    /// Dissolves the geometry's own parts into one: overlapping polygons merge, lines are
    /// noded, duplicate points vanish (PostGIS `ST_UnaryUnion`).
    ///
    /// ```swift
    /// try Geometry(wkt: "MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((1 0,3 0,3 2,1 2,1 0)))").unaryUnion().area  // 6.0
    /// ```
    public func unaryUnion(gridSize: Double? = nil) throws -> Geometry {
        let context = GEOSContext.current
        guard let gridSize else {
            return try context.geometry(GEOSUnaryUnion_r(context.handle, handle), "unaryUnion")
        }
        try Self.checkGridSize(gridSize, "unaryUnion")
        return try context.geometry(
            GEOSUnaryUnionPrec_r(context.handle, handle, gridSize), "unaryUnion")
    }

    /// The union of many geometries at once (cascaded union: far faster than folding
    /// `union(_:)` over them). An empty list gives `GEOMETRYCOLLECTION EMPTY`.
    ///
    /// ```swift
    /// let builtUp = try Geometry.unionAll(constructionParcels)
    /// ```
    public static func unionAll(_ geometries: [Geometry], gridSize: Double? = nil) throws -> Geometry {
        try collection(.geometryCollection, geometries).unaryUnion(gridSize: gridSize)
    }

    /// The union of polygons that form a coverage — they may share edges but never overlap,
    /// like the parcels of a village — much faster than `unionAll`.
    ///
    /// The input is *not* checked: overlapping polygons give an invalid result. Use it for
    /// survey parcels and administrative units, `unionAll` for anything else.
    public static func coverageUnion(_ polygons: [Geometry]) throws -> Geometry {
        try collection(.geometryCollection, polygons).unary("coverageUnion", GEOSCoverageUnion_r)
    }
}

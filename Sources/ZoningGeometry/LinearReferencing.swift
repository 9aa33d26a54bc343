import CGEOS

/// Positions along lines (PostGIS `ST_LineLocatePoint` in length units, `ST_LineInterpolatePoint`).
extension Geometry {
    /// The distance along this line, from its start, of the line's point nearest to `point`,
    /// in CRS units (metres in a projected CRS). 0 … `length`.
    ///
    /// ```swift
    /// let street = try Geometry.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 100, y: 0)])
    /// try street.projectedDistance(of: Geometry.point(x: 30, y: 12))  // 30.0
    /// ```
    ///
    /// - Throws: `GEOSError.invalidArgument` unless self is a LineString and `point` a point.
    public func projectedDistance(of point: Geometry) throws -> Double {
        guard type == .lineString, point.type == .point, !isEmpty, !point.isEmpty else {
            throw GEOSError.invalidArgument(operation: "projectedDistance", message: "needs a line and a point, got \(type) and \(point.type)")
        }
        let context = GEOSContext.current
        let value = GEOSProject_r(context.handle, handle, point.handle)
        guard value >= 0 else { throw GEOSError.operationFailed(operation: "projectedDistance", message: context.takeError()) }
        return value
    }

    /// The point at `distance` along this line from its start (CRS units), clamped to the line.
    ///
    /// ```swift
    /// try street.interpolated(at: 30).coordinates  // [(30.0, 0.0)]
    /// ```
    public func interpolated(at distance: Double) throws -> Geometry {
        guard type == .lineString, !isEmpty else {
            throw GEOSError.invalidArgument(operation: "interpolated", message: "needs a line, got \(type)")
        }
        let context = GEOSContext.current
        return try context.geometry(GEOSInterpolate_r(context.handle, handle, min(max(distance, 0), length)), "interpolated")
    }
}

import CGEOS

/// An axis-aligned rectangle in CRS units: the extent of a geometry or layer.
///
/// ```swift
/// let b = Bounds(minX: 0, minY: 0, maxX: 4, maxY: 3)
/// b.width * b.height  // 12.0
/// ```
public struct Bounds: Sendable, Hashable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    /// The smallest rectangle holding both.
    public func union(_ other: Bounds) -> Bounds {
        Bounds(
            minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
            maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// `minX, minY, maxX, maxY`, as GDAL and GeoJSON `bbox` order them.
    public var description: String { "\(minX), \(minY), \(maxX), \(maxY)" }
}

extension Geometry {
    /// The extent of the geometry, or nil when it is empty.
    public var bounds: Bounds? {
        let h = GEOSContext.currentHandle
        var b = Bounds(minX: 0, minY: 0, maxX: 0, maxY: 0)
        // Each getter fails only for an empty geometry.
        guard GEOSGeom_getXMin_r(h, handle, &b.minX) == 1,
            GEOSGeom_getYMin_r(h, handle, &b.minY) == 1,
            GEOSGeom_getXMax_r(h, handle, &b.maxX) == 1,
            GEOSGeom_getYMax_r(h, handle, &b.maxY) == 1
        else { return nil }
        return b
    }

    /// A polygon covering `bounds` (a point or line when the rectangle is degenerate).
    public static func rectangle(_ bounds: Bounds) throws -> Geometry {
        let context = GEOSContext.current
        return try context.geometry(
            GEOSGeom_createRectangle_r(
                context.handle, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY),
            "rectangle")
    }
}

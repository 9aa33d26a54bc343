import CGEOS

/// How a buffer ends lines and turns corners.
public struct BufferStyle: Sendable, Hashable {
    /// The shape at the ends of lines (and around points).
    public enum Cap: Int32, Sendable {
        case round = 1, flat = 2, square = 3
    }

    /// The shape at outside corners.
    public enum Join: Int32, Sendable {
        case round = 1, mitre = 2, bevel = 3
    }

    /// Segments per quarter circle for round caps and joins (GEOS and PostGIS default 8).
    public var quadrantSegments: Int
    public var cap: Cap
    public var join: Join
    /// For `.mitre` joins: the longest mitre, as a multiple of the distance, before bevelling.
    public var mitreLimit: Double

    public init(quadrantSegments: Int = 8, cap: Cap = .round, join: Join = .round, mitreLimit: Double = 5) {
        self.quadrantSegments = quadrantSegments
        self.cap = cap
        self.join = join
        self.mitreLimit = mitreLimit
    }

    /// Round caps and joins with 8 segments per quadrant.
    public static let `default` = BufferStyle()
}

extension Geometry {
    /// The area within `distance` of this geometry (CRS units; metres in a projected CRS).
    /// A negative distance shrinks polygons.
    ///
    /// Round arcs are polygons: with 8 segments per quadrant, a point's buffer is a 32-gon of
    /// area 16·r²·sin(π/16) ≈ 0.9936·πr².
    ///
    /// ```swift
    /// let serviceArea = try school.buffer(500)                 // 500 m round buffer
    /// let strip = try road.buffer(10, style: BufferStyle(cap: .flat))
    /// ```
    /// Never buffer geographic coordinates in degrees: reproject to a metric CRS first.
    public func buffer(_ distance: Double, style: BufferStyle = .default) throws -> Geometry {
        guard distance.isFinite else {
            throw GEOSError.invalidArgument(operation: "buffer", message: "distance must be finite, got \(distance)")
        }
        guard style.quadrantSegments >= 1 else {
            throw GEOSError.invalidArgument(
                operation: "buffer", message: "quadrantSegments must be ≥ 1, got \(style.quadrantSegments)")
        }
        let context = GEOSContext.current
        return try context.geometry(
            GEOSBufferWithStyle_r(
                context.handle, handle, distance, Int32(clamping: style.quadrantSegments),
                style.cap.rawValue, style.join.rawValue, style.mitreLimit),
            "buffer")
    }
}

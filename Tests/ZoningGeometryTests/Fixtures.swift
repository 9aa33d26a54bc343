import ZoningGeometry

/// Small hand-drawn geometries whose measures are known on paper.
enum Fixture {
    /// 10 × 10 square at the origin: area 100, perimeter 40.
    static let square = "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"
    /// The square with a 2 × 2 hole at (4, 4): area 96, perimeter 48.
    static let squareWithHole = "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))"
    /// The square moved 5 to the right: overlaps `square` in a 5 × 10 strip.
    static let shiftedSquare = "POLYGON((5 0, 15 0, 15 10, 5 10, 5 0))"
    /// The square moved 10 to the right: shares the edge x = 10 with `square`.
    static let neighbourSquare = "POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))"
    /// A bow-tie: self-intersecting at (5, 5), invalid.
    static let bowTie = "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"

    static func geometry(_ wkt: String) throws -> Geometry { try Geometry(wkt: wkt) }
}

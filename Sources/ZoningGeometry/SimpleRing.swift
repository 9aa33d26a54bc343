import CGEOS

/// A conservative proof that a closed ring is simple, for the validity of one-ring polygons
/// without asking GEOS: `isCertainlySimple` says true only when every orientation it needs has
/// a sign that floating-point error cannot flip, and false at any doubt (which is not "not
/// simple": it means "ask GEOS").
///
/// A polygon of one ring (no holes) is valid under OGC rules exactly when its ring has finite
/// coordinates, is closed, has at least 4 points without repeats, and no two of its segments
/// meet except consecutive ones at their shared vertex; that is what GEOS's `IsValidOp`
/// checks for such a polygon, by noding the ring against itself. The proof checks the same:
///
/// - at least 4 points, closed, every coordinate finite and within `Geometry.coordinateLimit`,
///   no vertex equal to the next (GEOS allows repeats; they are left to it);
/// - consecutive segments turn (their three points are not collinear, with a certain sign),
///   so they share only their vertex;
/// - any other two segments lie apart: their boxes do not overlap, or both ends of one lie
///   strictly on the same side of the other's line, with certain signs.
///
/// Most parcels are settled sooner, in one pass: a ring that goes round the mean of its
/// vertices once, every segment turning the same way about it (a star-shaped ring), is
/// simple — each segment keeps to its own sector round that point, and only neighbours share
/// a sector's edge, at their vertex. The pairs are compared only for the other rings.
///
/// Orientations use Shewchuk's filter (`orientation`): the determinant of the three points'
/// differences is trusted only when it exceeds a bound on its rounding error.
///
/// ```swift
/// let square = [0.0, 0, 10, 0, 10, 10, 0, 10, 0, 0]
/// square.withUnsafeBufferPointer { SimpleRing.isCertainlySimple(xy: $0) }   // true
/// let bowTie = [0.0, 0, 10, 10, 10, 0, 0, 10, 0, 0]
/// bowTie.withUnsafeBufferPointer { SimpleRing.isCertainlySimple(xy: $0) }   // false: ask GEOS
/// ```
public enum SimpleRing {
    /// Rings of up to this many segments compare every pair; longer ones sweep across x.
    static let pairwiseLimit = 48

    /// True when the closed ring `xy` (x0, y0, x1, y1, …, the first point repeated last) is
    /// certainly simple (see the type); false when it is not, or when that is not certain.
    public static func isCertainlySimple(xy: UnsafeBufferPointer<Double>) -> Bool {
        let n = xy.count / 2
        guard xy.count % 2 == 0, n >= 4 else { return false }
        let limit = Geometry.coordinateLimit
        for value in xy where !(value.magnitude <= limit) { return false }  // NaN fails too
        guard xy[0] == xy[2 * n - 2], xy[1] == xy[2 * n - 1] else { return false }
        for i in 0..<(n - 1) where xy[2 * i] == xy[2 * i + 2] && xy[2 * i + 1] == xy[2 * i + 3] { return false }
        let m = n - 1  // segments: i from point i to point i + 1
        // Consecutive segments, the last with the first through the closing vertex, must turn.
        for i in 0..<m {
            let j = (i + 1) % m, k = (i + 2) % m
            if orientation(xy, i, j, k) == 0 { return false }
        }
        if isCertainlyStarShaped(xy, m) { return true }
        return m <= pairwiseLimit ? pairwiseApart(xy, m) : sweptApart(xy, m)
    }

    /// True when every segment turns the same way about the mean point of the vertices p, with
    /// a certain sign, and the ring goes round p exactly once: then the segments' angular
    /// sectors about p follow one another without overlapping, so no two segments meet except
    /// neighbours at their shared vertex. Going round once is counted exactly: segments
    /// crossing the ray from p towards +x (all of them to the right of p, since p is on the
    /// same side of every one) are counted half-open, so a vertex on the ray counts once.
    static func isCertainlyStarShaped(_ xy: UnsafeBufferPointer<Double>, _ m: Int) -> Bool {
        var px = 0.0, py = 0.0
        for i in 0..<m {
            px += xy[2 * i]
            py += xy[2 * i + 1]
        }
        px /= Double(m)
        py /= Double(m)
        let sign = orientation(px, py, xy[0], xy[1], xy[2], xy[3])
        guard sign != 0 else { return false }
        var crossings = 0
        for s in 0..<m {
            let ay = xy[2 * s + 1], by = xy[2 * s + 3]
            guard orientation(px, py, xy[2 * s], ay, xy[2 * s + 2], by) == sign else { return false }
            // Counter-clockwise about p, a segment right of p goes up; clockwise, down.
            if sign > 0 ? (ay <= py && by > py) : (ay > py && by <= py) { crossings += 1 }
        }
        return crossings == 1
    }

    /// Every two non-consecutive segments certainly apart, comparing every pair: their boxes
    /// first (made once), the orientations only where the boxes overlap.
    private static func pairwiseApart(_ xy: UnsafeBufferPointer<Double>, _ m: Int) -> Bool {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * m) { box in
            for s in 0..<m {
                let (ax, ay, bx, by) = (xy[2 * s], xy[2 * s + 1], xy[2 * s + 2], xy[2 * s + 3])
                box[4 * s] = min(ax, bx)
                box[4 * s + 1] = max(ax, bx)
                box[4 * s + 2] = min(ay, by)
                box[4 * s + 3] = max(ay, by)
            }
            for i in 0..<m {
                let (minX, maxX, minY, maxY) = (box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3])
                for j in (i + 2)..<max(i + 2, m) where !(i == 0 && j == m - 1) {
                    // Boxes apart (exact comparisons, as GEOS's envelope test).
                    if box[4 * j + 1] < minX || maxX < box[4 * j] || box[4 * j + 3] < minY || maxY < box[4 * j + 2] { continue }
                    if !sidesApart(xy, i, j) { return false }
                }
            }
            return true
        }
    }

    /// Every two non-consecutive segments certainly apart, comparing only those whose x ranges
    /// overlap: the segments sorted by their smallest x, each against the following ones that
    /// start before it ends.
    private static func sweptApart(_ xy: UnsafeBufferPointer<Double>, _ m: Int) -> Bool {
        func low(_ s: Int) -> Double { min(xy[2 * s], xy[2 * s + 2]) }
        func high(_ s: Int) -> Double { max(xy[2 * s], xy[2 * s + 2]) }
        let order = (0..<m).sorted { low($0) < low($1) }
        for (position, s) in order.enumerated() {
            let end = high(s)
            for t in order[(position + 1)...] {
                if low(t) > end { break }
                let (i, j) = (min(s, t), max(s, t))
                if j - i == 1 || (i == 0 && j == m - 1) { continue }  // consecutive: checked to turn
                if !apart(xy, i, j) { return false }
            }
        }
        return true
    }

    /// Whether segments `i` and `j` certainly have no point in common.
    private static func apart(_ xy: UnsafeBufferPointer<Double>, _ i: Int, _ j: Int) -> Bool {
        let (ax, ay, bx, by) = (xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3])
        let (cx, cy, dx, dy) = (xy[2 * j], xy[2 * j + 1], xy[2 * j + 2], xy[2 * j + 3])
        // Boxes apart (exact comparisons, as GEOS's envelope test).
        if max(ax, bx) < min(cx, dx) || max(cx, dx) < min(ax, bx) || max(ay, by) < min(cy, dy) || max(cy, dy) < min(ay, by) {
            return true
        }
        return sidesApart(xy, i, j)
    }

    /// Whether both ends of one of segments `i` and `j` lie certainly on the same side of the
    /// other's line, so that they cannot meet.
    @inline(__always)
    private static func sidesApart(_ xy: UnsafeBufferPointer<Double>, _ i: Int, _ j: Int) -> Bool {
        let (ax, ay, bx, by) = (xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3])
        let (cx, cy, dx, dy) = (xy[2 * j], xy[2 * j + 1], xy[2 * j + 2], xy[2 * j + 3])
        let c = orientation(ax, ay, bx, by, cx, cy), d = orientation(ax, ay, bx, by, dx, dy)
        if c != 0 && c == d { return true }
        let a = orientation(cx, cy, dx, dy, ax, ay), b = orientation(cx, cy, dx, dy, bx, by)
        return a != 0 && a == b
    }

    private static func orientation(_ xy: UnsafeBufferPointer<Double>, _ p: Int, _ q: Int, _ r: Int) -> Int {
        orientation(xy[2 * p], xy[2 * p + 1], xy[2 * q], xy[2 * q + 1], xy[2 * r], xy[2 * r + 1])
    }

    /// The side of line p→q that r lies on: 1 left (counter-clockwise), −1 right, and 0 when
    /// the sign is not certain (collinear, or too close to call in floating point).
    ///
    /// Shewchuk's filter (Adaptive Precision Floating-Point Arithmetic, 1997, `orient2d`): the
    /// computed determinant's error is at most (3 + 16ε)ε times the sum of its two products'
    /// magnitudes (ε = 2⁻⁵³); the bound used here is three times larger, and a sum too small
    /// for that bound to hold (products near underflow) is never trusted.
    ///
    /// ```swift
    /// SimpleRing.orientation(0, 0, 1, 0, 0, 1)   // 1
    /// SimpleRing.orientation(0, 0, 1, 1, 2, 2)   // 0
    /// ```
    @inline(__always)
    static func orientation(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ rx: Double, _ ry: Double) -> Int {
        let left = (px - rx) * (qy - ry)
        let right = (py - ry) * (qx - rx)
        let determinant = left - right
        let sum = left.magnitude + right.magnitude
        guard sum >= 1e-200 else { return 0 }
        let bound = 1e-15 * sum
        if determinant > bound { return 1 }
        if determinant < -bound { return -1 }
        return 0
    }
}

extension Geometry {
    /// The same answer as `isValid`, sooner for the commonest parcel: a polygon of one ring
    /// that `SimpleRing` proves simple is valid without GEOS's validity test; every other
    /// geometry (holes, several parts, any doubt) is tested by GEOS.
    ///
    /// ```swift
    /// try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))").isValidQuickly   // true, without IsValidOp
    /// try Geometry(wkt: "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))").isValidQuickly   // false, from GEOS
    /// ```
    public var isValidQuickly: Bool {
        isCertainlySimplePolygon || isValid
    }

    /// True when this polygon was built from a ring `SimpleRing` proved simple as it was built
    /// (`polygon(shellXY:provingSimple:)`): it is valid, and `isValidQuickly` costs nothing.
    public var wasProvedSimple: Bool { provedSimple == true }

    /// Whether this is a polygon without holes whose ring `SimpleRing` proves simple (or
    /// proved it as the polygon was built).
    var isCertainlySimplePolygon: Bool {
        if let provedSimple { return provedSimple }
        let h = GEOSContext.currentHandle
        guard GEOSGeomTypeId_r(h, handle) == Int32(GEOS_POLYGON.rawValue), GEOSGetNumInteriorRings_r(h, handle) == 0,
            let shell = GEOSGetExteriorRing_r(h, handle), let sequence = GEOSGeom_getCoordSeq_r(h, shell)
        else { return false }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(h, sequence, &size) != 0, size >= 4 else { return false }
        let count = 2 * Int(size)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { buffer in
            guard let base = buffer.baseAddress, GEOSCoordSeq_copyToBuffer_r(h, sequence, base, 0, 0) != 0 else { return false }
            return SimpleRing.isCertainlySimple(xy: UnsafeBufferPointer(start: base, count: count))
        }
    }
}

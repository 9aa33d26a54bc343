import ZoningGeometry

/// Random but reproducible parcels for tests that compare a fast path with GEOS: a jittered
/// grid whose neighbours share bent edges exactly (as surveyed parcels do), and scattered
/// star-shaped polygons, at Gauss–Krüger magnitudes (x ≈ 40 500 000 m with the zone prefix).
struct RandomShapes {
    var seed: UInt64

    /// A draw in 0..<1 (a linear congruential generator).
    mutating func next() -> Double {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Double(seed >> 11) / Double(1 << 53)
    }

    /// `columns` × `rows` cells of about `cell` m from (x0, y0), corners jittered by up to a
    /// third of a cell and each edge bent through one shared point; every third cell left out.
    mutating func grid(columns: Int, rows: Int, cell: Double, x0: Double = 40_500_000, y0: Double = 4_000_000) throws -> [Geometry] {
        var corner: [[(Double, Double)]] = []
        for i in 0...columns {
            corner.append((0...rows).map { j in
                (x0 + Double(i) * cell + (next() - 0.5) * cell / 1.5, y0 + Double(j) * cell + (next() - 0.5) * cell / 1.5)
            })
        }
        var bend: [String: (Double, Double)] = [:]
        func middle(_ a: (Double, Double), _ b: (Double, Double), _ key: String) -> (Double, Double) {
            if let known = bend[key] { return known }
            let point = ((a.0 + b.0) / 2 + (next() - 0.5) * cell / 5, (a.1 + b.1) / 2 + (next() - 0.5) * cell / 5)
            bend[key] = point
            return point
        }
        var cells: [Geometry] = []
        for i in 0..<columns {
            for j in 0..<rows where (i * rows + j) % 3 != 2 {
                let (a, b, c, d) = (corner[i][j], corner[i + 1][j], corner[i + 1][j + 1], corner[i][j + 1])
                let ring = [a, middle(a, b, "h\(i),\(j)"), b, middle(b, c, "v\(i + 1),\(j)"), c,
                            middle(d, c, "h\(i),\(j + 1)"), d, middle(a, d, "v\(i),\(j)"), a]
                cells.append(try Geometry(wkt: "POLYGON((" + ring.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "))"))
            }
        }
        return cells
    }

    /// `count` star-shaped polygons (5–24 vertices, radius 5–40 m) scattered over a square of
    /// `side` m from (x0, y0).
    mutating func stars(_ count: Int, side: Double, x0: Double = 40_500_000, y0: Double = 4_000_000) throws -> [Geometry] {
        try (0..<count).map { _ in
            let cx = x0 + next() * side, cy = y0 + next() * side
            let n = 5 + Int(next() * 20), size = 5 + next() * 35
            var ring = (0..<n).map { k -> String in
                let angle = 2 * Double.pi * (Double(k) + next() * 0.8) / Double(n), r = size * (0.4 + 0.6 * next())
                return "\(cx + r * cos(angle)) \(cy + r * sin(angle))"
            }
            ring.append(ring[0])
            return try Geometry(wkt: "POLYGON((" + ring.joined(separator: ", ") + "))")
        }
    }
}

import Foundation

@_spi(Benchmark) import ZoningGeometry

/// The geometries the micro-benchmark runs on, the same every run (a fixed-seed generator):
/// a grid of parcel-like polygons, each a 100 m cell shrunk by 1–7 m per side with its edges'
/// vertices jittered, and service-area-like query polygons (unions of three round buffers),
/// with the pairs that the analyses would test — query × parcel where the extents overlap (as
/// after an index query), and each parcel with its right, upper and diagonal neighbours (as in
/// the built-up clustering).
struct Workload {
    /// The parcels, `columns × rows`; each has `4 × segmentsPerSide + 1` vertices.
    let parcels: [Geometry]
    /// A point inside each parcel (its centre), for `covers`.
    let points: [Geometry]
    let queries: [Geometry]
    let prepared: [PreparedGeometry]
    /// (query, parcel) whose extents overlap.
    let queryPairs: [(query: Int, parcel: Int)]
    /// (parcel, parcel) of grid neighbours, for distance-within.
    let neighbourPairs: [(Int, Int)]
    /// The distance-within threshold: parcels are 2–14 m apart, so some pairs are within it
    /// and some are not.
    let gap = 8.0
    let segmentsPerSide = 8

    init(columns: Int, rows: Int, queryCount: Int) throws {
        var random = SplitMix64(seed: 16)
        let cell = 100.0
        var parcels: [Geometry] = [], points: [Geometry] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let x0 = Double(column) * cell, y0 = Double(row) * cell
                let left = x0 + random.uniform(1, 7), right = x0 + cell - random.uniform(1, 7)
                let bottom = y0 + random.uniform(1, 7), top = y0 + cell - random.uniform(1, 7)
                let corners = [
                    Coordinate(x: left, y: bottom), Coordinate(x: right, y: bottom),
                    Coordinate(x: right, y: top), Coordinate(x: left, y: top),
                ]
                var ring: [Coordinate] = []
                for side in 0..<4 {
                    let a = corners[side], b = corners[(side + 1) % 4]
                    // The unit normal of the side; jitter of at most 0.9 m keeps neighbours apart
                    // (margins are ≥ 1 m each) and the ring simple.
                    let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                    let normal = Coordinate(x: -(b.y - a.y) / length, y: (b.x - a.x) / length)
                    for step in 0..<segmentsPerSide {
                        let t = Double(step) / Double(segmentsPerSide)
                        let offset = step == 0 ? 0 : random.uniform(-0.9, 0.9)
                        ring.append(Coordinate(
                            x: a.x + (b.x - a.x) * t + normal.x * offset,
                            y: a.y + (b.y - a.y) * t + normal.y * offset))
                    }
                }
                ring.append(ring[0])
                parcels.append(try Geometry.polygon(shell: ring))
                points.append(Geometry.point(x: (left + right) / 2, y: (bottom + top) / 2))
            }
        }
        let width = Double(columns) * cell, height = Double(rows) * cell
        var queries: [Geometry] = []
        for _ in 0..<queryCount {
            let centre = Coordinate(x: random.uniform(0, width), y: random.uniform(0, height))
            let circles = try (0..<3).map { _ in
                try Geometry.point(x: centre.x + random.uniform(-300, 300), y: centre.y + random.uniform(-300, 300))
                    .buffer(random.uniform(150, 400))
            }
            queries.append(try Geometry.unionAll(circles))
        }
        var queryPairs: [(query: Int, parcel: Int)] = []
        for (q, query) in queries.enumerated() {
            guard let b = query.bounds else { continue }
            for (p, parcel) in parcels.enumerated() {
                guard let c = parcel.bounds else { continue }
                if c.maxX >= b.minX && c.minX <= b.maxX && c.maxY >= b.minY && c.minY <= b.maxY { queryPairs.append((q, p)) }
            }
        }
        var neighbourPairs: [(Int, Int)] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let here = row * columns + column
                for (dx, dy) in [(1, 0), (0, 1), (1, 1), (-1, 1)] {
                    let (c, r) = (column + dx, row + dy)
                    if c >= 0 && c < columns && r < rows { neighbourPairs.append((here, r * columns + c)) }
                }
            }
        }
        self.parcels = parcels
        self.points = points
        self.queries = queries
        self.prepared = try queries.map { try PreparedGeometry($0) }
        self.queryPairs = queryPairs
        self.neighbourPairs = neighbourPairs
    }
}

/// A small fixed-seed generator (SplitMix64), so that the workload is the same on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}

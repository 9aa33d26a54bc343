import ZoningGeometry

/// The sample county's road centrelines (`roads.shp`), drawn along the parcel lattice so that
/// they run between parcels as streets run between blocks:
///
/// - **streets** (`residential`) along every parcel edge of a settlement (city, towns, the 乡,
///   hamlets, the industrial zone);
/// - **country roads** (`unclassified`) along every lattice line about 500 m apart;
/// - **a railway** along the lattice line about 1 km south of the city seat, which no road
///   crosses except at two level crossings at the city's west and east edges: the barrier
///   that makes walking to the city's schools, clinics and elderly care longer than the
///   straight line for homes on its far side;
/// - **the river**: roads cross it only on bridges (`bridge` = `T`) about every 2 km;
/// - **an expressway** (`motorway`) running north–south across the county without junctions
///   with the other roads, which walking leaves out.
///
/// Runs of lattice edges with the same class along one line are one feature, so noding has to
/// find the crossings.
struct SampleRoads {
    struct Road: Sendable {
        var geometry: Geometry
        var roadClass: String
        var bridge: Bool
        var name: String
    }

    let design = SampleDesign.self
    let n: Int
    let cell: Double
    /// Lattice vertex (i, j).
    let vertex: (Int, Int) -> Coordinate
    /// Whether the parcel cell (ci, cj) lies in a settlement.
    let settled: (Int, Int) -> Bool

    var spacing: Int { max(1, Int((500 / cell).rounded())) }
    var railwayRow: Int { Int(((design.cityCenter.y - 1000 - design.minY) / cell).rounded()) }
    /// The level crossings: the country roads nearest 3.4 km west and east of the city seat.
    var crossings: Set<Int> {
        Set([-3400.0, 3400].map { offset in
            Int(((design.cityCenter.x + offset - design.minX) / cell / Double(spacing)).rounded()) * spacing
        })
    }

    /// The kind of the lattice edge from vertex (i, j) to (i + 1, j) (horizontal) or (i, j + 1); nil: no road.
    func edge(_ i: Int, _ j: Int, horizontal: Bool) -> (roadClass: String, bridge: Bool)? {
        let width = design.columns * n, height = design.rows * n
        let a = vertex(i, j), b = horizontal ? vertex(i + 1, j) : vertex(i, j + 1)
        // Cells on either side of the edge.
        let sides = horizontal ? [(i, j - 1), (i, j)] : [(i - 1, j), (i, j)]
        let street = sides.contains { $0.0 >= 0 && $0.1 >= 0 && $0.0 < width && $0.1 < height && settled($0.0, $0.1) }
        let country = horizontal ? j % spacing == 0 : i % spacing == 0
        guard street || country else { return nil }
        // The railway: nothing along it, nothing across it but at the crossings.
        if horizontal && j == railwayRow { return nil }
        if !horizontal && j == railwayRow && !crossings.contains(i) { return nil }
        // The river: crossed only by bridges on every fourth country road.
        let sideA = a.y - design.riverY(a.x), sideB = b.y - design.riverY(b.x)
        if sideA * sideB < 0 {
            guard !horizontal, country, i % (4 * spacing) == 0 else { return nil }
            return ("unclassified", true)
        }
        return (street ? "residential" : "unclassified", false)
    }

    func roads() throws -> [Road] {
        let width = design.columns * n, height = design.rows * n
        var roads: [Road] = []
        // One feature per run of edges of one kind along a lattice line.
        func runs(count: Int, _ kind: (Int) -> (roadClass: String, bridge: Bool)?, _ point: (Int) -> Coordinate, name: String) throws {
            var start: Int?, current: (roadClass: String, bridge: Bool)?
            for k in 0...count {
                let here = k < count ? kind(k) : nil
                if let open = start, let running = current, here?.roadClass != running.roadClass || here?.bridge != running.bridge {
                    roads.append(Road(geometry: try Geometry.lineString((open...k).map(point)), roadClass: running.roadClass, bridge: running.bridge, name: name))
                    start = nil
                }
                if let here, start == nil { start = k; current = here }
            }
        }
        for j in 0...height {
            try runs(count: width, { edge($0, j, horizontal: true) }, { vertex($0, j) }, name: "")
        }
        for i in 0...width {
            try runs(count: height, { edge(i, $0, horizontal: false) }, { vertex(i, $0) }, name: "")
        }
        let x = design.minX + 26_300
        roads.append(Road(
            geometry: try Geometry.lineString([Coordinate(x: x, y: design.minY), Coordinate(x: x, y: design.minY + Double(design.rows) * design.unitSize)]),
            roadClass: "motorway", bridge: false, name: "样例高速"))
        return roads
    }
}

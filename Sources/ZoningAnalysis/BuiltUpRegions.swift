import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// A built-up region: a cluster of construction and seed parcels (docs/METHOD.md §3).
public struct BuiltUpRegion: Sendable {
    /// 1, 2, … in order of rank (city regions first), then of first parcel.
    public var id: Int
    /// Positions of its parcels in the input.
    public var parcels: [Int]
    /// The seats whose points lie in its parcels, highest rank first.
    public var seats: [GovernmentSeat]
    /// The highest rank among its seats; nil for a region with seeds but no seat, which
    /// connects no unit (an isolated development zone).
    public var rank: SeatRank? { seats.first?.rank }
    /// The seat that names the region: its highest-ranking seat.
    public var principalSeat: GovernmentSeat? { seats.first }
    public var hasSeed: Bool
    /// The sum of its parcels' areas (TBMJ, ellipsoidal m²).
    public var footprintSquareMetres: Double
    /// Its footprint per township (9-digit code) and per county (6 digits), m².
    public var footprintByTownship: [String: Double]
    public var footprintByCounty: [String: Double]
    /// The closed, hole-filled outline, and its ellipsoidal area (m²), when asked for.
    public var outline: Geometry?
    public var outlineSquareMetres: Double?
}

/// Delineates built-up regions (docs/METHOD.md §3).
///
/// Seeds (CZCSXM 201, 201A, 202, 202A) and construction parcels are clustered together:
/// two link when their polygons are at most `gapMetres` apart, repeated until nothing joins
/// (single linkage, so the result is the fixed point). Regions holding a seed or a seat are
/// kept.
///
/// Growth stays near-linear: parcels are found through an STR-tree by envelope, and the exact
/// distance test is skipped for pairs already in one cluster, so the touching parcels of a
/// dense core cost one test each rather than one per neighbour. Most tests are decided by
/// bounding boxes and shared or near vertices (`ShapeOutlines`), exactly; only the rest ask
/// GEOS. The regions' outlines are made on every core, one region per task.
///
/// ```swift
/// let result = try BuiltUpRegions.delineate(parcels: parcels, seats: seats, crs: crs)
/// result.regions.first?.principalSeat?.code  // "370299": the city seat's region
/// ```
public enum BuiltUpRegions {
    public struct Result: Sendable {
        public var regions: [BuiltUpRegion]
        /// For each input parcel, the position in `regions` of its region, or nil.
        public var regionOfParcel: [Int?]

        public init(regions: [BuiltUpRegion], regionOfParcel: [Int?]) {
            self.regions = regions
            self.regionOfParcel = regionOfParcel
        }

        /// The built-up area in m² (ellipsoidal): the regions' outlines, or their footprints
        /// where a region has no outline.
        public var areaSquareMetres: Double {
            regions.reduce(0) { $0 + ($1.outlineSquareMetres ?? $1.footprintSquareMetres) }
        }
    }

    /// - Parameters:
    ///   - crs: the parcels' CRS, for ellipsoidal outline areas; it must be projected in metres.
    ///   - outlines: compute outlines (closing and hole filling), which costs more than the
    ///     clustering; classification does not need them.
    public static func delineate(
        parcels: [LandParcel], seats: [GovernmentSeat], parameters: BuiltUpParameters = BuiltUpParameters(),
        crs: CoordinateReferenceSystem, outlines: Bool = true
    ) throws -> Result {
        guard !crs.isGeographic, crs.unitName.lowercased().hasPrefix("met") else {
            throw AnalysisError.needsMetres(crs: crs.shortDescription)
        }
        let members = clusteredPositions(parcels, parameters)
        let geometries = members.map { parcels[$0].geometry }
        let shells = try ShapeOutlines(geometries)
        let index = BoundsIndex(shells.bounds)
        var clusters = UnionFind(count: members.count)
        for pair in try joinedPairs(geometries, gap: parameters.gapMetres, outlines: shells, index: index) { clusters.union(pair.0, pair.1) }

        // Seats: a region holds a seat whose point lies in one of its parcels (the first, in
        // input order, that covers it).
        var holders: [(seat: GovernmentSeat, member: Int)] = []
        for seat in seats {
            guard let at = seat.point.bounds else { continue }
            if let holder = try index.query(at).first(where: { try geometries[$0].covers(seat.point) }) { holders.append((seat, holder)) }
        }
        var result = assemble(
            parcels: parcels, members: members, cluster: members.indices.map { clusters.find($0) }, seatHolders: holders, parameters: parameters)
        if outlines {
            // Regions are independent: each is closed and filled on some core.
            let geodesic = Geodesic(ellipsoid: crs.ellipsoid)
            let shapes = try Parallel.map(result.regions.map { $0.parcels.map { parcels[$0].geometry } }) { geometries in
                let outline = try outline(of: geometries, parameters)
                return (outline, try geodesic.area(of: outline, in: crs))
            }
            for (position, shape) in shapes.enumerated() {
                result.regions[position].outline = shape.0
                result.regions[position].outlineSquareMetres = shape.1
            }
        }
        return result
    }

    /// Pairs of geometries (positions) within `gap` metres of each other, enough to join
    /// every cluster they chain into: the positions are split into chunks over the cores, each
    /// with its own union-find, which skips the exact distance test for a pair its chunk has
    /// already joined (parcels in file order lie mostly near one another). All chunks query one
    /// shared `BoundsIndex`, and `ShapeOutlines` decides most pairs before GEOS is asked.
    static func joinedPairs(_ geometries: [Geometry], gap: Double) throws -> [(Int, Int)] {
        let outlines = try ShapeOutlines(geometries)
        return try joinedPairs(geometries, gap: gap, outlines: outlines, index: BoundsIndex(outlines.bounds))
    }

    static func joinedPairs(_ geometries: [Geometry], gap: Double, outlines: ShapeOutlines, index: BoundsIndex) throws -> [(Int, Int)] {
        guard !geometries.isEmpty else { return [] }
        let size = max(1024, geometries.count / (Parallel.threads * 4) + 1)
        let chunks = stride(from: 0, to: geometries.count, by: size).map { $0..<min($0 + size, geometries.count) }
        return try Parallel.map(chunks) { chunk -> [(Int, Int)] in
            var joined = UnionFind(count: geometries.count)
            var pairs: [(Int, Int)] = []
            var near: [Int] = []
            for position in chunk {
                guard let b = outlines.bounds[position] else { continue }
                index.query(b.expanded(by: gap), into: &near)
                for other in near where other > position && joined.find(other) != joined.find(position) {
                    if try outlines.isWithinDistance(position, other, gap, geometries) {
                        joined.union(position, other)
                        pairs.append((position, other))
                    }
                }
            }
            return pairs
        }.flatMap { $0 }
    }

    /// The positions of the parcels that take part in the clustering (`isClustered`), ascending,
    /// each distinct land-use code looked up once (a county has a few dozen codes and hundreds
    /// of thousands of parcels; a dictionary hit costs a fraction of the set tests).
    static func clusteredPositions(_ parcels: [LandParcel], _ parameters: BuiltUpParameters) -> [Int] {
        var construction: [String: Bool] = [:]
        return parcels.indices.filter { i in
            let landUse = parcels[i].landUse
            if let known = construction[landUse] { if known { return true } } else {
                let known = parameters.isConstruction(landUse)
                construction[landUse] = known
                if known { return true }
            }
            return parcels[i].settlement.map(parameters.seedSettlementCodes.contains) == true
        }
    }

    /// Whether a parcel takes part in the clustering: construction land, or a seed (CZCSXM
    /// 201, 201A, 202, 202A by default).
    public static func isClustered(_ parcel: LandParcel, _ parameters: BuiltUpParameters) -> Bool {
        parameters.isConstruction(parcel.landUse) || isSeed(parcel, parameters)
    }

    public static func isSeed(_ parcel: LandParcel, _ parameters: BuiltUpParameters) -> Bool {
        parcel.settlement.map(parameters.seedSettlementCodes.contains) == true
    }

    /// The regions, without outlines, from a clustering made here or in a database: which
    /// clusters are kept (those with a seed or a seat), their seats, footprints (sums of TBMJ,
    /// m²), ids and order. Both engines share it, so they number and rank regions alike.
    ///
    /// ```swift
    /// // parcels 0 and 2 clustered together, a seat in parcel 2 (member position 1):
    /// let result = BuiltUpRegions.assemble(parcels: parcels, members: [0, 2], cluster: [7, 7],
    ///                                      seatHolders: [(seat, 1)], parameters: BuiltUpParameters())
    /// result.regionOfParcel  // [0, nil, 0]
    /// ```
    /// - Parameters:
    ///   - members: positions in `parcels` of the clustered parcels (`isClustered`), ascending.
    ///   - cluster: for each member (same order), a label shared by the members of one cluster.
    ///   - seatHolders: each seat lying in a member, with that member's position in `members`.
    public static func assemble(
        parcels: [LandParcel], members: [Int], cluster: [Int], seatHolders: [(seat: GovernmentSeat, member: Int)], parameters: BuiltUpParameters
    ) -> Result {
        var seatsOfRoot: [Int: [GovernmentSeat]] = [:]
        for (seat, holder) in seatHolders { seatsOfRoot[cluster[holder], default: []].append(seat) }
        var groups: [Int: [Int]] = [:]
        for position in members.indices { groups[cluster[position], default: []].append(position) }
        let kept = groups.filter { root, positions in
            seatsOfRoot[root] != nil || positions.contains { isSeed(parcels[members[$0]], parameters) }
        }

        var regions: [BuiltUpRegion] = []
        for (root, positions) in kept {
            let indices = positions.map { members[$0] }
            var byTownship: [String: Double] = [:], byCounty: [String: Double] = [:]
            for i in indices {
                byTownship[String(parcels[i].unitCode.prefix(9)), default: 0] += parcels[i].area
                byCounty[String(parcels[i].unitCode.prefix(6)), default: 0] += parcels[i].area
            }
            regions.append(BuiltUpRegion(
                id: 0, parcels: indices,
                seats: (seatsOfRoot[root] ?? []).sorted { ($0.rank.rawValue, $1.code) > ($1.rank.rawValue, $0.code) },
                hasSeed: indices.contains { isSeed(parcels[$0], parameters) },
                footprintSquareMetres: indices.reduce(0) { $0 + parcels[$1].area },
                footprintByTownship: byTownship, footprintByCounty: byCounty, outline: nil, outlineSquareMetres: nil))
        }
        regions.sort { ($0.rank?.rawValue ?? 0, -$0.parcels[0]) > ($1.rank?.rawValue ?? 0, -$1.parcels[0]) }
        var regionOfParcel = [Int?](repeating: nil, count: parcels.count)
        for position in regions.indices {
            regions[position].id = position + 1
            for i in regions[position].parcels { regionOfParcel[i] = position }
        }
        return Result(regions: regions, regionOfParcel: regionOfParcel)
    }

    /// The parcels unioned, gaps up to the gap distance closed (buffer out and back in by half
    /// the gap), and holes smaller than the threshold filled. The closing is unioned with the
    /// parcels again: buffers approximate arcs by chords, which would shave their corners.
    static func outline(of geometries: [Geometry], _ parameters: BuiltUpParameters) throws -> Geometry {
        let half = parameters.gapMetres / 2
        let dissolved = try? Geometry.coverageUnion(geometries)
        let footprint = try dissolved.flatMap { $0.isValid ? $0 : nil } ?? Geometry.unionAll(geometries)
        let closed = try footprint.buffer(half).buffer(-half).union(footprint)
        let polygons = try closed.parts.filter { $0.type == .polygon }
        let filled = try polygons.map { polygon -> Geometry in
            let holes = try polygon.interiorRings.map { try $0.coordinates }.filter { ring in
                (try Geometry.polygon(shell: ring).area) >= parameters.fillHolesSquareMetres
            }
            return try Geometry.polygon(shell: polygon.exteriorRing.coordinates, holes: holes)
        }
        return filled.count == 1 ? filled[0] : try Geometry.collection(.multiPolygon, filled)
    }
}

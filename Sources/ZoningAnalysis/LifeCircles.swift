import ZoningGeometry
import ZoningSupport

/// Life-circle coverage: which homes lie within a walk along the roads of each facility type,
/// beside the straight-line figure measured the same way (docs/METHOD.md §5).
///
/// - **Homes** are the residential parcels (the coverage step's residential codes), each with
///   its TBMJ and its share of the village's population; with a population layer, population
///   shares count its points instead (each point a home of its own). A home belongs to the
///   township and unit holding its interior point.
/// - **Joining the network** (`RoadNetwork.positions`): a facility joins its nearest walkable
///   edges (all within 1 m of the nearest: each street of a crossing) at their points nearest
///   to it; a parcel joins its nearest edges (every road along or through it) at their points
///   nearest to its interior point (its doors); a walk takes the best join. Farther than
///   `snapLimitMetres` from every edge they are off the network: an off-network facility
///   serves no one, an off-network home is not reached (and counted).
/// - **Walking distance** = facility → road (straight) + along the roads (shortest path,
///   one-way edges honoured) + road → home (straight; 0 for a parcel the road touches). A
///   home is reached when it is at most the circle's walking distance; it is within the
///   straight line when the facility is at most that far from the parcel (§5's distance,
///   0 inside). A walk is never shorter than that straight line, so the network share never
///   exceeds the straight-line share.
/// - **Rows** per circle and type, and per circle for all its types together (`type` nil: a
///   home reached by every type): for the county, its urban (1xx) and rural (2xx) units
///   when classes are given, each township, and each village-level unit.
/// - **Walking distance figures**: the mean and 90th percentile over the homes with a path
///   to a facility; the **detour ratio** is their summed walking distance ÷ their summed
///   straight-line distance to the nearest facility.
///
/// ```swift
/// let result = try LifeCircles.compute(parcels: parcels, villages: units, regions: townships, facilities: facilities,
///                                      roads: network, residentialCodes: ["0701"])
/// result.rows.first { $0.level == .county && $0.circle == "15min" && $0.type == .elderly }?.networkPopulationShare  // 0.41
/// ```
public enum LifeCircles {
    public enum Level: String, Sendable, CaseIterable {
        case county, urban, rural, township, village
    }

    /// One row of the result.
    public struct Row: Sendable {
        public var level: Level
        /// The county code, `urban`/`rural`, or the township's or unit's code.
        public var code: String
        public var circle: String
        /// Nil for the circle's types together.
        public var type: FacilityType?
        public var walkMetres: Double
        /// Residential parcels, and how many of them are off the network.
        public var homes: Int
        public var offNetwork: Int
        /// Residential land (TBMJ, m²) and the shares within the straight line and the walk.
        public var residentialSquareMetres: Double
        public var lineLandShare: Double?
        public var networkLandShare: Double?
        public var population: Double
        public var linePopulationShare: Double?
        public var networkPopulationShare: Double?
        /// Walking distance to the nearest facility (metres), over homes with a path to one.
        public var meanWalkMetres: Double?
        public var p90WalkMetres: Double?
        /// Summed walking ÷ summed straight-line distance over the same homes.
        public var detourRatio: Double?
        /// A village-level unit's derived class, when classes were given.
        public var urbanRuralClass: UrbanRuralClass?
    }

    /// The network as built, for the checks and the report.
    public struct NetworkSummary: Sendable {
        public var nodes: Int
        public var edges: Int
        /// Metres of walkable road, and per component (largest first).
        public var metres: Double
        public var componentMetres: [Double]
        public var excludedClasses: [String: Int]
        public var danglingGradeSeparated: [String]
    }

    public struct Result: Sendable {
        public var rows: [Row]
        public var network: NetworkSummary
        /// Facilities off the network, by label (`record 12`), and their count by type.
        public var offNetworkFacilities: [String]
        public var facilitiesByType: [FacilityType: Int]
        /// Residential parcels (indexes into the parcels) standing for the homes, with the
        /// shortest straight walk from a door on a road to the parcel (metres; nil off the
        /// network) and, per type, their walking and straight-line distance to the nearest
        /// facility (`.infinity`: none).
        public var homeParcels: [Int]
        public var homeSnapMetres: [Double?]
        public var walkMetres: [FacilityType: [Double]]
        public var lineMetres: [FacilityType: [Double]]
        /// Per circle (by name): for each home, how many of the circle's types it reaches.
        public var typesReached: [String: [Int]]
        /// Per circle and type: the roads reached within the walk, buffered by
        /// `serviceAreaHalfWidth` and dissolved (for maps; nil when nothing is reached).
        public var serviceAreas: [(circle: String, type: FacilityType, area: Geometry)]
        public var snapLimitMetres: Double
    }

    /// Half the width of the drawn service areas around the reached roads, metres.
    public static let serviceAreaHalfWidth = 30.0

    /// - Parameters:
    ///   - classes: each unit's derived class, for the urban and rural rows (empty: none).
    ///   - countyCode: the code of the county row.
    ///   - access: the network and joins built from these same parcels, facilities, roads,
    ///     parameters and residential codes (`WalkingNetworkStep`); built here when nil.
    public static func compute(
        parcels: [LandParcel], villages: [VillageUnit], regions: [CoverageRegion], facilities: [Facility], roads: [RoadLine],
        residentialCodes: Set<String>, parameters: LifeCircleParameters = LifeCircleParameters(),
        populationPoints: [PopulationPoint]? = nil, classes: [String: UrbanRuralClass] = [:], countyCode: String = "county",
        access: RoadAccess? = nil
    ) throws -> Result {
        let access = try access ?? RoadAccess(parcels: parcels, facilities: facilities, roads: roads, parameters: parameters, residentialCodes: residentialCodes)
        let network = access.network
        let search = NetworkDistance(network)
        let residential = access.residential
        let spread = Coverage.spreadPopulation(parcels: parcels, residential: residential, villages: villages)

        // Homes: the residential parcels, then the population points when given.
        var homes: [Home] = try residential.enumerated().map { k, i in
            Home(shape: parcels[i].geometry, point: try parcels[i].geometry.pointOnSurface(), land: parcels[i].area,
                 population: populationPoints == nil ? spread[k] : 0, unit: parcels[i].unitCode)
        }
        let regionIndex = try SpatialIndex(regions.map(\.geometry))
        let preparedRegions = try regions.map { try PreparedGeometry($0.geometry) }
        if let points = populationPoints {
            let units = villages.compactMap { unit in unit.geometry.map { (code: unit.code, geometry: $0) } }
            let unitIndex = try SpatialIndex(units.map(\.geometry))
            for person in points where !person.point.isEmpty {
                let point = person.point.type == .point ? person.point : try person.point.pointOnSurface()
                guard let bounds = point.bounds else { continue }
                let unit = try unitIndex.query(bounds).first { try units[$0].geometry.covers(point) }
                homes.append(Home(shape: point, point: point, land: 0, population: person.residents, unit: unit.map { units[$0].code }))
            }
        }
        for k in homes.indices {
            guard let bounds = homes[k].point.bounds else { continue }
            homes[k].region = try regionIndex.query(bounds).first { try preparedRegions[$0].covers(homes[k].point) }
        }
        let homePositions = access.homePositions
            + (try network.positions(of: homes[residential.count...].map(\.shape), limit: parameters.snapLimitMetres))
        let facilityPositions = access.facilityPositions

        // Per type: walking and straight-line metres from every home to the nearest facility.
        let types = parameters.types
        let homeShapes = homes.map(\.shape)
        let perType = try Parallel.map(types) { type -> (walk: [Double], line: [Double], area: [(Double, Geometry?)]) in
            let mine = facilities.indices.filter { facilities[$0].type == type }
            let sources = mine.flatMap { facilityPositions[$0] }
            let nodeDistances = search.fromSources(sources)
            let walk = homePositions.map { joins in search.distance(toAny: joins, nodeDistances: nodeDistances, sources: sources) }
            var line = [Double](repeating: .infinity, count: homeShapes.count)
            if !mine.isEmpty {
                let points = mine.map { facilities[$0].point }
                let index = try SpatialIndex(points)
                let boxes = points.map(\.bounds)
                for (k, shape) in homeShapes.enumerated() {
                    line[k] = try shape.bounds.map { try nearestDistance(to: shape, within: $0, of: points, boxes: boxes) }
                        ?? index.nearest(to: shape)?.distance ?? .infinity
                }
            }
            // Service areas for every walking distance this type is measured at.
            let distances = Set(parameters.circles.filter { $0.types.contains(type) }.map(\.walkMetres)).sorted()
            let areas = try distances.map { metres in (metres, try serviceArea(network, nodeDistances, sources, metres)) }
            return (walk, line, areas)
        }
        var walkOf: [FacilityType: [Double]] = [:], lineOf: [FacilityType: [Double]] = [:]
        var serviceAreas: [(circle: String, type: FacilityType, area: Geometry)] = []
        for (type, part) in zip(types, perType) {
            walkOf[type] = part.walk
            lineOf[type] = part.line
        }
        for circle in parameters.circles {
            for type in circle.types {
                guard let t = types.firstIndex(of: type), let area = perType[t].area.first(where: { $0.0 == circle.walkMetres })?.1 else { continue }
                serviceAreas.append((circle.name, type, area))
            }
        }

        // Groups of homes for the rows.
        var groups: [(Level, String, [Int])] = [(.county, countyCode, Array(homes.indices))]
        if !classes.isEmpty {
            groups.append((.urban, "urban", homes.indices.filter { homes[$0].unit.flatMap { classes[$0] }?.isUrban == true }))
            groups.append((.rural, "rural", homes.indices.filter { homes[$0].unit.flatMap { classes[$0] }.map { !$0.isUrban } == true }))
        }
        var byRegion = [[Int]](repeating: [], count: regions.count)
        var byUnit: [String: [Int]] = [:]
        for (k, home) in homes.enumerated() {
            if let r = home.region { byRegion[r].append(k) }
            if let unit = home.unit { byUnit[unit, default: []].append(k) }
        }
        for (r, region) in regions.enumerated() { groups.append((.township, region.code, byRegion[r])) }
        for unit in villages.map(\.code) { groups.append((.village, unit, byUnit[unit] ?? [])) }

        var rows: [Row] = []
        var typesReached: [String: [Int]] = [:]
        for circle in parameters.circles {
            var reachedCount = [Int](repeating: 0, count: homes.count)
            for type in circle.types {
                for k in homes.indices where walkOf[type]![k] <= circle.walkMetres { reachedCount[k] += 1 }
            }
            typesReached[circle.name] = Array(reachedCount.prefix(residential.count))
            for (level, code, members) in groups {
                for type in circle.types {
                    rows.append(row(level, code, circle, type, members, homes, homePositions,
                                    walked: { walkOf[type]![$0] <= circle.walkMetres }, lined: { lineOf[type]![$0] <= circle.walkMetres },
                                    walk: walkOf[type]!, line: lineOf[type]!))
                }
                if circle.types.count > 1 {
                    rows.append(row(level, code, circle, nil, members, homes, homePositions,
                                    walked: { k in circle.types.allSatisfy { walkOf[$0]![k] <= circle.walkMetres } },
                                    lined: { k in circle.types.allSatisfy { lineOf[$0]![k] <= circle.walkMetres } },
                                    walk: nil, line: nil))
                }
                if level == .village, let unitClass = classes[code] {
                    for i in rows.indices.suffix(circle.types.count + (circle.types.count > 1 ? 1 : 0)) { rows[i].urbanRuralClass = unitClass }
                }
            }
        }

        let parcelHomes = residential.count
        return Result(
            rows: rows,
            network: NetworkSummary(
                nodes: network.nodes.count, edges: network.edges.count, metres: network.totalLength, componentMetres: network.componentLengths,
                excludedClasses: network.excluded, danglingGradeSeparated: network.danglingGradeSeparated),
            offNetworkFacilities: facilities.indices.filter { facilityPositions[$0].isEmpty && types.contains(facilities[$0].type) }.map { facilities[$0].label },
            facilitiesByType: Dictionary(grouping: facilities.filter { types.contains($0.type) }, by: \.type).mapValues(\.count),
            homeParcels: residential, homeSnapMetres: homePositions.prefix(parcelHomes).map { $0.first?.snap },
            walkMetres: walkOf.mapValues { Array($0.prefix(parcelHomes)) }, lineMetres: lineOf.mapValues { Array($0.prefix(parcelHomes)) },
            typesReached: typesReached, serviceAreas: serviceAreas, snapLimitMetres: parameters.snapLimitMetres)
    }

    struct Home {
        /// The parcel polygon, or the population point.
        var shape: Geometry
        /// Its interior point, for the township and unit it belongs to.
        var point: Geometry
        /// TBMJ m² (0 for a population point) and residents.
        var land: Double
        var population: Double
        var unit: String?
        var region: Int?
    }

    static func row(
        _ level: Level, _ code: String, _ circle: LifeCircle, _ type: FacilityType?, _ members: [Int], _ homes: [Home], _ positions: [[NetworkPosition]],
        walked: (Int) -> Bool, lined: (Int) -> Bool, walk: [Double]?, line: [Double]?
    ) -> Row {
        let parcels = members.filter { homes[$0].land > 0 }
        let land = parcels.reduce(0) { $0 + homes[$1].land }
        let people = members.reduce(0) { $0 + homes[$1].population }
        func share(_ total: Double, _ weight: (Int) -> Double, _ test: (Int) -> Bool) -> Double? {
            total > 0 ? members.reduce(0) { test($1) ? $0 + weight($1) : $0 } / total : nil
        }
        var mean: Double?, p90: Double?, detour: Double?
        if let walk, let line {
            // The homes that stand for land (parcels) unless there are none (points only).
            let measured = (parcels.isEmpty ? members : parcels).filter { walk[$0].isFinite }
            let walks = measured.map { walk[$0] }.sorted()
            if !walks.isEmpty {
                mean = walks.reduce(0, +) / Double(walks.count)
                p90 = Coverage.percentile(walks, 0.9)
                let straight = measured.reduce(0) { $0 + (line[$1].isFinite ? line[$1] : 0) }
                detour = straight > 0 ? walks.reduce(0, +) / straight : nil
            }
        }
        return Row(
            level: level, code: code, circle: circle.name, type: type, walkMetres: circle.walkMetres,
            homes: parcels.count, offNetwork: parcels.filter { positions[$0].isEmpty }.count,
            residentialSquareMetres: land, lineLandShare: share(land, { homes[$0].land }, lined),
            networkLandShare: share(land, { homes[$0].land }, walked),
            population: people, linePopulationShare: share(people, { homes[$0].population }, lined),
            networkPopulationShare: share(people, { homes[$0].population }, walked),
            meanWalkMetres: mean, p90WalkMetres: p90, detourRatio: detour, urbanRuralClass: nil)
    }

    /// The distance from `shape` (its box `bounds`) to the nearest of `points` (`.infinity`
    /// without one): the points measured nearest box first, until a box lies beyond the nearest
    /// found (a point is never nearer than its box), as the index's nearest search would find it.
    static func nearestDistance(to shape: Geometry, within bounds: Bounds, of points: [Geometry], boxes: [Bounds?]) throws -> Double {
        let order = points.indices.compactMap { i in boxes[i].map { (i, RoadNetwork.gap(bounds, $0)) } }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        var nearest = Double.infinity
        for (i, gap) in order {
            // A millimetre of slack against rounding in the box gap.
            if gap > nearest + 0.001 { break }
            nearest = min(nearest, try points[i].distance(to: shape))
        }
        return nearest
    }

    /// The roads within `metres` of a source, buffered and dissolved.
    static func serviceArea(_ network: RoadNetwork, _ nodeDistances: [Double], _ sources: [NetworkPosition], _ metres: Double) throws -> Geometry? {
        let pieces = try reachedRoads(network, nodeDistances, sources, metres)
        guard !pieces.isEmpty else { return nil }
        // Each piece buffered, then the buffers dissolved: the same polygon as buffering the
        // pieces together, about eight times faster on a county's network (GEOS nodes the
        // offset curves of one big buffer all against each other).
        let style = BufferStyle(quadrantSegments: 2)
        return try Geometry.unionAll(pieces.map { try $0.buffer(serviceAreaHalfWidth, style: style) })
    }

    /// The pieces of road within `metres` of a source: whole edges, or the spans of them reached.
    static func reachedRoads(_ network: RoadNetwork, _ nodeDistances: [Double], _ sources: [NetworkPosition], _ metres: Double) throws -> [Geometry] {
        var pieces: [Geometry] = []
        for (index, edge) in network.edges.enumerated() {
            var spans: [(Double, Double)] = []
            let fromLeft = metres - nodeDistances[edge.from], fromRight = metres - nodeDistances[edge.to]
            if edge.direction.allowsForward, fromLeft > 0 { spans.append((0, min(edge.length, fromLeft))) }
            if edge.direction.allowsBackward, fromRight > 0 { spans.append((max(0, edge.length - fromRight), edge.length)) }
            for source in sources where source.edge == index && source.snap < metres {
                let reach = metres - source.snap
                spans.append((edge.direction.allowsBackward ? max(0, source.offset - reach) : source.offset,
                               edge.direction.allowsForward ? min(edge.length, source.offset + reach) : source.offset))
            }
            guard !spans.isEmpty else { continue }
            if spans.map(\.0).min()! <= 0, spans.map(\.1).max()! >= edge.length, merged(spans) {
                pieces.append(edge.geometry)
                continue
            }
            let coordinates = try edge.geometry.coordinates
            for span in spans where span.1 > span.0 {
                let part = RoadNetwork.substring(coordinates, span.0, span.1)
                if part.count >= 2 { pieces.append(try Geometry.lineString(part)) }
            }
        }
        return pieces
    }

    /// Whether spans cover their whole range without a hole.
    static func merged(_ spans: [(Double, Double)]) -> Bool {
        var reach = -Double.infinity
        for span in spans.sorted(by: { $0.0 < $1.0 }) {
            if reach.isFinite, span.0 > reach { return false }
            reach = max(reach, span.1)
        }
        return true
    }
}

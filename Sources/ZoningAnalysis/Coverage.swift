import ZoningGeometry
import ZoningSupport
import ZoningProjection

/// A facility point with its standard type.
public struct Facility: Sendable {
    public var point: Geometry
    public var type: FacilityType
    /// The type as the layer writes it (`养老院`).
    public var name: String
    /// Where it comes from in its layer, for messages: `record 12`, `line 14`.
    public var label: String
    /// Its own name as the layer writes it (`南山镇养老院`), from the first of
    /// `InputReader.titleFieldCandidates` the layer has; "" without one.
    public var title: String

    public init(point: Geometry, type: FacilityType, name: String, label: String = "", title: String = "") {
        self.point = point
        self.type = type
        self.name = name
        self.label = label
        self.title = title
    }
}

/// A region to report coverage for: a village, township, county — any polygon.
public struct CoverageRegion: Sendable {
    public var code: String
    public var name: String
    /// E.g. 街道, 镇, 乡 for townships, to group unit coverage by kind.
    public var kind: String?
    public var geometry: Geometry

    public init(code: String, name: String, kind: String?, geometry: Geometry) {
        self.code = code
        self.name = name
        self.kind = kind
        self.geometry = geometry
    }
}

/// The coverage figures of one region for one facility type (docs/METHOD.md §5).
public struct RegionCoverage: Sendable {
    public var region: String
    public var type: FacilityType
    public var radiusMetres: Double
    /// Residential land (ellipsoidal m²) in the region, and the share of it inside the type's
    /// service area (nil without residential land).
    public var residentialSquareMetres: Double
    public var residentialCoverage: Double?
    /// Population in the region (spread over residential land), and the share covered.
    public var population: Double
    public var populationCoverage: Double?
    /// Facilities of the type inside the region.
    public var facilities: Int
    /// Distance in metres from the region's residential parcels to the nearest facility of the
    /// type (0 inside): mean, 90th percentile, maximum; nil without residential land or facilities.
    public var meanDistance: Double?
    public var p90Distance: Double?
    public var maxDistance: Double?

    public init(
        region: String, type: FacilityType, radiusMetres: Double, residentialSquareMetres: Double, residentialCoverage: Double?,
        population: Double, populationCoverage: Double?, facilities: Int, meanDistance: Double?, p90Distance: Double?, maxDistance: Double?
    ) {
        self.region = region
        self.type = type
        self.radiusMetres = radiusMetres
        self.residentialSquareMetres = residentialSquareMetres
        self.residentialCoverage = residentialCoverage
        self.population = population
        self.populationCoverage = populationCoverage
        self.facilities = facilities
        self.meanDistance = meanDistance
        self.p90Distance = p90Distance
        self.maxDistance = maxDistance
    }
}

/// A residential parcel outside every service area of a type: where staff may need to build.
public struct CoverageGap: Sendable {
    public var parcel: Int
    public var type: FacilityType
    public var region: String?
    public var population: Double
    public var nearestMetres: Double?

    public init(parcel: Int, type: FacilityType, region: String?, population: Double, nearestMetres: Double?) {
        self.parcel = parcel
        self.type = type
        self.region = region
        self.population = population
        self.nearestMetres = nearestMetres
    }
}

/// Residents at a point: a census grid cell's centre, a building, an address.
public struct PopulationPoint: Sendable {
    public var point: Geometry
    public var residents: Double
    /// Where it comes from in its layer, for messages: `record 12`, `line 14`.
    public var label: String

    public init(point: Geometry, residents: Double, label: String = "") {
        self.point = point
        self.residents = residents
        self.label = label
    }
}

/// Service areas, coverage per region, and gaps (docs/METHOD.md §5).
///
/// - **Service area** of a type: the union of circles of its radius around its facilities
///   (buffers in the data's metric CRS; 8 segments per quarter circle, so a circle's area is
///   0.9936 of πr²).
/// - **Residential-land coverage**: residential land (0701, and 0702 with `includeRuralHomesteads`)
///   within the service area ÷ all residential land, using each parcel's TBMJ scaled by the
///   share of its plane area inside.
/// - **Population coverage**: each village's population spread over its residential land by
///   area (parcels belong to villages by ZLDWDM), covered ÷ total. When population is given
///   as points (a census grid's cell centres, buildings with residents), it is the residents
///   of the points within the service area ÷ all residents of the region's points instead,
///   and a gap parcel's population is that of the points inside it.
/// - **Facilities per region**: facility points inside the region; unit coverage is the share
///   of regions with at least one.
/// - **Distance**: from each residential parcel polygon to the nearest facility (0 inside).
/// Parcels belong to the region holding their interior point.
///
/// ```swift
/// let result = try Coverage.compute(parcels: parcels, villages: units, regions: townships, facilities: facilities, crs: crs)
/// result.regions.first { $0.type == .elderly }?.residentialCoverage  // 0.42
/// ```
public enum Coverage {
    public struct Parameters: AnalysisParameters {
        public var radii: [FacilityType: Double] = Dictionary(uniqueKeysWithValues: FacilityType.allCases.map { ($0, $0.defaultRadiusMetres) })
        public var includeRuralHomesteads = false

        public init() {}

        /// The section of a project file that sets these parameters.
        public static let section = "coverage"

        /// Every parameter with its project-file key (`ParameterTable.swift`).
        public static let table: [ParameterEntry<Self>] = [
            .bool("include_0702", \.includeRuralHomesteads, doc: "Count rural homesteads (0702) as residential land too, beside 0701."),
            ParameterEntry(
                "radius_m", shape: .map(of: .number(unit: .metres, range: 1...100_000), names: FacilityType.allCases.map(\.rawValue)),
                doc: "The service radius of each facility type.",
                get: { .map($0.radii.sorted { $0.key < $1.key }.map { ParameterValue.Named($0.key.rawValue, .number($0.value)) }) },
                set: { parameters, value in
                    guard case .map(let entries) = value else { return }
                    for entry in entries {
                        guard let type = FacilityType(name: entry.name) else {
                            throw ParameterError(section: Self.section, key: "radius_m.\(entry.name)",
                                                 problem: "unknown facility type; use one of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", "))")
                        }
                        switch entry.value {
                        case .number(let metres): parameters.radii[type] = metres
                        case .integer(let metres): parameters.radii[type] = Double(metres)
                        default: break
                        }
                    }
                }),
        ]

        public var residentialCodes: Set<String> { includeRuralHomesteads ? ["0701", "0702"] : ["0701"] }
    }

    public struct Result: Sendable {
        public var regions: [RegionCoverage]
        public var gaps: [CoverageGap]
        /// The service area of each type present.
        public var serviceAreas: [FacilityType: Geometry]
        /// Population coverage counts population points, not villages spread over residential land.
        public var populationFromPoints = false

        public init(regions: [RegionCoverage], gaps: [CoverageGap], serviceAreas: [FacilityType: Geometry], populationFromPoints: Bool = false) {
            self.regions = regions
            self.gaps = gaps
            self.serviceAreas = serviceAreas
            self.populationFromPoints = populationFromPoints
        }
    }

    /// - Parameter populationPoints: residents as points, replacing the villages' populations
    ///   spread over residential land; nil for the spread.
    public static func compute(
        parcels: [LandParcel], villages: [VillageUnit], regions: [CoverageRegion], facilities: [Facility],
        crs: CoordinateReferenceSystem, parameters: Parameters = Parameters(), populationPoints: [PopulationPoint]? = nil
    ) throws -> Result {
        guard !crs.isGeographic, crs.unitName.lowercased().hasPrefix("met") else { throw AnalysisError.needsMetres(crs: crs.shortDescription) }
        let residentialCodes = parameters.residentialCodes
        var isResidential: [String: Bool] = [:]  // each distinct code looked up once
        let residential = parcels.indices.filter { i in
            let landUse = parcels[i].landUse
            if let known = isResidential[landUse] { return known }
            isResidential[landUse] = residentialCodes.contains(landUse)
            return isResidential[landUse]!
        }

        var parcelPopulation = spreadPopulation(parcels: parcels, residential: residential, villages: villages)

        // Each residential parcel's region, by its interior point, on every core. The regions
        // are few and large, so each task prepares them once; preparing each point instead
        // tests every point against the whole region boundary.
        let regionBounds = regions.map(\.geometry.bounds)
        let size = max(1024, residential.count / (Parallel.threads * 4) + 1)
        let chunks = stride(from: 0, to: residential.count, by: size).map { residential[$0..<min($0 + size, residential.count)] }
        let regionOfParcel = try Parallel.map(chunks) { chunk -> [Int?] in
            let prepared = try regions.map { try PreparedGeometry($0.geometry) }
            return try chunk.map { i -> Int? in
                let point = try parcels[i].geometry.pointOnSurface()
                guard let bounds = point.bounds else { return nil }
                return try regions.indices.first { r in
                    guard let box = regionBounds[r], box.meets(bounds) else { return false }
                    return try prepared[r].covers(point)
                }
            }
        }.flatMap { $0 }

        // Population points: each one's region, and each residential parcel's residents are
        // those of the points it covers (the first parcel, where parcels share an edge).
        var regionOfPoint: [Int?] = []
        if let points = populationPoints {
            let regionIndex = try SpatialIndex(regions.map(\.geometry))
            let preparedRegions = try regions.map { try PreparedGeometry($0.geometry) }
            regionOfPoint = try points.map { person in
                guard let bounds = person.point.bounds else { return nil }
                return try regionIndex.query(bounds).first { try preparedRegions[$0].covers(person.point) }
            }
            let residentialIndex = try SpatialIndex(residential.map { parcels[$0].geometry })
            parcelPopulation = Array(repeating: 0, count: residential.count)
            for person in points {
                guard let bounds = person.point.bounds else { continue }
                if let k = try residentialIndex.query(bounds).sorted().first(where: { try parcels[residential[$0]].geometry.covers(person.point) }) {
                    parcelPopulation[k] += person.residents
                }
            }
        }

        // Facility types are independent, and so are parcels: each type's service area is made
        // on some core, then every (type, run of parcels) pair is a task of its own, with its
        // own prepared service area and search, so both cores stay busy however few the types.
        let types = reportedTypes(facilities: facilities, parameters: parameters)
        let preparedRegions = try regions.map { try PreparedGeometry($0.geometry) }
        let regionsOfFacility = try facilities.map { facility in
            try regions.indices.filter { try preparedRegions[$0].covers(facility.point) }
        }
        let inputs = TypeInputs(
            parcels: parcels, residential: residential, parcelPopulation: parcelPopulation, regionOfParcel: regionOfParcel,
            regions: regions, facilities: facilities, populationPoints: populationPoints, regionOfPoint: regionOfPoint,
            outlines: try ShapeOutlines(residential.map { parcels[$0].geometry }), regionsOfFacility: regionsOfFacility)
        let radii = types.map { parameters.radii[$0] ?? $0.defaultRadiusMetres }
        let chosen = types.map { type in facilities.indices.filter { facilities[$0].type == type } }
        let serviceAreas = try Parallel.map(Array(types.indices)) { t -> Geometry? in
            chosen[t].isEmpty ? nil : try Geometry.unionAll(chosen[t].map { try facilities[$0].point.buffer(radii[t]) })
        }
        let runs = stride(from: 0, to: residential.count, by: size).map { $0..<min($0 + size, residential.count) }
        let tasks = types.indices.flatMap { t in runs.map { (type: t, run: $0) } }
        let figures = try Parallel.map(tasks) { task in
            try parcelFigures(
                points: chosen[task.type].map { facilities[$0].point }, radius: radii[task.type], serviceArea: serviceAreas[task.type],
                run: task.run, inputs)
        }
        let perType = try types.indices.map { t in
            let mine = figures[(t * runs.count)..<((t + 1) * runs.count)]
            return try coverage(
                of: types[t], radius: radii[t], serviceArea: serviceAreas[t], facilities: chosen[t],
                covered: mine.flatMap(\.covered), distance: mine.flatMap(\.distance), inputs)
        }
        var result = Result(regions: [], gaps: [], serviceAreas: [:], populationFromPoints: populationPoints != nil)
        for part in perType {
            result.regions += part.regions
            result.gaps += part.gaps
            if let area = part.serviceArea { result.serviceAreas[part.type] = area }
        }
        return result
    }

    /// The facility types coverage is reported for, in order: those of the facilities, and the
    /// five a plan always asks about (kindergarten, primary, middle school, clinic, elderly care).
    public static func reportedTypes(facilities: [Facility], parameters: Parameters) -> [FacilityType] {
        Set(facilities.map(\.type)).union([.kindergarten, .primary, .middle, .clinic, .elderly].filter { parameters.radii[$0] != nil }).sorted()
    }

    /// What every facility type's coverage reads.
    struct TypeInputs: Sendable {
        var parcels: [LandParcel]
        /// Indexes into `parcels` of the residential ones.
        var residential: [Int]
        /// Per residential parcel (same order): residents and the region it lies in.
        var parcelPopulation: [Double]
        var regionOfParcel: [Int?]
        var regions: [CoverageRegion]
        var facilities: [Facility]
        /// Residents as points, with each point's region (same order); nil for the spread.
        var populationPoints: [PopulationPoint]?
        var regionOfPoint: [Int?]
        /// The residential parcels' boxes and vertices (same order as `residential`).
        var outlines: ShapeOutlines
        /// Per facility (same order as `facilities`): the regions covering it.
        var regionsOfFacility: [[Int]]
    }

    /// One type's service area, rows per region and gaps.
    struct TypeCoverage: Sendable {
        var type: FacilityType
        var serviceArea: Geometry?
        var regions: [RegionCoverage]
        var gaps: [CoverageGap]
    }

    /// For the residential parcels at positions `run` of `inputs.residential`: the share of each
    /// inside the service area (TBMJ is scaled by it) and its distance to the nearest of
    /// `points` (nil without facilities), in metres.
    static func parcelFigures(
        points: [Geometry], radius: Double, serviceArea area: Geometry?, run: Range<Int>, _ inputs: TypeInputs
    ) throws -> (covered: [Double], distance: [Double?]) {
        let prepared = try area.map { try PreparedGeometry($0) }
        let near = try NearestFacility(points, radius: radius)
        var covered = [Double](repeating: 0, count: run.count)
        var distance = [Double?](repeating: nil, count: run.count)
        for k in run {
            let geometry = inputs.parcels[inputs.residential[k]].geometry
            let at = k - run.lowerBound
            if let near, let found = try near.search(geometry, k, inputs.outlines) {
                // The distances settle most parcels without GEOS's predicates (NearestFacility):
                // inside one facility's circle, or farther than the radius from every facility.
                distance[at] = found.distance
                if found.inside {
                    covered[at] = 1
                } else if found.distance <= radius * (1 + ShapeOutlines.margin), let area, let prepared, try prepared.intersects(geometry) {
                    covered[at] = try prepared.containsProperly(geometry) ? 1 : min(1, try geometry.intersection(area).area / geometry.area)
                }
            } else {
                if let area, let prepared, try prepared.intersects(geometry) {
                    covered[at] = try prepared.containsProperly(geometry) ? 1 : min(1, try geometry.intersection(area).area / geometry.area)
                }
                distance[at] = try near?.index.nearest(to: geometry)?.distance
            }
        }
        return (covered, distance)
    }

    /// One type's gaps and rows per region, from its parcels' figures (`parcelFigures`, in the
    /// order of `inputs.residential`); `facilities` are positions in `inputs.facilities`.
    static func coverage(
        of type: FacilityType, radius: Double, serviceArea area: Geometry?, facilities chosen: [Int],
        covered: [Double], distance: [Double?], _ inputs: TypeInputs
    ) throws -> TypeCoverage {
        let (parcels, residential, regions) = (inputs.parcels, inputs.residential, inputs.regions)
        var result = TypeCoverage(type: type, serviceArea: area, regions: [], gaps: [])
        for (k, i) in residential.enumerated() where covered[k] == 0 {
            result.gaps.append(CoverageGap(
                parcel: i, type: type, region: inputs.regionOfParcel[k].map { regions[$0].code },
                population: inputs.parcelPopulation[k], nearestMetres: distance[k]))
        }
        var facilitiesInRegion = [Int](repeating: 0, count: regions.count)
        for j in chosen { for r in inputs.regionsOfFacility[j] { facilitiesInRegion[r] += 1 } }
        // Residents per region and those within the service area: from the points when given.
        var people = [Double](repeating: 0, count: regions.count), coveredPeople = people
        if let persons = inputs.populationPoints {
            let prepared = try area.map { try PreparedGeometry($0) }
            for (j, person) in persons.enumerated() {
                guard let r = inputs.regionOfPoint[j] else { continue }
                people[r] += person.residents
                if let prepared, try prepared.covers(person.point) { coveredPeople[r] += person.residents }
            }
        } else {
            for (k, r) in inputs.regionOfParcel.enumerated() {
                guard let r else { continue }
                people[r] += inputs.parcelPopulation[k]
                coveredPeople[r] += inputs.parcelPopulation[k] * covered[k]
            }
        }
        // Each region's residential parcels, in input order (the sums add in that order).
        var parcelsOfRegion = [[Int]](repeating: [], count: regions.count)
        for (k, r) in inputs.regionOfParcel.enumerated() { if let r { parcelsOfRegion[r].append(k) } }
        for (r, region) in regions.enumerated() {
            let mine = parcelsOfRegion[r]
            let land = mine.reduce(0) { $0 + parcels[residential[$1]].area }
            let coveredLand = mine.reduce(0) { $0 + parcels[residential[$1]].area * covered[$1] }
            let distances = mine.compactMap { distance[$0] }.sorted()
            result.regions.append(RegionCoverage(
                region: region.code, type: type, radiusMetres: radius, residentialSquareMetres: land,
                residentialCoverage: land > 0 ? coveredLand / land : nil, population: people[r],
                populationCoverage: people[r] > 0 ? coveredPeople[r] / people[r] : nil, facilities: facilitiesInRegion[r],
                meanDistance: distances.isEmpty ? nil : distances.reduce(0, +) / Double(distances.count),
                p90Distance: percentile(distances, 0.9), maxDistance: distances.last))
        }
        return result
    }

    /// The population of each residential parcel (`residential` indexes `parcels`; same
    /// order): its village's population × its share of the village's residential land.
    static func spreadPopulation(parcels: [LandParcel], residential: [Int], villages: [VillageUnit]) -> [Double] {
        var residentialOfUnit: [String: Double] = [:]
        for i in residential { residentialOfUnit[parcels[i].unitCode, default: 0] += parcels[i].area }
        let populationOfUnit = Dictionary(villages.map { ($0.code, Double($0.population ?? 0)) }, uniquingKeysWith: { a, _ in a })
        return residential.map { i -> Double in
            let land = residentialOfUnit[parcels[i].unitCode] ?? 0
            return land > 0 ? (populationOfUnit[parcels[i].unitCode] ?? 0) * parcels[i].area / land : 0
        }
    }

    /// The nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// The share of `regions` (optionally of the given kinds) holding at least one facility of
    /// `type`: how "elderly-care centres in 60% of towns" is counted.
    public static func unitCoverage(_ result: Result, regions: [CoverageRegion], type: FacilityType, kinds: Set<String>? = nil) -> Double? {
        let chosen = Set(regions.filter { kinds == nil || kinds!.contains($0.kind ?? "") }.map(\.code))
        let rows = result.regions.filter { $0.type == type && chosen.contains($0.region) }
        guard !rows.isEmpty else { return nil }
        return Double(rows.filter { $0.facilities > 0 }.count) / Double(rows.count)
    }
}

import ZoningGeometry

/// A village-level unit to classify.
public struct VillageUnit: Sendable {
    public var code: String          // 12 digits
    public var name: String
    public var population: Int?
    public var officialClass: UrbanRuralClass?
    /// Flagged as a special area (industrial/mining area, development zone, farm, …).
    public var special: Bool
    /// The unit's polygon, to find the seats inside it; nil skips that check.
    public var geometry: Geometry?

    public init(code: String, name: String, population: Int?, officialClass: UrbanRuralClass?, special: Bool, geometry: Geometry?) {
        self.code = code
        self.name = name
        self.population = population
        self.officialClass = officialClass
        self.special = special
        self.geometry = geometry
    }
}

/// The class of one unit and why.
public struct UnitClassification: Sendable {
    public var code: String
    public var name: String
    public var population: Int?
    public var derivedClass: UrbanRuralClass
    public var officialClass: UrbanRuralClass?
    /// nil when there is no official class to compare.
    public var agrees: Bool? { officialClass.map { $0 == derivedClass } }
    /// s: the share of its construction land in the region of the seat it is connected to
    /// (or the largest such share when it is connected to none).
    public var share: Double
    public var connectedSeat: GovernmentSeat?
    public var regionID: Int?
    /// Its construction land and all its land, ellipsoidal m² (from TBMJ).
    public var constructionSquareMetres: Double
    public var unitSquareMetres: Double
    /// Seats whose points lie in the unit.
    public var seatsInside: [GovernmentSeat]

    public init(
        code: String, name: String, population: Int?, derivedClass: UrbanRuralClass, officialClass: UrbanRuralClass?, share: Double,
        connectedSeat: GovernmentSeat?, regionID: Int?, constructionSquareMetres: Double, unitSquareMetres: Double, seatsInside: [GovernmentSeat]
    ) {
        self.code = code
        self.name = name
        self.population = population
        self.derivedClass = derivedClass
        self.officialClass = officialClass
        self.share = share
        self.connectedSeat = connectedSeat
        self.regionID = regionID
        self.constructionSquareMetres = constructionSquareMetres
        self.unitSquareMetres = unitSquareMetres
        self.seatsInside = seatsInside
    }

    /// The 9-digit township code.
    public var township: String { String(code.prefix(9)) }
    /// What digits 7–9 say the unit's township is: 街道, 镇, 乡 or a township-like unit.
    public var townshipKind: AdministrativeCode.TownshipKind? { AdministrativeCode(code)?.townshipKind }
}

/// Classifies village-level units into the urban–rural classes (docs/METHOD.md §4).
///
/// For each unit and each seat rank, s is the share of the unit's construction land (parcels
/// whose ZLDWDM starts with the unit's code) inside the built-up region holding a seat of that
/// rank. Rank decides first — city (111 full, 112 partial), then town (121, 122), then 乡 (210
/// either way) — so a partial city connection beats a full town one. Full means s ≥ 0.5,
/// partial s ≥ 0.05 with at least 1 ha. Otherwise a special area (flagged, or township digits
/// 400–599) with at least 3 000 residents is 123, and everything else 220.
///
/// ```swift
/// let classes = Classifier.classify(units: units, parcels: parcels, builtUp: result)
/// classes[0].derivedClass  // .mainUrban (111)
/// classes[0].connectedSeat?.code  // "370299"; the reason in words is the presentation's (ReportText)
/// ```
public enum Classifier {
    public static func classify(
        units: [VillageUnit], parcels: [LandParcel], builtUp: BuiltUpRegions.Result, seats: [GovernmentSeat] = [],
        codes: LandUseCodes = LandUseCodes(), parameters: ClassificationParameters = ClassificationParameters()
    ) throws -> [UnitClassification] {
        // One pass over the parcels, summing each unit's land, construction land and
        // construction land per seat region in the parcels' order; each unit code and land-use
        // code is looked up once per run of equal values.
        var slotOfCode: [String: Int] = [:]
        for unit in units where slotOfCode[unit.code] == nil { slotOfCode[unit.code] = slotOfCode.count }
        var unitArea = [Double](repeating: 0, count: slotOfCode.count), constructionArea = unitArea
        var inRegion = [[Int: Double]](repeating: [:], count: slotOfCode.count)
        var isConstruction: [String: Bool] = [:]
        builtUp.regionOfParcel.withUnsafeBufferPointer { regionOfParcel in
            parcels.withUnsafeBufferPointer { parcels in
                var lastCode = "", lastSlot = slotOfCode[""] ?? -1
                var lastUse = "", lastBuilt = codes.isConstruction("")
                for i in parcels.indices {
                    if parcels[i].unitCode != lastCode {
                        lastCode = parcels[i].unitCode
                        lastSlot = slotOfCode[lastCode] ?? -1
                    }
                    guard lastSlot >= 0 else { continue }
                    let area = parcels[i].area
                    unitArea[lastSlot] += area
                    if parcels[i].landUse != lastUse {
                        lastUse = parcels[i].landUse
                        if let known = isConstruction[lastUse] {
                            lastBuilt = known
                        } else {
                            lastBuilt = codes.isConstruction(lastUse)
                            isConstruction[lastUse] = lastBuilt
                        }
                    }
                    guard lastBuilt else { continue }
                    constructionArea[lastSlot] += area
                    if let r = regionOfParcel[i], builtUp.regions[r].rank != nil { inRegion[lastSlot][r, default: 0] += area }
                }
            }
        }
        return try units.map { unit in
            let slot = slotOfCode[unit.code]!
            let inside = try unit.geometry.map { polygon in try seats.filter { try polygon.covers($0.point) } } ?? []
            let figures = UnitFigures(
                constructionSquareMetres: constructionArea[slot], unitSquareMetres: unitArea[slot],
                constructionByRegion: inRegion[slot], seatsInside: inside)
            return decide(unit, figures, builtUp: builtUp, parameters: parameters)
        }
    }

    /// What a unit's class is decided from, however it was measured (here, or by SQL in
    /// PostGIS): areas are sums of TBMJ (ellipsoidal m²) over the unit's parcels (ZLDWDM).
    public struct UnitFigures: Sendable {
        /// The unit's construction land, and all its land, m².
        public var constructionSquareMetres: Double
        public var unitSquareMetres: Double
        /// Its construction land in each built-up region (position in `regions`), m².
        public var constructionByRegion: [Int: Double]
        /// Seats whose points lie in the unit, in the seats' order.
        public var seatsInside: [GovernmentSeat]

        public init(constructionSquareMetres: Double, unitSquareMetres: Double, constructionByRegion: [Int: Double], seatsInside: [GovernmentSeat]) {
            self.constructionSquareMetres = constructionSquareMetres
            self.unitSquareMetres = unitSquareMetres
            self.constructionByRegion = constructionByRegion
            self.seatsInside = seatsInside
        }
    }

    /// The decision rules of the type's summary, applied to one unit's figures.
    ///
    /// ```swift
    /// let figures = Classifier.UnitFigures(constructionSquareMetres: 40_000, unitSquareMetres: 900_000,
    ///                                      constructionByRegion: [0: 30_000], seatsInside: [])
    /// Classifier.decide(unit, figures, builtUp: result).derivedClass  // .mainUrban when region 0 holds a city seat
    /// ```
    public static func decide(
        _ unit: VillageUnit, _ figures: UnitFigures, builtUp: BuiltUpRegions.Result, parameters: ClassificationParameters = ClassificationParameters()
    ) -> UnitClassification {
        let total = figures.constructionSquareMetres
        let inRegion = figures.constructionByRegion.filter { builtUp.regions[$0.key].rank != nil }
        func best(_ rank: SeatRank) -> (region: Int, area: Double)? {
            inRegion.filter { builtUp.regions[$0.key].rank == rank }.max { ($0.value, -$0.key) < ($1.value, -$1.key) }.map { ($0.key, $0.value) }
        }
        func full(_ area: Double) -> Bool { total > 0 && area / total >= parameters.fullShare }
        func partial(_ area: Double) -> Bool { total > 0 && area / total >= parameters.partialShare && area >= parameters.partialMinimumSquareMetres }

        var derived = UrbanRuralClass.village, share = 0.0, connected: (region: Int, area: Double)?
        for (rank, fullClass, partialClass) in [(SeatRank.city, UrbanRuralClass.mainUrban, UrbanRuralClass.urbanFringe), (.town, .townCentre, .townFringe), (.xiang, .xiangCentre, .xiangCentre)] {
            guard let candidate = best(rank) else { continue }
            share = max(share, candidate.area / max(total, 1e-12))
            if full(candidate.area) || partial(candidate.area) {
                derived = full(candidate.area) ? fullClass : partialClass
                share = candidate.area / total
                connected = candidate
                break
            }
        }
        let seat = connected.flatMap { builtUp.regions[$0.region].principalSeat }
        let townshipLike = AdministrativeCode(unit.code)?.townshipKind == .townshipLike
        if connected == nil, (unit.special || townshipLike), (unit.population ?? 0) >= parameters.specialPopulation {
            derived = .special
        }
        return UnitClassification(
            code: unit.code, name: unit.name, population: unit.population, derivedClass: derived, officialClass: unit.officialClass,
            share: share, connectedSeat: seat, regionID: connected.map { builtUp.regions[$0.region].id },
            constructionSquareMetres: total, unitSquareMetres: figures.unitSquareMetres,
            seatsInside: figures.seatsInside)
    }

}

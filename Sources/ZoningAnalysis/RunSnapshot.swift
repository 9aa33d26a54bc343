import ZoningFeatures
import ZoningGeometry
import ZoningProjection

/// One run's figures as a comparison reads them (docs/METHOD.md §9): its units, built-up
/// regions, coverage and targets, with what makes two runs comparable (county, CRS,
/// parameters, zoning version). Made from a run folder by the project layer
/// (`RunSnapshotReader`) or from a run in memory (`RunSnapshot.current`); the comparison
/// (`RunComparison`) reads nothing else.
///
/// Numbers are held as the run's tables write them (share s to 4 decimals, areas in m² to 2),
/// so a run read back from its folder and the same run in memory are the same snapshot.
///
/// ```swift
/// let old = try RunSnapshotReader.read("/data/2024/out")
/// old.county          // "370299"
/// old.units.count     // 120
/// ```
public struct RunSnapshot: Sendable {
    /// One village-level unit.
    public struct Unit: Sendable {
        /// 12 digits.
        public var code: String
        public var name: String
        /// Residents; nil when the villages layer had none.
        public var residents: Int?
        public var derivedClass: UrbanRuralClass
        public var officialClass: UrbanRuralClass?
        /// Share s of its construction land inside a seat's built-up region (0–1).
        public var share: Double
        /// The seat its built-up region is connected to (code), if any.
        public var seat: String?
        /// Its built-up region's id, if any.
        public var region: Int?
        /// Construction land in the unit, m².
        public var constructionSquareMetres: Double
        /// Its polygon in the snapshot's CRS.
        public var geometry: Geometry?

        public init(code: String, name: String, residents: Int?, derivedClass: UrbanRuralClass, officialClass: UrbanRuralClass?, share: Double,
                    seat: String?, region: Int?, constructionSquareMetres: Double, geometry: Geometry?) {
            self.code = code
            self.name = name
            self.residents = residents
            self.derivedClass = derivedClass
            self.officialClass = officialClass
            self.share = share
            self.seat = seat
            self.region = region
            self.constructionSquareMetres = constructionSquareMetres
            self.geometry = geometry
        }

        /// The township's 9 digits.
        public var township: String { String(code.prefix(9)) }
        /// 街道, 镇 or 乡, by the township's digits 7–9 (`AdministrativeCode.townshipKind`).
        public var townshipKind: AdministrativeCode.TownshipKind? { AdministrativeCode(code)?.townshipKind }
    }

    /// One row of coverage: a township and a facility type.
    public struct CoverageRow: Sendable, Equatable {
        public var region: String
        public var name: String
        public var type: String
        /// Shares 0–1, nil without residential land or residents.
        public var residentialCoverage: Double?
        public var populationCoverage: Double?
        public var residents: Int
        /// Facilities of the type inside the township.
        public var facilities: Int

        public init(region: String, name: String, type: String, residentialCoverage: Double?, populationCoverage: Double?, residents: Int, facilities: Int) {
            self.region = region
            self.name = name
            self.type = type
            self.residentialCoverage = residentialCoverage
            self.populationCoverage = populationCoverage
            self.residents = residents
            self.facilities = facilities
        }
    }

    /// One target checked for one region.
    public struct TargetRow: Sendable, Equatable {
        /// The indicator with its facility type, life circle and unit kinds: `unit_coverage/elderly//街道`.
        public var target: String
        public var region: String
        /// `>=` or `<=`.
        public var comparator: String
        public var threshold: Double
        public var value: Double?
        /// pass, fail or n/a.
        public var status: String

        public init(target: String, region: String, comparator: String, threshold: Double, value: Double?, status: String) {
            self.target = target
            self.region = region
            self.comparator = comparator
            self.threshold = threshold
            self.value = value
            self.status = status
        }
    }

    /// One row of the life circles (`life-circles.csv`) of a township or the county: a circle
    /// and a facility type (`all`: every type of the circle).
    public struct LifeCircleRow: Sendable, Equatable {
        /// township or county.
        public var level: String
        public var code: String
        public var name: String
        public var circle: String
        public var type: String
        /// The circle's walk, metres.
        public var walkMetres: Int?
        /// Residential land (m²) and residents of its homes.
        public var residentialSquareMetres: Double
        public var residents: Int
        /// Shares 0–1 of the residential land and of the residents within the walk; nil without any.
        public var networkLandShare: Double?
        public var networkPopulationShare: Double?

        public init(level: String, code: String, name: String, circle: String, type: String, walkMetres: Int?, residentialSquareMetres: Double,
                    residents: Int, networkLandShare: Double?, networkPopulationShare: Double?) {
            self.level = level
            self.code = code
            self.name = name
            self.circle = circle
            self.type = type
            self.walkMetres = walkMetres
            self.residentialSquareMetres = residentialSquareMetres
            self.residents = residents
            self.networkLandShare = networkLandShare
            self.networkPopulationShare = networkPopulationShare
        }
    }

    /// The project's name.
    public var name: String
    /// The county's 6 digits: the prefix most units share.
    public var county: String
    /// The zoning version that made the run.
    public var version: String
    /// The analysis CRS of its geometries.
    public var crs: CoordinateReferenceSystem
    /// The analyses' parameters as the project file spells them, by `section.key`
    /// (`builtup.gap_m` → `100`).
    public var parameters: [String: String]
    public var units: [Unit]
    /// The built-up regions' outlines.
    public var builtUp: [Geometry]
    /// Coverage per township and type; nil when the run computed none.
    public var coverage: [CoverageRow]?
    /// The targets checked; nil when the run had none.
    public var targets: [TargetRow]?
    /// The life circles of the townships and the county; nil when the run had no roads.
    public var lifeCircles: [LifeCircleRow]?
    /// The facilities by name (`facilities.csv`); nil when the run computed no coverage or
    /// was written before runs kept the list.
    public var facilities: [FacilityList.Row]?

    public init(name: String, county: String, version: String, crs: CoordinateReferenceSystem, parameters: [String: String], units: [Unit],
                builtUp: [Geometry], coverage: [CoverageRow]?, targets: [TargetRow]?, lifeCircles: [LifeCircleRow]? = nil,
                facilities: [FacilityList.Row]? = nil) {
        self.name = name
        self.county = county
        self.version = version
        self.crs = crs
        self.parameters = parameters
        self.units = units
        self.builtUp = builtUp
        self.coverage = coverage
        self.targets = targets
        self.lifeCircles = lifeCircles
        self.facilities = facilities
    }

    /// The life circles' levels a comparison reads.
    public static let lifeCircleLevels: Set<String> = [LifeCircles.Level.township.rawValue, LifeCircles.Level.county.rawValue]

    /// The county most of `codes` belong to (their first 6 digits), "" without codes.
    public static func county(of codes: [String]) -> String {
        let counts = codes.reduce(into: [String: Int]()) { $0[String($1.prefix(6)), default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    }

    /// `value` rounded to `decimals` as the run's tables write it (`Field.rounded`).
    public static func rounded(_ value: Double, _ decimals: Int) -> Double {
        Field.rounded(value, decimals: decimals)
    }

    /// The snapshot of a run in memory: the units from its inputs and classification, the
    /// built-up regions, coverage and targets of the steps that ran.
    /// - Throws: `AnalysisError.stepMissing` without classification or built-up regions.
    public static func current(
        name: String, version: String, parameters: [String: String], inputs: AnalysisInputs, results: StepResults, by user: String
    ) throws -> RunSnapshot {
        let classes = try results.required(ClassificationStep.self, by: user).classes
        let regions = try results.required(BuiltUpStep.self, by: user).regions
        let geometryOf = Dictionary(inputs.units.map { ($0.code, $0.geometry) }, uniquingKeysWith: { first, _ in first })
        let units = classes.map { unit in
            Unit(code: unit.code, name: unit.name, residents: unit.population, derivedClass: unit.derivedClass, officialClass: unit.officialClass,
                 share: rounded(unit.share, 4), seat: unit.connectedSeat?.code, region: unit.regionID,
                 constructionSquareMetres: rounded(unit.constructionSquareMetres, 2), geometry: geometryOf[unit.code] ?? nil)
        }
        let names = Dictionary(inputs.townships.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let coverage = results[CoverageStep.self].map { result in
            result.regions.map { row in
                CoverageRow(region: row.region, name: names[row.region] ?? "", type: row.type.rawValue,
                            residentialCoverage: row.residentialCoverage.map { rounded($0, 4) }, populationCoverage: row.populationCoverage.map { rounded($0, 4) },
                            residents: Int(row.population.rounded()), facilities: row.facilities)
            }
        }
        let targets = results[TargetsStep.self].flatMap { rows in
            rows.isEmpty ? nil : rows.map { row in
                TargetRow(target: targetName(indicator: row.target.indicator.rawValue, facility: row.target.facility?.rawValue,
                                             circle: row.target.circle, units: row.target.units?.joined(separator: "/")),
                          region: row.region, comparator: row.target.comparator.rawValue, threshold: rounded(row.target.threshold, 4),
                          value: row.value.map { rounded($0, 4) }, status: row.verdict.rawValue)
            }
        }
        let lifeCircles = results[LifeCircleStep.self].map { result in
            result.rows.filter { lifeCircleLevels.contains($0.level.rawValue) }.map { row in
                LifeCircleRow(level: row.level.rawValue, code: row.code, name: row.level == .township ? names[row.code] ?? "" : "", circle: row.circle,
                              type: row.type?.rawValue ?? "all", walkMetres: row.walkMetres.isFinite ? Int(row.walkMetres.rounded()) : nil,
                              residentialSquareMetres: rounded(row.residentialSquareMetres, 2), residents: Int(row.population.rounded()),
                              networkLandShare: row.networkLandShare.map { rounded($0, 4) }, networkPopulationShare: row.networkPopulationShare.map { rounded($0, 4) })
            }
        }
        let facilities = try results[CoverageStep.self].map { _ in try FacilityList.rows(facilities: inputs.facilities, townships: inputs.townships) }
        return RunSnapshot(name: name, county: county(of: units.map(\.code)), version: version, crs: inputs.crs, parameters: parameters,
                           units: units, builtUp: regions.compactMap(\.outline), coverage: coverage, targets: targets,
                           lifeCircles: lifeCircles, facilities: facilities)
    }

    /// A target's name in the comparison: `unit_coverage/elderly//街道`, empty parts kept.
    public static func targetName(indicator: String, facility: String?, circle: String?, units: String?) -> String {
        [indicator, facility ?? "", circle ?? "", units ?? ""].joined(separator: "/")
    }
}

import ZoningGeometry
import ZoningProjection

/// Two runs compared (docs/METHOD.md §9): what makes them comparable, every unit matched
/// (`UnitMatching`) with what changed and why, urbanization, coverage and targets per region,
/// and the built-up area grown and lost.
///
/// ```swift
/// let comparison = try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters())
/// comparison.units.filter(\.changed).count   // 0 for a run compared with itself
/// ```
public struct RunComparison: Sendable {
    /// What the two runs share and where they differ, stated before any change.
    public struct Comparability: Sendable {
        public var old: (name: String, county: String, version: String, crs: String)
        public var new: (name: String, county: String, version: String, crs: String)
        /// Whether the old run's polygons were reprojected into the new run's CRS.
        public var reprojected: Bool
        /// The parameters that differ, by `section.key`, with both values (`—` where a run has none).
        public var parameters: [(key: String, old: String, new: String)]
        /// Which runs have life circles (roads); they are compared only when both have.
        public var lifeCircles: (old: Bool, new: Bool) = (false, false)
        /// Which runs keep their facilities by name (`facilities.csv`); opened and closed
        /// facilities are named only when both do, else only counted (`coverage-change.csv`).
        public var facilityNames: (old: Bool, new: Bool) = (false, false)
    }

    /// Why a unit is reported as changed; worded by the report's words (`ReportText.reason(_:)`).
    public enum Reason: Sendable, Equatable {
        /// The class changed (derived, by the method).
        case classChanged(from: UrbanRuralClass, to: UrbanRuralClass)
        /// Its construction land joined a built-up region (it was in none), or left every one.
        case joinedBuiltUp(region: Int)
        case leftBuiltUp
        /// Its share s crossed a threshold of the classification (full or partial share).
        case shareCrossed(from: Double, to: Double, threshold: Double)
        /// The seat its built-up region connects to changed.
        case seatChanged(from: String?, to: String?)
        /// Its construction land changed (m²).
        case constructionChanged(from: Double, to: Double)
        /// Its residents changed.
        case residentsChanged(from: Int?, to: Int?)
        /// Its township's kind changed (镇 → 街道 after 撤镇设街道).
        case townshipKindChanged(from: String, to: String)
        /// The official code changed (renumbered, merged into, split from another code).
        case codeChanged(from: [String], to: String)
        case renamed(from: String, to: String)
        /// The parameters that bear on the class differ between the runs.
        case parametersChanged(keys: [String])
    }

    /// One row of `changes.csv`: a new unit with the old units it came from, or a gone one.
    public struct UnitChange: Sendable {
        public var kind: UnitMatching.Kind
        public var old: [RunSnapshot.Unit]
        public var new: RunSnapshot.Unit?
        public var evidence: [UnitMatching.Overlap]
        public var reasons: [Reason]
        /// The class changed while the unit's construction land, residents and code did not:
        /// the parameters alone explain it.
        public var parametersOnly: Bool

        /// The old unit the new one mostly came from: the one of the same code, else the one
        /// with the largest share of the new unit's area.
        public var principal: RunSnapshot.Unit? {
            if let new, let same = old.first(where: { $0.code == new.code }) { return same }
            let shareOf = Dictionary(evidence.filter { $0.new == new?.code }.map { ($0.old, $0.shareOfNew) }, uniquingKeysWith: max)
            return old.max { (shareOf[$0.code] ?? 0, $1.code) < (shareOf[$1.code] ?? 0, $0.code) }
        }

        /// Whether anything is reported for it.
        public var changed: Bool { kind != .same || !reasons.isEmpty }

        /// The old figures summed over `old`: residents, construction land (m²), and share s
        /// weighted by construction land.
        public var oldResidents: Int? { old.contains { $0.residents != nil } ? old.reduce(0) { $0 + ($1.residents ?? 0) } : nil }
        public var oldConstruction: Double { old.reduce(0) { $0 + $1.constructionSquareMetres } }
        public var oldShare: Double? {
            guard !old.isEmpty else { return nil }
            let construction = oldConstruction
            guard old.count > 1, construction > 0 else { return old.count == 1 ? old[0].share : principal?.share }
            return RunSnapshot.rounded(old.reduce(0) { $0 + $1.share * $1.constructionSquareMetres } / construction, 4)
        }
    }

    /// One region's urbanization in both runs, with the residents of the units that changed
    /// between urban and rural.
    public struct UrbanizationChange: Sendable {
        /// township, county or all.
        public var level: String
        /// The region's code in the new run ("" when it is gone), and the old codes it came from.
        public var code: String
        public var oldCodes: [String]
        public var old: Figures?
        public var new: Figures?
        /// Residents (new run's figures) of the units that became urban, or rural.
        public var becameUrban: Int
        public var becameRural: Int

        public struct Figures: Sendable, Equatable {
            public var residents: Int
            public var urban: Int
            public var officialUrban: Int
            public var rate: Double? { residents > 0 ? Double(urban) / Double(residents) : nil }
            public var officialRate: Double? { residents > 0 ? Double(officialUrban) / Double(residents) : nil }
        }
    }

    /// One township's coverage of one facility type in both runs.
    public struct CoverageChange: Sendable {
        public var region: String
        public var name: String
        public var type: String
        public var oldRegions: [String]
        public var old: RunSnapshot.CoverageRow?
        public var new: RunSnapshot.CoverageRow?
    }

    /// One township's (or the county's) life circle for one facility type in both runs; the old
    /// townships it came from combined (`combined(_:)`).
    public struct LifeCircleChange: Sendable {
        public var level: String
        /// The region's code in the new run ("" when it is gone), and the old codes it came from.
        public var region: String
        public var name: String
        public var circle: String
        public var type: String
        public var oldRegions: [String]
        public var old: RunSnapshot.LifeCircleRow?
        public var new: RunSnapshot.LifeCircleRow?

        /// The change of the share of residents within the walk, nil unless both runs have it.
        public var populationShareChange: Double? {
            old?.networkPopulationShare.flatMap { before in new?.networkPopulationShare.map { RunSnapshot.rounded($0 - before, 4) } }
        }
    }

    /// A facility opened, closed, renamed or moved between the runs (`facility-changes.csv`).
    public struct FacilityChange: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case opened, closed, renamed, moved
        }
        public var kind: Kind
        public var type: String
        /// The facility in each run; nil in the run it is not in.
        public var old: FacilityList.Row?
        public var new: FacilityList.Row?
        /// Metres between its two positions (new run's CRS), nil for opened and closed.
        public var distanceMetres: Double?
    }

    /// One target for one region in both runs, and which way it moved.
    public struct TargetProgress: Sendable {
        public enum Direction: String, Sendable {
            case toward, away, same
            case notComparable = "n/a"
        }
        public var target: String
        public var region: String
        public var old: RunSnapshot.TargetRow?
        public var new: RunSnapshot.TargetRow?
        public var direction: Direction
    }

    /// The built-up area grown (in the new run, not the old) and lost, in the new run's CRS.
    public struct BuiltUpChange: Sendable {
        public var grown: [Geometry]
        public var lost: [Geometry]
        /// m², in the new run's CRS.
        public var grownSquareMetres: Double
        public var lostSquareMetres: Double
    }

    public var comparability: Comparability
    public var units: [UnitChange]
    public var urbanization: [UrbanizationChange]
    /// Empty when either run has no coverage.
    public var coverage: [CoverageChange]
    /// Empty when either run has no targets.
    public var targets: [TargetProgress]
    public var builtUp: BuiltUpChange
    /// Nil unless both runs have life circles (`Comparability.lifeCircles`).
    public var lifeCircles: [LifeCircleChange]?
    /// Nil unless both runs keep their facilities by name (`Comparability.facilityNames`).
    public var facilities: [FacilityChange]?
    public var parameters: ComparisonParameters

    /// Metres within which a facility of the same type in the matched township, under another
    /// name, is taken for the same facility renamed.
    public static let facilityRenamedWithinMetres = 5.0

    /// The parameter sections that bear on the classes.
    static let classSections = ["builtup.", "classification."]

    /// Compares `old` with `new`.
    /// - Throws: `ComparisonError.differentCounties` for runs of two counties; PROJ's and
    ///   GEOS's errors.
    public static func compare(old: RunSnapshot, new: RunSnapshot, parameters: ComparisonParameters) throws -> RunComparison {
        guard old.county == new.county else { throw ComparisonError.differentCounties(old: old.county, new: new.county) }
        var old = old
        let reprojected = old.crs != new.crs
        if reprojected {
            let transform = try CoordinateTransform(from: old.crs, to: new.crs)
            for index in old.units.indices { old.units[index].geometry = try old.units[index].geometry.map { try transform.apply(to: $0) } }
            old.builtUp = try old.builtUp.map { try transform.apply(to: $0) }
            if let facilities = old.facilities {
                old.facilities = try facilities.map { row in
                    var moved = row
                    let at = try transform.apply(Coordinate(x: row.x, y: row.y))
                    (moved.x, moved.y) = (at.x, at.y)
                    return moved
                }
            }
        }
        let keys = Set(old.parameters.keys).union(new.parameters.keys).filter { !$0.hasPrefix(ComparisonParameters.section + ".") }.sorted()
        let differing = keys.compactMap { key -> (key: String, old: String, new: String)? in
            let (a, b) = (old.parameters[key] ?? "—", new.parameters[key] ?? "—")
            return a == b ? nil : (key, a, b)
        }
        let comparability = Comparability(
            old: (old.name, old.county, old.version, old.crs.description), new: (new.name, new.county, new.version, new.crs.description),
            reprojected: reprojected, parameters: differing, lifeCircles: (old.lifeCircles != nil, new.lifeCircles != nil),
            facilityNames: (old.facilities != nil, new.facilities != nil))
        let classKeys = differing.map(\.key).filter { key in classSections.contains { key.hasPrefix($0) } }
        let thresholds = Set(["classification.full_share", "classification.partial_share"].compactMap { new.parameters[$0].flatMap(Double.init) }).sorted()

        let matches = try UnitMatching.match(old: old.units, new: new.units, parameters: parameters)
        let oldByCode = Dictionary(old.units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let newByCode = Dictionary(new.units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var units: [UnitChange] = []
        for match in matches {
            let olds = match.old.compactMap { oldByCode[$0] }
            if match.new.isEmpty {
                units.append(UnitChange(kind: .gone, old: olds, new: nil, evidence: match.evidence, reasons: [], parametersOnly: false))
                continue
            }
            for code in match.new {
                guard let unit = newByCode[code] else { continue }
                var change = UnitChange(kind: match.kind, old: olds, new: unit, evidence: match.evidence, reasons: [], parametersOnly: false)
                change.reasons = reasons(change, thresholds: thresholds, classKeys: classKeys)
                let dataSame = change.oldConstruction == unit.constructionSquareMetres && change.oldResidents == unit.residents
                    && [.same, .renamed, .renumbered].contains(match.kind)
                change.parametersOnly = !classKeys.isEmpty && dataSame && change.principal.map { $0.derivedClass != unit.derivedClass } == true
                units.append(change)
            }
        }
        let townships = townshipMap(units)
        return RunComparison(
            comparability: comparability, units: units,
            urbanization: urbanization(old: old, new: new, units: units, townships: townships),
            coverage: coverage(old: old, new: new, townships: townships),
            targets: targets(old: old, new: new, townships: townships),
            builtUp: try builtUp(old: old.builtUp, new: new.builtUp),
            lifeCircles: lifeCircles(old: old, new: new, townships: townships),
            facilities: facilities(old: old, new: new, townships: townships), parameters: parameters)
    }

    /// The reasons a matched unit is reported with, identity first, then the class and its causes.
    static func reasons(_ change: UnitChange, thresholds: [Double], classKeys: [String]) -> [Reason] {
        guard let new = change.new, let principal = change.principal else { return [] }
        var reasons: [Reason] = []
        if change.old.map(\.code) != [new.code] { reasons.append(.codeChanged(from: change.old.map(\.code), to: new.code)) }
        if change.kind == .renamed || (change.old.count == 1 && principal.name != new.name) { reasons.append(.renamed(from: principal.name, to: new.name)) }
        if let before = principal.townshipKind, let after = new.townshipKind, before != after {
            reasons.append(.townshipKindChanged(from: before.rawValue, to: after.rawValue))
        }
        guard principal.derivedClass != new.derivedClass else { return reasons }
        reasons.append(.classChanged(from: principal.derivedClass, to: new.derivedClass))
        if principal.region == nil, let region = new.region { reasons.append(.joinedBuiltUp(region: region)) }
        if principal.region != nil, new.region == nil { reasons.append(.leftBuiltUp) }
        let before = change.oldShare ?? principal.share
        if let threshold = thresholds.last(where: { (before < $0) != (new.share < $0) }) {
            reasons.append(.shareCrossed(from: before, to: new.share, threshold: threshold))
        }
        if principal.seat != new.seat { reasons.append(.seatChanged(from: principal.seat, to: new.seat)) }
        if change.oldConstruction != new.constructionSquareMetres { reasons.append(.constructionChanged(from: change.oldConstruction, to: new.constructionSquareMetres)) }
        if change.oldResidents != new.residents { reasons.append(.residentsChanged(from: change.oldResidents, to: new.residents)) }
        if !classKeys.isEmpty { reasons.append(.parametersChanged(keys: classKeys)) }
        return reasons
    }

    /// The old townships each new township's units came from.
    static func townshipMap(_ units: [UnitChange]) -> [String: Set<String>] {
        var map: [String: Set<String>] = [:]
        for change in units {
            guard let new = change.new else { continue }
            map[new.township, default: []].formUnion(change.old.map(\.township))
        }
        return map
    }

    static func figures(_ units: [RunSnapshot.Unit]) -> UrbanizationChange.Figures {
        units.reduce(into: UrbanizationChange.Figures(residents: 0, urban: 0, officialUrban: 0)) { figures, unit in
            let residents = unit.residents ?? 0
            figures.residents += residents
            if unit.derivedClass.isUrban { figures.urban += residents }
            if unit.officialClass?.isUrban == true { figures.officialUrban += residents }
        }
    }

    static func urbanization(old: RunSnapshot, new: RunSnapshot, units: [UnitChange], townships: [String: Set<String>]) -> [UrbanizationChange] {
        let oldByTownship = Dictionary(grouping: old.units, by: \.township), newByTownship = Dictionary(grouping: new.units, by: \.township)
        func moved(_ selected: [UnitChange]) -> (urban: Int, rural: Int) {
            selected.reduce(into: (0, 0)) { sum, change in
                guard let unit = change.new, let before = change.principal?.derivedClass, before.isUrban != unit.derivedClass.isUrban else { return }
                if unit.derivedClass.isUrban { sum.0 += unit.residents ?? 0 } else { sum.1 += unit.residents ?? 0 }
            }
        }
        var rows: [UrbanizationChange] = []
        for township in newByTownship.keys.sorted() {
            let sources = (townships[township] ?? []).sorted()
            let before = sources.flatMap { oldByTownship[$0] ?? [] }
            let (urban, rural) = moved(units.filter { $0.new?.township == township })
            rows.append(UrbanizationChange(level: "township", code: township, oldCodes: sources, old: sources.isEmpty ? nil : figures(before),
                                           new: figures(newByTownship[township]!), becameUrban: urban, becameRural: rural))
        }
        let mapped = Set(townships.values.flatMap { $0 })
        for township in oldByTownship.keys.sorted() where !mapped.contains(township) {
            rows.append(UrbanizationChange(level: "township", code: "", oldCodes: [township], old: figures(oldByTownship[township]!), new: nil,
                                           becameUrban: 0, becameRural: 0))
        }
        let (urban, rural) = moved(units)
        rows.append(UrbanizationChange(level: "county", code: new.county, oldCodes: [old.county], old: figures(old.units), new: figures(new.units),
                                       becameUrban: urban, becameRural: rural))
        rows.append(UrbanizationChange(level: "all", code: "all", oldCodes: ["all"], old: figures(old.units), new: figures(new.units),
                                       becameUrban: urban, becameRural: rural))
        return rows
    }

    static func coverage(old: RunSnapshot, new: RunSnapshot, townships: [String: Set<String>]) -> [CoverageChange] {
        guard let before = old.coverage, let after = new.coverage else { return [] }
        let oldRows = Dictionary(before.map { ("\($0.region)|\($0.type)", $0) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = []
        var rows = after.map { row -> CoverageChange in
            let sources = (townships[row.region] ?? [row.region]).sorted()
            let found = sources.compactMap { oldRows["\($0)|\(row.type)"] }
            used.formUnion(found.map { "\($0.region)|\($0.type)" })
            return CoverageChange(region: row.region, name: row.name, type: row.type, oldRegions: sources, old: combined(found), new: row)
        }
        for row in before where !used.contains("\(row.region)|\(row.type)") {
            rows.append(CoverageChange(region: "", name: row.name, type: row.type, oldRegions: [row.region], old: row, new: nil))
        }
        return rows
    }

    /// Several old townships' rows as one: residents and facilities summed, the population
    /// coverage weighted by residents; the land coverage only for a single township.
    static func combined(_ rows: [RunSnapshot.CoverageRow]) -> RunSnapshot.CoverageRow? {
        guard let first = rows.first else { return nil }
        guard rows.count > 1 else { return first }
        let residents = rows.reduce(0) { $0 + $1.residents }
        let covered = rows.reduce(0.0) { $0 + ($1.populationCoverage ?? 0) * Double($1.residents) }
        return RunSnapshot.CoverageRow(region: rows.map(\.region).joined(separator: ";"), name: rows.map(\.name).joined(separator: ";"), type: first.type,
                                       residentialCoverage: nil, populationCoverage: residents > 0 ? RunSnapshot.rounded(covered / Double(residents), 4) : nil,
                                       residents: residents, facilities: rows.reduce(0) { $0 + $1.facilities })
    }

    /// Each new township's life circles beside those of the old townships its units came from
    /// (combined when several), and the county's; old townships no new one came from last.
    static func lifeCircles(old: RunSnapshot, new: RunSnapshot, townships: [String: Set<String>]) -> [LifeCircleChange]? {
        guard let before = old.lifeCircles, let after = new.lifeCircles else { return nil }
        func key(_ level: String, _ code: String, _ circle: String, _ type: String) -> String { [level, code, circle, type].joined(separator: "|") }
        let oldRows = Dictionary(before.map { (key($0.level, $0.code, $0.circle, $0.type), $0) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = []
        var rows = after.map { row -> LifeCircleChange in
            let sources = row.level == LifeCircles.Level.county.rawValue ? [old.county] : (townships[row.code] ?? [row.code]).sorted()
            let found = sources.compactMap { oldRows[key(row.level, $0, row.circle, row.type)] }
            used.formUnion(found.map { key($0.level, $0.code, $0.circle, $0.type) })
            return LifeCircleChange(level: row.level, region: row.code, name: row.name, circle: row.circle, type: row.type, oldRegions: sources,
                                    old: combined(found), new: row)
        }
        for row in before where !used.contains(key(row.level, row.code, row.circle, row.type)) {
            rows.append(LifeCircleChange(level: row.level, region: "", name: row.name, circle: row.circle, type: row.type, oldRegions: [row.code],
                                         old: row, new: nil))
        }
        return rows
    }

    /// Several old townships' life-circle rows as one: residential land and residents summed,
    /// each share weighted by what it is a share of (the land share by residential land, the
    /// residents' share by residents) — never an average of the shares.
    static func combined(_ rows: [RunSnapshot.LifeCircleRow]) -> RunSnapshot.LifeCircleRow? {
        guard let first = rows.first else { return nil }
        guard rows.count > 1 else { return first }
        let land = rows.reduce(0.0) { $0 + $1.residentialSquareMetres }, residents = rows.reduce(0) { $0 + $1.residents }
        let landWithin = rows.reduce(0.0) { $0 + ($1.networkLandShare ?? 0) * $1.residentialSquareMetres }
        let residentsWithin = rows.reduce(0.0) { $0 + ($1.networkPopulationShare ?? 0) * Double($1.residents) }
        return RunSnapshot.LifeCircleRow(
            level: first.level, code: rows.map(\.code).joined(separator: ";"), name: rows.map(\.name).joined(separator: ";"), circle: first.circle,
            type: first.type, walkMetres: Set(rows.map(\.walkMetres)).count == 1 ? first.walkMetres : nil,
            residentialSquareMetres: RunSnapshot.rounded(land, 2), residents: residents,
            networkLandShare: land > 0 ? RunSnapshot.rounded(landWithin / land, 4) : nil,
            networkPopulationShare: residents > 0 ? RunSnapshot.rounded(residentsWithin / Double(residents), 4) : nil)
    }

    /// The facilities opened, closed, renamed and moved (docs/METHOD.md §9). Within each new
    /// township and the old townships its units came from (outside every township: among
    /// those outside), a facility is the same one when its type and name are the same (the
    /// nearest such pairs first; moved when more than `facilityRenamedWithinMetres` apart), or
    /// else when its type is the same and it stands within `facilityRenamedWithinMetres`
    /// (renamed). The new ones left are opened, the old ones left closed.
    static func facilities(old: RunSnapshot, new: RunSnapshot, townships: [String: Set<String>]) -> [FacilityChange]? {
        guard let before = old.facilities, let after = new.facilities else { return nil }
        func distance(_ a: FacilityList.Row, _ b: FacilityList.Row) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }
        let limit = facilityRenamedWithinMetres
        var oldLeft = Set(before.indices), changes: [FacilityChange] = []
        let groups = Dictionary(grouping: after.indices, by: { after[$0].township ?? "" })
        for township in groups.keys.sorted() {
            let sources = township.isEmpty ? [""] : townships[township] ?? [township]
            var olds = before.indices.filter { oldLeft.contains($0) && sources.contains(before[$0].township ?? "") }
            var news = groups[township]!
            var pairs: [(old: Int, new: Int)] = []
            for sameName in [true, false] {
                var candidates: [(d: Double, old: Int, new: Int)] = []
                for n in news {
                    for o in olds where before[o].type == after[n].type {
                        let d = distance(before[o], after[n])
                        if sameName ? before[o].name == after[n].name : d <= limit { candidates.append((d, o, n)) }
                    }
                }
                for candidate in candidates.sorted(by: { ($0.d, $0.new, $0.old) < ($1.d, $1.new, $1.old) })
                where olds.contains(candidate.old) && news.contains(candidate.new) {
                    pairs.append((candidate.old, candidate.new))
                    olds.removeAll { $0 == candidate.old }
                    news.removeAll { $0 == candidate.new }
                }
            }
            for pair in pairs {
                oldLeft.remove(pair.old)
                let (a, b) = (before[pair.old], after[pair.new]), d = distance(a, b)
                if a.name != b.name { changes.append(FacilityChange(kind: .renamed, type: b.type, old: a, new: b, distanceMetres: RunSnapshot.rounded(d, 2))) }
                else if d > limit { changes.append(FacilityChange(kind: .moved, type: b.type, old: a, new: b, distanceMetres: RunSnapshot.rounded(d, 2))) }
            }
            for n in news { changes.append(FacilityChange(kind: .opened, type: after[n].type, old: nil, new: after[n], distanceMetres: nil)) }
        }
        for o in oldLeft.sorted() { changes.append(FacilityChange(kind: .closed, type: before[o].type, old: before[o], new: nil, distanceMetres: nil)) }
        let order = Dictionary(uniqueKeysWithValues: FacilityChange.Kind.allCases.enumerated().map { ($1, $0) })
        return changes.sorted { lhs, rhs in
            let (a, b) = (lhs.new ?? lhs.old!, rhs.new ?? rhs.old!)
            return (order[lhs.kind]!, a.township ?? "", a.type, a.name, a.x, a.y) < (order[rhs.kind]!, b.township ?? "", b.type, b.name, b.x, b.y)
        }
    }

    static func targets(old: RunSnapshot, new: RunSnapshot, townships: [String: Set<String>]) -> [TargetProgress] {
        guard let before = old.targets, let after = new.targets else { return [] }
        func key(_ row: RunSnapshot.TargetRow) -> String { "\(row.target)|\(row.region)" }
        let oldRows = Dictionary(before.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = []
        var rows = after.map { row -> TargetProgress in
            let sources = townships[row.region].map { $0.sorted() } ?? [row.region]
            let found = sources.count == 1 ? oldRows["\(row.target)|\(sources[0])"] : nil
            if let found { used.insert(key(found)) }
            return TargetProgress(target: row.target, region: row.region, old: found, new: row, direction: direction(found, row))
        }
        for row in before where !used.contains(key(row)) {
            rows.append(TargetProgress(target: row.target, region: row.region, old: row, new: nil, direction: .notComparable))
        }
        return rows
    }

    /// Toward the threshold when the value moved the way the comparator wants.
    static func direction(_ old: RunSnapshot.TargetRow?, _ new: RunSnapshot.TargetRow) -> TargetProgress.Direction {
        guard let old, let before = old.value, let after = new.value else { return .notComparable }
        if before == after { return .same }
        let up = after > before
        return (new.comparator.hasPrefix(">") == up) ? .toward : .away
    }

    static func builtUp(old: [Geometry], new: [Geometry]) throws -> BuiltUpChange {
        let before = try Geometry.unionAll(old), after = try Geometry.unionAll(new)
        let grown = try after.difference(before), lost = try before.difference(after)
        func polygons(_ geometry: Geometry) throws -> [Geometry] { geometry.isEmpty ? [] : try geometry.parts.filter { $0.area > 0 } }
        return BuiltUpChange(grown: try polygons(grown), lost: try polygons(lost), grownSquareMetres: grown.area, lostSquareMetres: lost.area)
    }
}

/// Why two runs cannot be compared.
public enum ComparisonError: Error, CustomStringConvertible, Equatable {
    case differentCounties(old: String, new: String)

    public var description: String {
        switch self {
        case let .differentCounties(old, new):
            "the runs are of two counties (\(old) and \(new)); a comparison is of one county's runs in two years: compare the runs of \(new) with each other"
        }
    }
}

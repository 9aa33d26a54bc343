import ZoningGeometry
import ZoningProjection

#if canImport(Glibc)
import Glibc
#endif

/// A generated county: parcels, village-level units, townships, seats and facilities, with the
/// classification its design intends (`Village.designedClass`), all in EPSG:4528.
///
/// ```swift
/// let county = try SampleCounty.generate(seed: 1, parcels: 20_000)
/// county.parcels.count  // 20 280: 12 × 10 units of 13 × 13 lattice cells
/// ```
///
/// Parcels are the cells of one jittered lattice, so neighbours share their vertices exactly and
/// the parcels tile every unit without gap or overlap; units are blocks of cells, townships
/// groups of whole units. With `.irregular` shapes every inner lattice edge bends through one
/// to five points of its own (shared by the two parcels on either side), so a parcel has 8–24
/// vertices and no two are alike, as surveyed parcels are — the shapes benchmarks measure.
public struct SampleCounty: Sendable {
    /// Where a construction parcel lies, by design.
    public enum Region: Sendable, Hashable {
        case none, city, town(Int), xiang, industry, hamlet
    }

    public struct Parcel: Sendable {
        public var geometry: Geometry
        /// The village-level unit: row × 12 + column, or 120 for the part split off in year 2.
        public var village: Int
        public var landUse: String       // DLBM
        public var settlement: String?   // CZCSXM
        public var region: Region
        public var area: Double          // TBMJ, ellipsoidal m² (2 decimals)
        public var deducted: Double      // KCMJ
    }

    public struct Village: Sendable {
        public var code: String          // 12 digits
        public var name: String
        public var township: Int         // index into townships
        public var column: Int, row: Int
        public var population: Int
        public var special: Bool         // TSQY
        public var officialClass: String // as an office might have coded it
        public var designedClass: String // what the rules give on the designed regions
        public var share: Double         // s: construction share in the connected seat's region
        public var connectedSeat: String?
        public var reason: String
        public var miscoded: Bool
        public var geometry: Geometry
        public var constructionArea: Double
        /// The lattice units (row × 12 + column) the village covers: one, or more after a merger.
        /// The part split off a unit in year 2 has an index of its own, 120 (`Parcel.village`).
        public var units: [Int]
        /// In year 2, the year-1 codes the village comes from: its own, the two of a merger, or
        /// the code of the unit it was split from. Empty in year 1.
        public var formerCodes: [String] = []
    }

    public struct Township: Sendable {
        public var code: String          // 9 digits
        public var name: String
        public var kind: String
        public var population: Int
        public var geometry: Geometry
    }

    public struct Seat: Sendable {
        public var name: String
        public var kind: String          // city, subdistrict, town, xiang
        public var code: String          // the unit whose seat it is
        public var point: Geometry
    }

    public struct Facility: Sendable {
        public var type: String          // kindergarten, primary, middle, clinic, elderly
        public var typeName: String      // 幼儿园, 小学, 中学, 卫生院, 养老院
        public var name: String
        public var township: String      // 9-digit code
        public var point: Geometry
    }

    public var seed: UInt64
    /// 1, or 2 for the county one year later (`SampleYearTwo`).
    public var year: Int
    /// What changed since year 1, by design (empty in year 1).
    public var changes: [DesignedChange]
    public var cellsPerUnit: Int
    public var parcels: [Parcel]
    public var villages: [Village]
    public var townships: [Township]
    public var seats: [Seat]
    public var facilities: [Facility]
    /// Road centrelines along the lattice (`SampleRoads`).
    public var roads: [Road]
    public let crs: CoordinateReferenceSystem

    public struct Road: Sendable {
        public var geometry: Geometry
        public var roadClass: String     // highway: residential, unclassified, motorway
        public var bridge: Bool
        public var name: String
    }

    /// The parcels' shapes.
    public enum Shapes: String, Sendable, CaseIterable {
        /// Jittered quadrilaterals (the sample in Shapefiles/).
        case lattice
        /// The same cells with every inner edge bent through 1–5 points: 8–24 vertices a parcel.
        case irregular
    }

    /// Builds the county. `parcels` sets the lattice: each unit gets n × n cells with
    /// n = round(√(parcels / 120)), at least 2. `year` 2 is the same county one year later,
    /// with the changes of `SampleYearTwo` (listed in `changes`).
    public static func generate(seed: UInt64, parcels requested: Int, shapes: Shapes = .lattice, year: Int = 1) throws -> SampleCounty {
        guard SampleYearTwo.years.contains(year) else { throw SampleYearError(year: year) }
        let first = try Generator(seed: seed, parcels: requested, shapes: shapes, year: 1).run()
        guard year == 2 else { return first }
        var second = try Generator(seed: seed, parcels: requested, shapes: shapes, year: 2).run()
        second.changes = try SampleYearTwo.derive(from: first, to: second)
        return second
    }
}

/// The work of `SampleCounty.generate`, step by step.
private struct Generator {
    let random: SampleRandom
    let n: Int
    let cell: Double
    let design = SampleDesign.self
    let shapes: SampleCounty.Shapes
    let year: Int

    init(seed: UInt64, parcels: Int, shapes: SampleCounty.Shapes, year: Int) {
        self.shapes = shapes
        self.year = year
        random = SampleRandom(seed: seed)
        n = max(2, Int((Double(max(parcels, 1)) / Double(SampleDesign.columns * SampleDesign.rows)).squareRoot().rounded()))
        cell = SampleDesign.unitSize / Double(n)
    }

    func run() throws -> SampleCounty {
        let crs = try CoordinateReferenceSystem("EPSG:4528")
        let toGeographic = try CoordinateTransform(from: crs, to: CoordinateReferenceSystem("EPSG:4490"))
        let geodesic = Geodesic()
        let unitCount = design.columns * design.rows
        let townshipOfUnit = (0..<unitCount).map { townshipIndex(unitCenter($0)) }
        let hamlets = (0..<unitCount).map { hamlet(for: $0) }
        let grown = year == 2 ? try growth(hamlets) : [:]

        // Parcels, row by row of the lattice.
        var parcels: [SampleCounty.Parcel] = []
        var yearOne: [(landUse: String, region: SampleCounty.Region)] = []
        parcels.reserveCapacity(unitCount * n * n)
        for cj in 0..<(design.rows * n) {
            for ci in 0..<(design.columns * n) {
                let corners = [vertex(ci, cj), vertex(ci + 1, cj), vertex(ci + 1, cj + 1), vertex(ci, cj + 1)]
                let geometry = try Geometry.polygon(shell: ring(ci, cj, corners))
                let center = cellCenter(ci, cj)
                let unit = (cj / n) * design.columns + ci / n
                var (landUse, settlement, region) = classify(center, unit: unit, hamlet: hamlets[unit], cell: (ci, cj))
                yearOne.append((landUse, region))
                if let growth = grown[[ci, cj]] {
                    let draw = random.unit(ci, cj, .landUse)
                    if growth.region == .city { (landUse, settlement) = (LandUseCode.pick(LandUseCode.cityMix, draw), "201") }
                    else { (landUse, settlement) = (LandUseCode.pick(LandUseCode.townMix, draw), "202") }
                    region = growth.region
                }
                let area = (try geodesic.area(ofLonLat: toGeographic.apply(to: geometry)) * 100).rounded() / 100
                let ridge = landUse.hasPrefix("01") ? 0.02 + 0.06 * random.unit(unit, 0, .ridge) : 0
                parcels.append(SampleCounty.Parcel(
                    geometry: geometry, village: unit, landUse: landUse, settlement: settlement, region: region,
                    area: area, deducted: (area * ridge * 100).rounded() / 100))
            }
        }

        let plain = try makeVillages(parcels, yearOne, townshipOfUnit, hamlets)
        let villages = year == 2 ? try yearTwo(plain, &parcels, hamlets) : plain
        let townships = try design.townships.indices.map { t -> SampleCounty.Township in
            let members = villages.filter { $0.township == t }
            return SampleCounty.Township(
                code: townshipCode(t), name: townshipName(t), kind: townshipKind(t),
                population: members.reduce(0) { $0 + $1.population }, geometry: try Geometry.coverageUnion(members.map(\.geometry)))
        }.sorted { $0.code < $1.code }
        let width = design.columns * n
        let roads = try SampleRoads(
            n: n, cell: cell, vertex: vertex, settled: { parcels[$1 * width + $0].region != .none }
        ).roads().map { SampleCounty.Road(geometry: $0.geometry, roadClass: $0.roadClass, bridge: $0.bridge, name: $0.name) }
        return SampleCounty(
            seed: random.seed, year: year, changes: [], cellsPerUnit: n, parcels: parcels, villages: villages, townships: townships,
            seats: seats(), facilities: facilities(plain, hamlets), roads: roads, crs: crs)
    }

    // MARK: Geometry

    /// Lattice vertex (i, j), moved by up to a fifth of a cell except on the county's edge.
    func vertex(_ i: Int, _ j: Int) -> Coordinate {
        let x = design.minX + Double(i) * cell, y = design.minY + Double(j) * cell
        let edge = i == 0 || j == 0 || i == design.columns * n || j == design.rows * n
        if edge { return Coordinate(x: x, y: y) }
        return Coordinate(x: x + (random.unit(i, j, .jitterX) - 0.5) * 0.4 * cell, y: y + (random.unit(i, j, .jitterY) - 0.5) * 0.4 * cell)
    }

    /// The closed ring of cell (ci, cj): its corners, and with irregular shapes each edge's bends.
    func ring(_ ci: Int, _ cj: Int, _ corners: [Coordinate]) -> [Coordinate] {
        guard shapes == .irregular else { return corners + [corners[0]] }
        return [corners[0]] + bends(ci, cj, across: true) + [corners[1]] + bends(ci + 1, cj, across: false)
            + [corners[2]] + bends(ci, cj + 1, across: true).reversed() + [corners[3]] + bends(ci, cj, across: false).reversed()
            + [corners[0]]
    }

    /// The points an inner lattice edge bends through, from its first vertex to its last: the
    /// edge from vertex (i, j) to (i + 1, j) when `across`, else to (i, j + 1). Each lies at an
    /// even step along the edge, moved sideways by at most 8 % of a cell, tapering to nothing
    /// at the ends so that neighbouring edges never cross. Edges on the county's border stay
    /// straight. Both parcels of an edge compute the same points, so they still tile.
    func bends(_ i: Int, _ j: Int, across: Bool) -> [Coordinate] {
        let last = design.columns * n, top = design.rows * n
        if across ? (j == 0 || j == top) : (i == 0 || i == last) { return [] }
        let purpose: SampleRandom.Purpose = across ? .bendsAcross : .bendsAlong
        let count = 1 + Int(random.unit(i, j, purpose) * 5)
        let a = vertex(i, j), b = across ? vertex(i + 1, j) : vertex(i, j + 1)
        let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
        return (1...count).map { m in
            let t = Double(m) / Double(count + 1)
            let key = (across ? 0 : 8) + m
            let side = (random.unit(i * 16 + key, j, .bendOffset) - 0.5) * 0.16 * cell * sin(Double.pi * t)
            return Coordinate(x: a.x + t * dx - side * dy / length, y: a.y + t * dy + side * dx / length)
        }
    }

    /// The centre of lattice cell (i, j): the mean of its four corners.
    func cellCenter(_ i: Int, _ j: Int) -> Coordinate {
        let corners = [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)]
        return Coordinate(x: corners.map(\.x).reduce(0, +) / 4, y: corners.map(\.y).reduce(0, +) / 4)
    }

    func unitCenter(_ unit: Int) -> Coordinate {
        Coordinate(
            x: design.minX + (Double(unit % design.columns) + 0.5) * design.unitSize,
            y: design.minY + (Double(unit / design.columns) + 0.5) * design.unitSize)
    }

    func distance(_ a: Coordinate, _ b: Coordinate) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }

    /// The township a unit belongs to: a 街道 by direction when near the city, else the nearest centre.
    func townshipIndex(_ center: Coordinate) -> Int {
        if distance(center, design.cityCenter) <= design.subdistrictReach { return design.subdistrict(of: center) }
        return (3..<design.townships.count).min { distance(center, design.townships[$0].center) < distance(center, design.townships[$1].center) }!
    }

    /// The unit's hamlet (centre, radius), or nil where a hamlet would come near a core.
    func hamlet(for unit: Int) -> (center: Coordinate, radius: Double)? {
        let column = unit % design.columns, row = unit / design.columns
        if design.industrialUnits.contains([column, row]) { return nil }
        let base = unitCenter(unit)
        let center = Coordinate(x: base.x + (random.unit(unit, 0, .hamletX) - 0.5) * 1000, y: base.y + (random.unit(unit, 0, .hamletY) - 0.5) * 1000)
        let radius = 250 + 170 * random.unit(unit, 0, .hamletRadius)
        var cores: [(Coordinate, Double)] = [(design.cityCenter, design.cityRadius), (design.reservoirCenter, design.reservoirRadius)]
        for town in design.townships where town.kind == "镇" { cores.append((town.center, design.townRadius)) }
        for town in design.townships where town.kind == "乡" { cores.append((town.center, design.xiangRadius)) }
        for (core, coreRadius) in cores where distance(center, core) - coreRadius - radius < design.hamletClearance { return nil }
        for industrial in design.industrialUnits {
            let lowX = design.minX + Double(industrial[0]) * design.unitSize, lowY = design.minY + Double(industrial[1]) * design.unitSize
            let dx = max(lowX - center.x, 0, center.x - lowX - design.unitSize), dy = max(lowY - center.y, 0, center.y - lowY - design.unitSize)
            if (dx * dx + dy * dy).squareRoot() - radius < design.hamletClearance { return nil }
        }
        if abs(center.y - design.riverY(center.x)) - radius < 300 { return nil }
        return (center, radius)
    }

    /// Land use (DLBM), settlement attribute (CZCSXM) and designed region of a parcel centre.
    func classify(_ p: Coordinate, unit: Int, hamlet: (center: Coordinate, radius: Double)?, cell: (Int, Int)) -> (String, String?, SampleCounty.Region) {
        let draw = random.unit(cell.0, cell.1, .landUse)
        if design.industrialUnits.contains([unit % design.columns, unit / design.columns]) {
            return (LandUseCode.pick(LandUseCode.industryMix, draw), "201A", .industry)
        }
        if distance(p, design.cityCenter) <= design.cityRadius {
            return (LandUseCode.pick(LandUseCode.cityMix, draw), "201", .city)
        }
        for (index, town) in design.townships.enumerated() where town.kind == "镇" && distance(p, town.center) <= design.townRadius {
            return (LandUseCode.pick(LandUseCode.townMix, draw), "202", .town(index))
        }
        for town in design.townships where town.kind == "乡" && distance(p, town.center) <= design.xiangRadius {
            return (LandUseCode.pick(LandUseCode.xiangMix, draw), "203", .xiang)
        }
        if abs(p.y - design.riverY(p.x)) <= design.riverHalfWidth { return ("1101", nil, .none) }
        if distance(p, design.reservoirCenter) <= design.reservoirRadius { return ("1103", nil, .none) }
        if let hamlet, distance(p, hamlet.center) <= hamlet.radius {
            return (LandUseCode.pick(LandUseCode.hamletMix, draw), "203", .hamlet)
        }
        return (LandUseCode.pick(design.isForest(p) ? LandUseCode.forestMix : LandUseCode.farmMix, draw), nil, .none)
    }

    // MARK: Villages and their designed classes

    /// The villages with year 1's codes and names (year 2's growth included in their classes
    /// and populations); `yearOne` is each parcel's year-1 land use and region, on which the
    /// populations are drawn.
    func makeVillages(
        _ parcels: [SampleCounty.Parcel], _ yearOne: [(landUse: String, region: SampleCounty.Region)], _ townshipOfUnit: [Int],
        _ hamlets: [(center: Coordinate, radius: Double)?]
    ) throws -> [SampleCounty.Village] {
        let unitCount = design.columns * design.rows
        var byUnit = [[Int]](repeating: [], count: unitCount)
        for (index, parcel) in parcels.enumerated() { byUnit[parcel.village].append(index) }

        // Codes: per township, units north to south and west to east; 居委会 001–199 for units
        // in a core, 村委会 200–399, committee-like units 400–599 in the development zone.
        var codes = [String](repeating: "", count: unitCount), names = [String](repeating: "", count: unitCount)
        for t in design.townships.indices {
            let members = (0..<unitCount).filter { townshipOfUnit[$0] == t }
                .sorted { (-($0 / design.columns), $0 % design.columns) < (-($1 / design.columns), $1 % design.columns) }
            var residents = 0, villagers = 0, committees = 0
            for unit in members {
                let prefix = String(design.villagePrefixes[unit % design.villagePrefixes.count])
                let urban = hamlets[unit] == nil && byUnit[unit].contains { [.city, .town(t)].contains(parcels[$0].region) }
                let number: Int
                if design.townships[t].kind == "开发区" {
                    committees += 1; number = 399 + committees
                    names[unit] = prefix + "园区社区"
                } else if urban {
                    residents += 1; number = residents
                    names[unit] = prefix + "社区居委会"
                } else {
                    villagers += 1; number = 199 + villagers
                    names[unit] = prefix + design.villageSuffixes[(unit / design.villagePrefixes.count + unit) % design.villageSuffixes.count] + "村委会"
                }
                codes[unit] = design.countyCode + design.townships[t].digits + String(format: "%03d", number)
            }
        }

        var villages: [SampleCounty.Village] = []
        for unit in 0..<unitCount {
            let members = byUnit[unit]
            let construction = members.filter { LandUseCode.construction.contains(parcels[$0].landUse) }
            let total = construction.reduce(0) { $0 + parcels[$1].area }
            func share(_ region: SampleCounty.Region) -> Double {
                total == 0 ? 0 : construction.filter { parcels[$0].region == region }.reduce(0) { $0 + parcels[$1].area } / total
            }
            // Year 1's shares draw the population, so that growth changes it only as designed.
            let constructionOne = members.filter { LandUseCode.construction.contains(yearOne[$0].landUse) }
            let totalOne = constructionOne.reduce(0) { $0 + parcels[$1].area }
            func shareOne(_ region: SampleCounty.Region) -> Double {
                totalOne == 0 ? 0 : constructionOne.filter { yearOne[$0].region == region }.reduce(0) { $0 + parcels[$1].area } / totalOne
            }
            let column = unit % design.columns, row = unit / design.columns
            let t = townshipOfUnit[unit]
            let special = [column, row] == design.forestFarmUnit || [column, row] == design.industrialCommunityUnit
            var population: Int
            if [column, row] == design.forestFarmUnit { population = 3200 }
            else if [column, row] == design.industrialCommunityUnit { population = 3500 }
            else if shareOne(.city) > 0.5 { population = random.integer(unit, 0, .population, in: 6000...12000) }
            else if (0..<design.townships.count).contains(where: { shareOne(.town($0)) > 0.5 }) { population = random.integer(unit, 0, .population, in: 3000...7000) }
            else { population = random.integer(unit, 0, .population, in: 400...2200) }
            if let growth = SampleYearTwo.growth.first(where: { $0.unit == [column, row] }), members.contains(where: { yearOne[$0].region != parcels[$0].region }) {
                population += growth.residents  // year 2: residents move in with the new land
            }

            // docs/METHOD.md §4 on the designed regions: rank decides before full/partial.
            let full = 0.5, partial = 0.05, minimumArea = 10_000.0
            func connected(_ s: Double) -> Bool { s >= partial && s * total >= minimumArea }
            let citySeat = design.countyCode
            let townShares = design.townships.indices.filter { design.townships[$0].kind == "镇" }.map { ($0, share(.town($0))) }
            let bestTown = townShares.max { $0.1 < $1.1 }
            var designed = "220", s = 0.0, seat: String?, reason = "no construction land in the built-up region of any seat"
            if total == 0 { reason = "no construction land" }
            if connected(share(.city)) {
                s = share(.city); seat = citySeat
                designed = s >= full ? "111" : "112"
                reason = "\(percent(s)) of construction land in the built-up region of the city seat \(citySeat)"
            } else if let (town, townShare) = bestTown, connected(townShare) {
                s = townShare; seat = design.countyCode + design.townships[town].digits
                designed = s >= full ? "121" : "122"
                reason = "\(percent(s)) of construction land in the built-up region of the town seat \(seat!)"
            } else if connected(share(.xiang)) {
                s = share(.xiang); seat = design.countyCode + design.townships.first { $0.kind == "乡" }!.digits
                designed = "210"
                reason = "\(percent(s)) of construction land in the built-up region of the 乡 seat \(seat!)"
            } else if (special || design.townships[t].kind == "开发区") && population >= 3000 {
                designed = "123"
                reason = "not connected to a seat; special area with \(population) residents"
            }
            let geometry = try Geometry.coverageUnion(members.map { parcels[$0].geometry })
            villages.append(SampleCounty.Village(
                code: codes[unit], name: names[unit], township: t, column: column, row: row, population: population,
                special: special, officialClass: designed, designedClass: designed, share: s, connectedSeat: seat,
                reason: reason, miscoded: false, geometry: geometry, constructionArea: total, units: [unit]))
        }
        miscode(&villages)
        return villages.sorted { $0.code < $1.code }
    }

    /// A few official classes coded wrong on purpose, as real data has them, each landing in
    /// a review list of docs/METHOD.md §4.
    func miscode(_ villages: inout [SampleCounty.Village]) {
        let order = villages.indices.sorted { villages[$0].code < villages[$1].code }
        func mark(_ index: Int, _ official: String, _ note: String) {
            villages[index].officialClass = official
            villages[index].miscoded = true
            villages[index].reason += "; official class deliberately \(official): \(note)"
        }
        // 应统尽统: urban by the rules, coded rural.
        if let i = order.first(where: { ["112", "122"].contains(villages[$0].designedClass) }) {
            mark(i, "220", "应统尽统 candidate")
        }
        // Over-count: rural by the rules, coded urban.
        if let i = order.first(where: { villages[$0].designedClass == "220" && villages[$0].code.dropFirst(6).prefix(1) == "1" && villages[$0].constructionArea > 0 }) {
            mark(i, "121", "over-count review")
        }
        // The unit at 北河镇's seat, coded rural: a village at a town seat.
        if let i = order.first(where: { villages[$0].code.hasPrefix(SampleDesign.countyCode + "101") && villages[$0].designedClass == "121" }) {
            mark(i, "220", "village at a town seat coded rural")
        }
        // Urban either way, but coded partial where the rules say full.
        if let i = order.first(where: { villages[$0].designedClass == "111" && !villages[$0].miscoded }) {
            mark(i, "112", "urban class disagreement")
        }
    }

    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    // MARK: Seats and facilities

    func seats() -> [SampleCounty.Seat] {
        var seats = [SampleCounty.Seat(name: design.countyName + "人民政府", kind: "city", code: design.countyCode,
                                       point: Geometry.point(x: design.cityCenter.x, y: design.cityCenter.y))]
        for (index, town) in design.townships.enumerated() {
            let code = townshipCode(index)
            if year == 2 && index == SampleYearTwo.upgradedTownship {
                // Upgraded to a 街道: the same seat, now a sub-district office's.
                seats.append(.init(name: townshipName(index) + "办事处", kind: "subdistrict", code: code, point: Geometry.point(x: town.center.x, y: town.center.y)))
                continue
            }
            switch town.kind {
            case "街道":
                let p = design.subdistrictSeat(index)
                seats.append(.init(name: town.name + "办事处", kind: "subdistrict", code: code, point: Geometry.point(x: p.x, y: p.y)))
            case "镇":
                seats.append(.init(name: town.name + "人民政府", kind: "town", code: code, point: Geometry.point(x: town.center.x, y: town.center.y)))
            case "乡":
                seats.append(.init(name: town.name + "人民政府", kind: "xiang", code: code, point: Geometry.point(x: town.center.x, y: town.center.y)))
            default:
                break  // the development zone has no government seat
            }
        }
        return seats
    }

    /// Facilities with partial coverage: every 街道 has each kind; towns have schools and
    /// clinics, but elderly-care centres only in 北河镇 and 东湖镇; the 乡 a primary school and a
    /// clinic; about a third of hamlets a kindergarten and a sixth a primary school.
    func facilities(_ villages: [SampleCounty.Village], _ hamlets: [(center: Coordinate, radius: Double)?]) -> [SampleCounty.Facility] {
        let kinds: [String: String] = ["kindergarten": "幼儿园", "primary": "小学", "middle": "中学", "clinic": "卫生院", "elderly": "养老院"]
        var result: [SampleCounty.Facility] = []
        func add(_ type: String, _ at: Coordinate, _ place: String, _ township: Int, _ slot: Int) {
            let angle = 360 * random.unit(township, slot, .facility), reach = 150 + 250 * random.unit(slot, township, .facility)
            let x = at.x + reach * design.cosDegrees(angle), y = at.y + reach * design.sinDegrees(angle)
            result.append(.init(type: type, typeName: kinds[type]!, name: place + kinds[type]!, township: townshipCode(township),
                                point: Geometry.point(x: (x * 100).rounded() / 100, y: (y * 100).rounded() / 100)))
        }
        for (t, town) in design.townships.enumerated() {
            switch town.kind {
            case "街道":
                let seat = design.subdistrictSeat(t)
                for (slot, type) in ["kindergarten", "primary", "clinic", "elderly"].enumerated() { add(type, seat, town.name, t, slot) }
                if t == 0 { add("middle", design.cityCenter, design.countyName + "第一", t, 9) }
                if t == 1 { add("middle", design.cityCenter, design.countyName + "第二", t, 9) }
            case "镇":
                var types = ["kindergarten", "primary", "middle", "clinic"]
                if ["101", "103"].contains(town.digits) { types.append("elderly") }
                for (slot, type) in types.enumerated() { add(type, town.center, town.name, t, slot) }
            case "乡":
                for (slot, type) in ["primary", "clinic"].enumerated() { add(type, town.center, town.name, t, slot) }
            default:
                break
            }
        }
        for village in villages {
            let unit = village.row * design.columns + village.column
            guard let hamlet = hamlets[unit] else { continue }
            let draw = random.unit(unit, 1, .facility)
            let place = String(village.name.dropLast(3))
            if draw < 0.33 { add("kindergarten", hamlet.center, place, village.township, 100 + unit) }
            if draw < 0.16 { add("primary", hamlet.center, place, village.township, 300 + unit) }
        }
        if year == 2 {
            let closing = SampleYearTwo.closedKindergartenTownship
            let town = design.townships[closing]
            if let index = result.firstIndex(where: {
                $0.type == "kindergarten" && $0.township == townshipCode(closing) && $0.name != town.name + "幼儿园"
            }) { result.remove(at: index) }
            for (slot, opened) in SampleYearTwo.openedFacilities.enumerated() {
                let town = design.townships[opened.township]
                let near = town.kind == "街道" ? design.subdistrictSeat(opened.township) : town.center
                add(opened.type, near, town.name, opened.township, 20 + slot)
            }
        }
        return result
    }

    // MARK: Year 2

    /// The township's 9-digit code, name and kind in this year.
    func townshipCode(_ t: Int) -> String {
        design.countyCode + (year == 2 && t == SampleYearTwo.upgradedTownship ? SampleYearTwo.upgradedDigits : design.townships[t].digits)
    }

    func townshipName(_ t: Int) -> String {
        year == 2 && t == SampleYearTwo.upgradedTownship ? SampleYearTwo.upgradedName : design.townships[t].name
    }

    func townshipKind(_ t: Int) -> String {
        year == 2 && t == SampleYearTwo.upgradedTownship ? SampleYearTwo.upgradedKind : design.townships[t].kind
    }

    /// The lattice cells (i, j) that `SampleYearTwo.growth` turns into new urban or town land.
    func growth(_ hamlets: [(center: Coordinate, radius: Double)?]) throws -> [[Int]: SampleYearTwo.Growth] {
        let width = design.columns * n, height = design.rows * n
        func unitOf(_ i: Int, _ j: Int) -> Int { (j / n) * design.columns + i / n }
        func region(_ i: Int, _ j: Int) -> (String, SampleCounty.Region) {
            let unit = unitOf(i, j)
            let (landUse, _, region) = classify(cellCenter(i, j), unit: unit, hamlet: hamlets[unit], cell: (i, j))
            return (landUse, region)
        }
        func polygon(_ i: Int, _ j: Int) throws -> Geometry {
            let corners = [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)]
            return try Geometry.polygon(shell: corners + [corners[0]])
        }
        var result: [[Int]: SampleYearTwo.Growth] = [:]
        for growth in SampleYearTwo.growth {
            let unit = growth.unit[1] * design.columns + growth.unit[0]
            let lowI = growth.unit[0] * n - 1, lowJ = growth.unit[1] * n - 1
            // Other settlements' cells (hamlets, other cores, industry) in and around the unit,
            // which the new land must stay clear of by more than the built-up gap.
            var others: [(center: Coordinate, polygon: Geometry)] = []
            for j in max(0, lowJ - n)...min(height - 1, lowJ + 2 * n + 1) {
                for i in max(0, lowI - n)...min(width - 1, lowI + 2 * n + 1) {
                    let region = region(i, j).1
                    if region != .none && region != growth.region { others.append((cellCenter(i, j), try polygon(i, j))) }
                }
            }
            func candidate(_ i: Int, _ j: Int) throws -> Bool {
                guard unitOf(i, j) == unit, distance(cellCenter(i, j), growth.center) <= growth.radius else { return false }
                let (landUse, region) = region(i, j)
                guard region == .none, !["1101", "1103"].contains(landUse) else { return false }
                let center = cellCenter(i, j)
                guard hamlets.allSatisfy({ hamlet in
                    hamlet.map { distance(center, $0.center) >= $0.radius + SampleYearTwo.hamletClearance } ?? true
                }) else { return false }
                let shape = try polygon(i, j)
                for other in others where distance(center, other.center) < SampleYearTwo.settlementGap + 4 * cell {
                    if try shape.distance(to: other.polygon) <= SampleYearTwo.settlementGap { return false }
                }
                return true
            }
            // From the region's cells in and around the unit, through neighbouring cells (which
            // share at least a vertex), into the candidates.
            var queue: [[Int]] = [], seen = Set<[Int]>()
            for j in max(0, lowJ)...min(height - 1, lowJ + n + 1) {
                for i in max(0, lowI)...min(width - 1, lowI + n + 1) where region(i, j).1 == growth.region {
                    queue.append([i, j])
                    seen.insert([i, j])
                }
            }
            var head = 0
            while head < queue.count {
                let cell = queue[head]
                head += 1
                for dj in -1...1 {
                    for di in -1...1 {
                        let next = [cell[0] + di, cell[1] + dj]
                        guard next[0] >= 0, next[1] >= 0, next[0] < width, next[1] < height, !seen.contains(next) else { continue }
                        seen.insert(next)
                        if try candidate(next[0], next[1]) {
                            result[next] = growth
                            queue.append(next)
                        }
                    }
                }
            }
        }
        return result
    }

    /// Year 2's administrative changes on villages that carry year 1's codes and names: the
    /// upgraded township's new prefix, the rename, the merger and the split (whose eastern
    /// part's parcels get their own village index).
    func yearTwo(
        _ plain: [SampleCounty.Village], _ parcels: inout [SampleCounty.Parcel], _ hamlets: [(center: Coordinate, radius: Double)?]
    ) throws -> [SampleCounty.Village] {
        var villages = plain
        for index in villages.indices { villages[index].formerCodes = [villages[index].code] }
        let oldPrefix = design.countyCode + design.townships[SampleYearTwo.upgradedTownship].digits
        let newPrefix = townshipCode(SampleYearTwo.upgradedTownship)
        for index in villages.indices where villages[index].township == SampleYearTwo.upgradedTownship {
            villages[index].code = newPrefix + villages[index].code.dropFirst(9)
            if villages[index].connectedSeat == oldPrefix { villages[index].connectedSeat = newPrefix }
            villages[index].reason = villages[index].reason
                .replacingOccurrences(of: "town seat " + oldPrefix, with: "town-rank seat " + newPrefix + " (a 街道's)")
                .replacingOccurrences(of: "village at a town seat coded rural", with: "village at a 街道's seat (a town seat before 撤镇设街道) coded rural")
        }
        func at(_ unit: [Int]) throws -> Int {
            guard let index = villages.firstIndex(where: { [$0.column, $0.row] == unit && $0.units.count == 1 }) else {
                throw SampleDesignError(problem: "no village at unit \(unit)")
            }
            return index
        }
        villages[try at(SampleYearTwo.renamedUnit)].name = SampleYearTwo.newName

        let pair = try SampleYearTwo.mergedUnits.map(at).sorted { villages[$0].code < villages[$1].code }
        let (kept, absorbed) = (villages[pair[0]], villages[pair[1]])
        guard kept.township == absorbed.township, [kept, absorbed].allSatisfy({ $0.designedClass == "220" && $0.connectedSeat == nil && !$0.miscoded }) else {
            throw SampleDesignError(problem: "the merged units must be unconnected 220 units of one township, not miscoded")
        }
        var merged = kept
        merged.formerCodes += absorbed.formerCodes
        merged.population += absorbed.population
        merged.constructionArea += absorbed.constructionArea
        merged.units += absorbed.units
        merged.geometry = try Geometry.coverageUnion([kept.geometry, absorbed.geometry])
        if merged.constructionArea > 0 { merged.reason = "no construction land in the built-up region of any seat" }
        villages[pair[0]] = merged
        villages.remove(at: pair[1])

        // The split: west and east of the lattice line nearest the hamlet's centre (so both
        // parts have homes), under the next two free 村委会 numbers of its township; residents
        // in proportion to construction land.
        let whole = villages[try at(SampleYearTwo.splitUnit)]
        guard whole.designedClass == "220", whole.connectedSeat == nil, !whole.miscoded else {
            throw SampleDesignError(problem: "the split unit must be an unconnected 220 unit, not miscoded")
        }
        let width = design.columns * n, eastIndex = design.columns * design.rows
        let members = parcels.indices.filter { parcels[$0].village == whole.units[0] }
        let line = hamlets[whole.units[0]].map { Int((($0.center.x - design.minX) / cell).rounded()) % n } ?? n / 2
        let west = members.filter { ($0 % width) % n < line }, east = members.filter { ($0 % width) % n >= line }
        guard !west.isEmpty, !east.isEmpty else { throw SampleDesignError(problem: "the split unit's hamlet lies on its edge") }
        for index in east { parcels[index].village = eastIndex }
        let taken = villages.filter { $0.township == whole.township }.compactMap { Int($0.code.suffix(3)) }.filter { (200...399).contains($0) }
        let next = (taken.max() ?? 199) + 1
        func construction(_ indices: [Int]) -> Double {
            indices.filter { LandUseCode.construction.contains(parcels[$0].landUse) }.reduce(0) { $0 + parcels[$1].area }
        }
        let westPopulation = whole.constructionArea == 0
            ? whole.population / 2 : Int((Double(whole.population) * construction(west) / whole.constructionArea).rounded())
        var parts: [SampleCounty.Village] = []
        for (offset, (indices, side)) in [(west, SampleYearTwo.splitSides.west), (east, SampleYearTwo.splitSides.east)].enumerated() {
            var part = whole
            part.code = String(whole.code.prefix(9)) + String(format: "%03d", next + offset)
            part.name = String(whole.name.dropLast(3)) + side + "村委会"
            part.population = offset == 0 ? westPopulation : whole.population - westPopulation
            part.constructionArea = construction(indices)
            part.reason = part.constructionArea > 0 ? "no construction land in the built-up region of any seat" : "no construction land"
            part.geometry = try Geometry.coverageUnion(indices.map { parcels[$0].geometry })
            part.units = offset == 0 ? whole.units : [eastIndex]
            parts.append(part)
        }
        villages.removeAll { $0.code == whole.code }
        villages += parts
        return villages.sorted { $0.code < $1.code }
    }
}

import ZoningGeometry

/// The sample county one year later (`zoning sample --year 2`): the same land, seats and
/// lattice, with a few designed changes and nothing else, so that a comparison of the two years
/// has a known answer (`changes`, and `changes.csv` beside the year-2 layers).
///
/// - **撤镇设街道**: 北河镇 (370299101) becomes 北河街道 (370299004). Every one of its villages
///   gets the new township prefix and keeps its village digits, name and polygon; its seat
///   becomes a 街道's (it still ranks as a town seat, so no class changes).
/// - **A merger**: two neighbouring hamlets of 西岭镇 become one unit. It keeps the code and
///   name of the one with the lower code; its polygon is their union, its population their sum.
/// - **A rename**: one village of 东湖镇 keeps its code and polygon under a new name.
/// - **A split**: another village of 东湖镇 becomes two, west and east of the lattice line
///   nearest its hamlet's centre (so both have homes), under two new codes (the old one is
///   retired); residents divided by their construction land.
/// - **Built-up growth**: new urban or town land (CZCSXM 201/202) grows out of a built-up region
///   into three units, each of which changes class: 廖营 in 西城街道 (112 → 111: its share s
///   crosses 0.5), 林集 in 南山镇 (122 → 121) and 杨店, south-west of 南山镇's seat (220 → 122:
///   connected for the first time). The growth stays inside these units and more than 150 m
///   from every other settlement's parcels, so no other unit's class, share or construction
///   land moves.
///   These units also gain residents, and the bureau republishes their official class.
/// - **Facilities**: elderly-care centres open in 南山镇 and 西岭镇, a middle school in 西城街道
///   and a clinic in the development zone, each the first of its type there; the kindergarten
///   of 西岭镇's first hamlet closes.
///
/// ```swift
/// let county = try SampleCounty.generate(seed: 1, parcels: 20_000, year: 2)
/// county.changes == SampleYearTwo.changes   // true: the design, found again in the data
/// ```
public enum SampleYearTwo {
    /// The years `zoning sample --year` makes.
    public static let years: ClosedRange<Int> = 1...2

    // MARK: The design

    /// 北河镇 (index 3 of `SampleDesign.townships`) upgraded to a 街道.
    static let upgradedTownship = 3
    static let upgradedDigits = "004", upgradedName = "北河街道", upgradedKind = "街道"

    /// The two units (column, row) that merge; the first keeps its code and name.
    static let mergedUnits: [[Int]] = [[0, 2], [1, 2]]
    /// The unit split into a western and an eastern part (by lattice columns), each with a new
    /// code and a name of the old one's stem and 西/东.
    static let splitUnit = [11, 3]
    static let splitSides = (west: "西", east: "东")
    /// The unit renamed, and its new name.
    static let renamedUnit = [9, 6]
    static let newName = "岭南村委会"

    /// New construction land grown out of a built-up region into one unit: the unit's lattice
    /// cells whose centres lie within `radius` of `center`, that are farmland, not water, at
    /// least `hamletClearance` beyond every hamlet's edge, and reachable from the region's
    /// cells through neighbouring cells (so the new land touches the region: gap 0 m).
    struct Growth: Sendable {
        var unit: [Int]
        var region: SampleCounty.Region
        var center: Coordinate
        var radius: Double
        /// Residents the unit gains with it.
        var residents: Int
    }

    /// Metres from a hamlet's edge (its radius) to the centre of any new cell: with cells of
    /// at most about 330 m across, the new land stays well beyond the 100 m gap from homes.
    static let hamletClearance = 600.0
    /// Metres by which the new land's parcels stay clear of every other settlement's parcels
    /// (whatever the lattice's size): more than the 100 m built-up gap, so none of them joins.
    static let settlementGap = 150.0

    static let growth: [Growth] = [
        Growth(unit: [4, 5], region: .city, center: SampleDesign.cityCenter, radius: SampleDesign.cityRadius + 600, residents: 1200),
        Growth(unit: [5, 1], region: .town(4), center: SampleDesign.townships[4].center, radius: SampleDesign.townRadius + 900, residents: 800),
        Growth(unit: [5, 0], region: .town(4), center: SampleDesign.townships[4].center, radius: SampleDesign.townRadius + 500, residents: 600),
    ]

    /// Facilities that open, each of a type its township lacked: type and township index (near
    /// the township's seat, or its centre for the development zone).
    static let openedFacilities: [(type: String, township: Int)] = [("elderly", 4), ("elderly", 6), ("middle", 2), ("clinic", 8)]
    /// The facility that closes: the first kindergarten of this township's hamlets.
    static let closedKindergartenTownship = 6

    /// Every designed change of the default sample (seed 1, 20 000 parcels), in the order of
    /// `changes.csv`: the township's upgrade, then unit by unit (by year-2 code) renumbering,
    /// rename, merger, class and population, then facilities closed and opened. A comparison of
    /// year 1 with year 2 should find exactly these. `SampleCounty.changes` derives the same
    /// list from the generated years (for any seed and size); a test checks the two agree.
    public static let changes: [DesignedChange] = [
        DesignedChange(
            .renumbered, old: ["370299101"], new: ["370299004"], oldName: "北河镇", newName: "北河街道",
            reason: "撤镇设街道: 北河镇 became 北河街道; its township code 101 became 004"),
        DesignedChange(
            .classChange, old: ["370299003201"], new: ["370299003201"], oldName: "廖营村委会", newName: "廖营村委会", oldClass: "112", newClass: "111",
            reason: "new urban land (CZCSXM 201) joined the built-up region of the seat 370299: construction land 42.2 ha → 145.0 ha with 85% of it connected; so s rose from 48% to 85%; the official class follows"),
        DesignedChange(
            .population, old: ["370299003201"], new: ["370299003201"], oldName: "廖营村委会", newName: "廖营村委会", oldPopulation: 1050, newPopulation: 2250,
            reason: "1200 residents moved into the new construction land"),
        DesignedChange(
            .renumbered, old: ["370299101001"], new: ["370299004001"], oldName: "郭社区居委会", newName: "郭社区居委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101200"], new: ["370299004200"], oldName: "谢岭村委会", newName: "谢岭村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101201"], new: ["370299004201"], oldName: "宋家庄村委会", newName: "宋家庄村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101202"], new: ["370299004202"], oldName: "唐家村村委会", newName: "唐家村村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101203"], new: ["370299004203"], oldName: "韩庄村委会", newName: "韩庄村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101204"], new: ["370299004204"], oldName: "冯屯村委会", newName: "冯屯村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101205"], new: ["370299004205"], oldName: "董营村委会", newName: "董营村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101206"], new: ["370299004206"], oldName: "萧店村委会", newName: "萧店村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101207"], new: ["370299004207"], oldName: "程家楼村委会", newName: "程家楼村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101208"], new: ["370299004208"], oldName: "孙家洼村委会", newName: "孙家洼村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101209"], new: ["370299004209"], oldName: "马岭村委会", newName: "马岭村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101210"], new: ["370299004210"], oldName: "朱家庄村委会", newName: "朱家庄村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101211"], new: ["370299004211"], oldName: "胡家村村委会", newName: "胡家村村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101212"], new: ["370299004212"], oldName: "何屯村委会", newName: "何屯村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101213"], new: ["370299004213"], oldName: "林营村委会", newName: "林营村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101214"], new: ["370299004214"], oldName: "王集村委会", newName: "王集村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101215"], new: ["370299004215"], oldName: "李家洼村委会", newName: "李家洼村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101216"], new: ["370299004216"], oldName: "张岭村委会", newName: "张岭村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101217"], new: ["370299004217"], oldName: "刘家庄村委会", newName: "刘家庄村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101218"], new: ["370299004218"], oldName: "陈家村村委会", newName: "陈家村村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101219"], new: ["370299004219"], oldName: "杨庄村委会", newName: "杨庄村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .renumbered, old: ["370299101220"], new: ["370299004220"], oldName: "邱店村委会", newName: "邱店村委会",
            reason: "its township 北河镇 became 北河街道 (撤镇设街道): the code's township digits 101 became 004"),
        DesignedChange(
            .classChange, old: ["370299102206"], new: ["370299102206"], oldName: "林集村委会", newName: "林集村委会", oldClass: "122", newClass: "121",
            reason: "new town land (CZCSXM 202) joined the built-up region of the seat 370299102: construction land 71.8 ha → 247.2 ha with 77% of it connected; so s rose from 20% to 77%; the official class follows"),
        DesignedChange(
            .population, old: ["370299102206"], new: ["370299102206"], oldName: "林集村委会", newName: "林集村委会", oldPopulation: 872, newPopulation: 1672,
            reason: "800 residents moved into the new construction land"),
        DesignedChange(
            .classChange, old: ["370299102211"], new: ["370299102211"], oldName: "杨店村委会", newName: "杨店村委会", oldClass: "220", newClass: "122",
            reason: "new town land (CZCSXM 202) joined the built-up region of the seat 370299102: construction land 46.1 ha → 72.4 ha with 36% of it connected; so it is connected for the first time; the official class follows"),
        DesignedChange(
            .population, old: ["370299102211"], new: ["370299102211"], oldName: "杨店村委会", newName: "杨店村委会", oldPopulation: 734, newPopulation: 1334,
            reason: "600 residents moved into the new construction land"),
        DesignedChange(
            .renamed, old: ["370299103201"], new: ["370299103201"], oldName: "邵家村村委会", newName: "岭南村委会",
            reason: "renamed from 邵家村村委会 to 岭南村委会; the code and polygon stay"),
        DesignedChange(
            .split, old: ["370299103214"], new: ["370299103215", "370299103216"], oldName: "叶集村委会", newName: "叶集西村委会、叶集东村委会", oldClass: "220", newClass: "220", oldPopulation: 1718, newPopulation: 1718,
            reason: "叶集村委会 split into 叶集西村委会 and 叶集东村委会 along a line of parcels; both codes are new and the old one is retired; residents divided by construction land"),
        DesignedChange(
            .merged, old: ["370299104217", "370299104218"], new: ["370299104217"], oldName: "唐营村委会、韩店村委会", newName: "唐营村委会", oldClass: "220", newClass: "220", oldPopulation: 2301, newPopulation: 2301,
            reason: "唐营村委会 and 韩店村委会 merged into one unit that keeps the code and name of 唐营村委会; its polygon is their union and its population their sum"),
        DesignedChange(
            .closedFacility, old: ["370299104"], new: [], oldName: "段店幼儿园", facilityType: "kindergarten",
            reason: "段店幼儿园 closed; 西岭镇 keeps 5 幼儿园"),
        DesignedChange(
            .newFacility, old: [], new: ["370299102"], newName: "南山镇养老院", facilityType: "elderly",
            reason: "南山镇养老院 opened: the first 养老院 of 南山镇"),
        DesignedChange(
            .newFacility, old: [], new: ["370299104"], newName: "西岭镇养老院", facilityType: "elderly",
            reason: "西岭镇养老院 opened: the first 养老院 of 西岭镇"),
        DesignedChange(
            .newFacility, old: [], new: ["370299003"], newName: "西城街道中学", facilityType: "middle",
            reason: "西城街道中学 opened: the first 中学 of 西城街道"),
        DesignedChange(
            .newFacility, old: [], new: ["370299401"], newName: "样例经济开发区卫生院", facilityType: "clinic",
            reason: "样例经济开发区卫生院 opened: the first 卫生院 of 样例经济开发区"),
    ]

    // MARK: The changes, found by comparing the two years

    /// Every difference between year 1 and year 2 in what a comparison reads: codes, names,
    /// polygons (mergers), designed classes, populations and facilities. Year 2 is built from
    /// the design above, so this list is the design as it landed in the data.
    static func derive(from first: SampleCounty, to second: SampleCounty) throws -> [DesignedChange] {
        var result: [DesignedChange] = []
        let county = SampleDesign.countyCode
        let township = SampleDesign.townships[upgradedTownship]
        result.append(DesignedChange(
            .renumbered, old: [county + township.digits], new: [county + upgradedDigits], oldName: township.name, newName: upgradedName,
            reason: "撤镇设街道: \(township.name) became \(upgradedName); its township code \(township.digits) became \(upgradedDigits)"))

        var before: [String: SampleCounty.Village] = [:]
        for village in first.villages { before[village.code] = village }
        let parts = Dictionary(grouping: second.villages.filter { $0.formerCodes.count == 1 }, by: { $0.formerCodes[0] }).filter { $0.value.count > 1 }
        func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
        func hectares(_ m2: Double) -> String { String(format: "%.1f ha", m2 / 10_000) }
        for village in second.villages {
            let old = try village.formerCodes.map { code in
                guard let found = before[code] else { throw SampleDesignError(problem: "\(code) is no village of year 1") }
                return found
            }
            if let split = parts[village.formerCodes.first ?? ""] {
                guard split[0].code == village.code else { continue }  // once, at the first part
                result.append(DesignedChange(
                    .split, old: [old[0].code], new: split.map(\.code), oldName: old[0].name, newName: split.map(\.name).joined(separator: "、"),
                    oldClass: old[0].designedClass, newClass: village.designedClass,
                    oldPopulation: old[0].population, newPopulation: split.reduce(0) { $0 + $1.population },
                    reason: "\(old[0].name) split into \(split.map(\.name).joined(separator: " and ")) along a line of parcels; "
                        + "both codes are new and the old one is retired; residents divided by construction land"))
                continue
            }
            if old.count > 1 {
                result.append(DesignedChange(
                    .merged, old: old.map(\.code), new: [village.code], oldName: old.map(\.name).joined(separator: "、"), newName: village.name,
                    oldClass: old[0].designedClass, newClass: village.designedClass,
                    oldPopulation: old.reduce(0) { $0 + $1.population }, newPopulation: village.population,
                    reason: "\(old.map(\.name).joined(separator: " and ")) merged into one unit that keeps the code and name of \(old[0].name); "
                        + "its polygon is their union and its population their sum"))
                continue
            }
            let unit = old[0]
            if unit.code != village.code {
                result.append(DesignedChange(
                    .renumbered, old: [unit.code], new: [village.code], oldName: unit.name, newName: village.name,
                    reason: "its township \(township.name) became \(upgradedName) (撤镇设街道): the code's township digits \(township.digits) became \(upgradedDigits)"))
            }
            if unit.name != village.name {
                result.append(DesignedChange(
                    .renamed, old: [unit.code], new: [village.code], oldName: unit.name, newName: village.name,
                    reason: "renamed from \(unit.name) to \(village.name); the code and polygon stay"))
            }
            if unit.designedClass != village.designedClass {
                let growth = growth.first { $0.unit == [village.column, village.row] }
                let land = growth?.region == .city ? "urban land (CZCSXM 201)" : "town land (CZCSXM 202)"
                let connection = unit.connectedSeat == nil
                    ? "it is connected for the first time"
                    : "s rose from \(percent(unit.share)) to \(percent(village.share))"
                result.append(DesignedChange(
                    .classChange, old: [unit.code], new: [village.code], oldName: unit.name, newName: village.name,
                    oldClass: unit.designedClass, newClass: village.designedClass,
                    reason: "new \(land) joined the built-up region of the seat \(village.connectedSeat ?? "-"): construction land "
                        + "\(hectares(unit.constructionArea)) → \(hectares(village.constructionArea)) with \(percent(village.share)) of it connected; so \(connection); "
                        + "the official class follows"))
            }
            if unit.population != village.population {
                result.append(DesignedChange(
                    .population, old: [unit.code], new: [village.code], oldName: unit.name, newName: village.name,
                    oldPopulation: unit.population, newPopulation: village.population,
                    reason: "\(village.population - unit.population) residents moved into the new construction land"))
            }
        }

        func key(_ facility: SampleCounty.Facility) throws -> String {
            let point = try facility.point.coordinates.first.map { "\($0.x) \($0.y)" } ?? ""
            return facility.type + " " + facility.name + " " + point
        }
        let oldKeys = Set(try first.facilities.map(key)), newKeys = Set(try second.facilities.map(key))
        func count(_ county: SampleCounty, _ facility: SampleCounty.Facility) -> Int {
            county.facilities.filter { $0.type == facility.type && $0.township == facility.township }.count
        }
        func townshipName(_ code: String) -> String { second.townships.first { $0.code == code }?.name ?? code }
        for facility in first.facilities where !newKeys.contains(try key(facility)) {
            result.append(DesignedChange(
                .closedFacility, old: [facility.township], new: [], oldName: facility.name, facilityType: facility.type,
                reason: "\(facility.name) closed; \(townshipName(facility.township)) keeps \(count(second, facility)) \(facility.typeName)"))
        }
        for facility in second.facilities where !oldKeys.contains(try key(facility)) {
            let before = count(first, facility)
            result.append(DesignedChange(
                .newFacility, old: [], new: [facility.township], newName: facility.name, facilityType: facility.type,
                reason: "\(facility.name) opened: " + (before == 0
                    ? "the first \(facility.typeName) of \(townshipName(facility.township))"
                    : "\(townshipName(facility.township)) had \(before) \(facility.typeName)")))
        }
        return result
    }
}

/// A sample year other than 1 and 2.
public struct SampleYearError: Error, CustomStringConvertible, Sendable {
    public let year: Int
    public var description: String { "The sample county has years 1 and 2, not \(year)." }
}

/// The year-2 design does not fit the county it is applied to (a unit it names is not what it
/// needs), which a different seed or size could cause.
public struct SampleDesignError: Error, CustomStringConvertible, Sendable {
    public let problem: String
    public var description: String { "The sample's year-2 design does not fit this county: \(problem)." }
}

import Foundation
import ZoningAnalysis

/// The language of the report and of the sentences in the tables (reasons, evidence):
/// Chinese by default, for the bureau; English on request (`language: en` in a project,
/// `--language en` on the command line). Codes and field names stay as they are in both.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en
}

/// Every word the report and the tables' sentences use, in both languages: one table, so that
/// a heading or a reason is changed in one place.
///
/// ```swift
/// let text = ReportText(.zh)
/// text.reason(unit)   // "建设用地的39%位于市驻地370299的实际建设区内"
/// ReportText(.en).reason(unit)  // "39% of construction land in the built-up region of the city seat 370299"
/// ```
public struct ReportText: Sendable {
    public let language: ReportLanguage

    public init(_ language: ReportLanguage) {
        self.language = language
    }

    /// The Chinese or the English of a phrase.
    func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    // MARK: Sentences in the tables

    /// Why a unit has its class, from its share, seat and construction land.
    public func reason(_ unit: UnitClassification) -> String {
        let share = Self.wholePercent(unit.share)
        var text: String
        if let seat = unit.connectedSeat {
            text = pick("建设用地的\(share)位于\(rank(seat.rank))\(seat.code)的实际建设区内",
                        "\(share) of construction land in the built-up region of the \(seat.rank) \(seat.code)")
        } else if unit.constructionSquareMetres == 0 {
            text = pick("无建设用地", "no construction land")
        } else {
            text = pick("建设用地的\(share)位于驻地实际建设区内", "\(share) of construction land in a seat's built-up region")
        }
        if unit.derivedClass == .special {
            let residents = unit.population ?? 0
            text += pick("；未与驻地连接；特殊区域，常住人口\(residents)人", "; not connected; special area with \(residents) residents")
        }
        return text
    }

    /// The evidence of a review-list entry: both classes, s with its seat, and the unit's
    /// construction share.
    public func evidence(_ entry: ReviewLists.Entry) -> String {
        let unit = entry.unit
        let seat = unit.connectedSeat.map { pick("（\(rank($0.rank))\($0.code)）", " (\($0.rank) \($0.code))") } ?? ""
        let official = unit.officialClass?.rawValue ?? pick("无", "none")
        return pick(
            "划分代码\(unit.derivedClass)，统计代码\(official)；s = \(Self.wholePercent(unit.share))\(seat)；建设用地占本单位土地的\(Self.wholePercent(entry.constructionShareOfUnit))",
            "derived \(unit.derivedClass), official \(official); s = \(Self.wholePercent(unit.share))\(seat); construction \(Self.wholePercent(entry.constructionShareOfUnit)) of the unit's land")
    }

    /// A seat's rank in words: 市驻地, 镇（街道）驻地, 乡驻地.
    public func rank(_ rank: SeatRank) -> String {
        switch rank {
        case .city: pick("市驻地", "city seat")
        case .town: pick("镇（街道）驻地", "town seat")
        case .xiang: pick("乡驻地", "乡 seat")
        }
    }

    /// A share as a whole percentage: 0.389 → "39%".
    static func wholePercent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    // MARK: Review lists and targets

    public func list(_ list: ReviewLists.List) -> String {
        switch list {
        case .shouldCount: pick("应统尽统候选（划分为城镇、统计为乡村）", "应统尽统 candidates (derived urban, official rural)")
        case .overCount: pick("多统核查（统计为城镇、划分为乡村）", "over-count review (official urban, derived rural)")
        case .subdistrictVillage: pick("街道内的村庄（街道所辖单位划为2xx）", "villages inside sub-districts (街道 units classed 2xx)")
        case .townSeatVillage: pick("镇驻地村庄（含镇政府驻地的单位划为2xx）", "villages at town seats (the unit holding a 镇 seat, classed 2xx)")
        case .highConstruction: pick("建设用地占比高的乡村单位", "high-construction rural units")
        }
    }

    public func basis(_ basis: ReviewLists.Basis) -> String {
        switch basis {
        case .derived: pick("按划分代码", "derived")
        case .official: pick("按统计代码", "official")
        case .comparison: pick("两者对比", "comparison")
        }
    }

    public func facility(_ type: FacilityType) -> String {
        switch type {
        case .kindergarten: pick("幼儿园", "kindergarten")
        case .primary: pick("小学", "primary school")
        case .middle: pick("中学", "middle school")
        case .clinic: pick("卫生服务中心", "clinic")
        case .elderly: pick("养老服务设施", "elderly care")
        case .park: pick("公园", "park")
        case .lifeCircle: pick("15分钟生活圈", "15-minute life circle")
        }
    }

    /// What a target asks, in words: "养老服务设施覆盖率（街道）≥ 100%".
    public func target(_ target: TargetsFile.Target) -> String {
        let threshold = "\(target.comparator.rawValue.replacingOccurrences(of: ">=", with: "≥").replacingOccurrences(of: "<=", with: "≤")) \(String(format: "%.0f%%", target.threshold * 100))"
        let scope = target.units.map { pick("（\($0.joined(separator: "、"))）", " (\($0.joined(separator: "/")))") } ?? ""
        let facility = target.facility.map(self.facility) ?? ""
        switch target.indicator {
        case .urbanizationRate: return pick("常住人口城镇化率 \(threshold)", "urbanization rate \(threshold)")
        case .unitCoverage: return pick("\(facility)覆盖率\(scope) \(threshold)", "\(facility) in townships\(scope) \(threshold)")
        case .residentialCoverage: return pick("\(facility)居住用地覆盖率\(scope) \(threshold)", "residential land within reach of \(facility)\(scope) \(threshold)")
        case .populationCoverage: return pick("\(facility)人口覆盖率\(scope) \(threshold)", "residents within reach of \(facility)\(scope) \(threshold)")
        case .networkPopulationCoverage:
            let circle = target.circle.map { pick("\($0)生活圈", "\($0) circle") } ?? pick("生活圈", "life circle")
            let what = target.facility.map(self.facility) ?? pick("全部设施", "every facility type")
            let level = target.level.map { ["county": pick("（全县）", " (county)"), "urban": pick("（城镇人口）", " (urban residents)"),
                                            "rural": pick("（乡村人口）", " (rural residents)"), "township": scope][$0] ?? "" } ?? scope
            return pick("\(circle)步行可达\(what)的人口比例\(level) \(threshold)", "residents within the \(circle) walk of \(what)\(level) \(threshold)")
        }
    }

    /// A checked target as a sentence: "养老服务设施覆盖率（街道）≥ 100%：100.0%，达标".
    public func verdict(_ result: TargetResult) -> String {
        let value = ShareText.percent(result.value)
        switch result.verdict {
        case .pass: return pick("\(value)，达标", "\(value), met")
        case .fail:
            let gap = result.shortfall.map { String(format: "%.1f", $0 * 100) } ?? "?"
            return pick("\(value)，未达标，差\(gap)个百分点", "\(value), short by \(gap) points")
        case .notApplicable: return pick("无法评估：\(result.reason ?? "")", "n/a: \(result.reason ?? "")")
        }
    }

    public func verdictWord(_ verdict: TargetResult.Verdict) -> String {
        switch verdict {
        case .pass: pick("达标", "pass")
        case .fail: pick("未达标", "FAIL")
        case .notApplicable: pick("无法评估", "n/a")
        }
    }

    public func severity(_ severity: Check.Severity) -> String {
        switch severity {
        case .error: pick("错误", "error")
        case .warning: pick("警告", "warning")
        case .note: pick("说明", "note")
        }
    }

    // MARK: The report's words

    var htmlLanguage: String { pick("zh-CN", "en") }
    func title(_ name: String) -> String { pick("\(name) — 城乡划分与公共服务覆盖报告", "\(name) — urban–rural zoning and service coverage") }
    func subtitle(version: String, crs: String) -> String {
        pick("城乡属性划分、实际建设区与公共服务覆盖 · zoning \(version) · 分析坐标系 \(crs) · 面积为椭球面积",
             "Urban–rural classification, built-up regions and service coverage · zoning \(version) · analysis CRS \(crs) · areas ellipsoidal")
    }

    var summary: String { pick("概况", "Summary") }
    var countySummary: String { pick("县级汇总", "County summary") }
    var checks: String { pick("数据核查", "Input checks") }
    var classes: String { pick("城乡分类", "Urban–rural classes") }
    var urbanization: String { pick("城镇化率", "Urbanization") }
    var builtUp: String { pick("实际建设区", "Built-up regions") }
    var targets: String { pick("规划目标", "Plan targets") }
    var review: String { pick("核查清单", "Review lists") }
    var coverage: String { pick("公共服务覆盖", "Service coverage") }
    var lifeCircles: String { pick("生活圈（步行距离）", "Life circles (walking distance)") }
    var inputs: String { pick("输入与参数", "Inputs and parameters") }

    // Summary cards: (title, note).
    var unitsCard: String { pick("村级单位", "village-level units") }
    func unitsNote(townships: Int, parcels: Int) -> String { pick("\(townships)个乡镇（街道），\(parcels)个图斑", "\(townships) townships, \(parcels) parcels") }
    var urbanizationDerived: String { pick("城镇化率（划分）", "urbanization (derived)") }
    func residentsNote(urban: Int, total: Int) -> String { pick("常住人口\(total)人中城镇人口\(urban)人", "\(urban) of \(total) residents") }
    var urbanizationOfficial: String { pick("城镇化率（统计代码）", "urbanization (official codes)") }
    func officialNote(field: String) -> String { pick("按单位的城乡分类代码（\(field)）", "from the units' \(field)") }
    var regionsCard: String { pick("实际建设区", "built-up regions") }
    func regionsNote(km2: Double) -> String { pick(String(format: "轮廓内%.2f平方千米", km2), String(format: "%.2f km² within outlines", km2)) }
    var agreeCard: String { pick("划分与统计一致", "classes agree") }
    var agreeNote: String { pick("划分代码与统计代码", "derived vs official") }
    var reviewCard: String { pick("待核查单位", "units to review") }
    func reviewNote(entries: Int, lists: Int) -> String { pick("\(lists)个清单共\(entries)条", "\(entries) entries in \(lists) lists") }
    var checksCard: String { pick("数据核查", "input checks") }
    func checksValue(warnings: Int) -> String { warnings == 0 ? pick("通过", "fit") : pick("\(warnings)条警告", "\(warnings) warning\(warnings == 1 ? "" : "s")") }
    func tally(_ checks: CheckList) -> String {
        let parts = Check.Severity.allCases.compactMap { severity -> String? in
            let count = checks.checks.filter { $0.severity == severity }.count
            return count == 0 ? nil : pick("\(count)条\(self.severity(severity))", "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")")
        }
        return parts.isEmpty ? pick("无发现", "no findings") : parts.joined(separator: pick("，", ", "))
    }
    var targetsCard: String { pick("规划目标达标", "targets met") }
    func targetsNote(notApplicable: Int) -> String {
        notApplicable == 0 ? pick("项达标", "checks pass") : pick("项达标；\(notApplicable)项无法评估", "checks pass; \(notApplicable) n/a")
    }

    // Tables.
    var countyHeaders: [String] { [pick("县级代码", "county"), pick("常住人口", "residents"), urbanizationDerived, urbanizationOfficial, pick("实际建设区（平方千米）", "built-up km²")] }
    func coverageHeader(_ type: FacilityType) -> String { pick("\(facility(type))覆盖率", "\(type.rawValue) coverage") }
    var targetCounts: String { pick("目标 达标/未达标/无法评估", "targets pass / fail / n/a") }
    var countyNote: String { pick("summary.csv 按县给出这些数据及各类单位数，多次运行的表可以直接拼接。", "summary.csv holds these figures with the units per class; the sheets of many runs stack.") }
    var checksIntro: String {
        pick("分析之前，各图层已相互核对：图斑与村级单位按代码和位置对照，各图层范围与土地利用图层对照，并检查代码、字段和几何。错误会中止运行，因此报告只列警告和说明；checks.csv 列出全部结果。",
             "Before any analysis the layers were checked against each other: parcels against units by code and by location, every layer's extent against the land use, codes, fields and geometries. Errors stop a run, so a report holds warnings and notes only; checks.csv lists them all.")
    }
    var noFindings: String { pick("无发现。", "No findings.") }
    var classHeaders: [String] { [pick("代码", "class"), pick("名称", "name"), pick("单位数（划分）", "units (derived)"), pick("常住人口", "residents"), pick("单位数（统计）", "units (official)")] }
    var countyLevel: String { pick("县（市、区）", "County") }
    var townshipLevel: String { pick("乡镇（街道）", "Townships") }
    var urbanizationHeaders: [String] { [pick("代码", "code"), pick("名称", "name"), pick("常住人口", "residents"), pick("城镇人口", "urban residents"), urbanizationDerived, urbanizationOfficial] }
    var urbanizationNote: String { pick("城镇人口为城乡分类代码1xx单位的常住人口；划分结果来自国土调查，统计结果来自统计用城乡分类代码。", "Urban residents live in units of class 1xx; derived from the land survey, official from the statistics codes.") }
    var builtUpHeaders: [String] { [pick("编号", "region"), pick("等级", "rank"), pick("主驻地", "principal seat"), pick("图斑数", "parcels"), pick("图斑面积（平方千米）", "footprint km²"), pick("轮廓面积（平方千米）", "outline km²")] }
    var seedsOnly: String { pick("仅有城镇图斑（无驻地）", "seeds only") }
    var targetHeaders: [String] { ["", pick("目标", "target"), pick("区域", "region"), pick("数值", "value"), pick("差距或说明", "short by"), pick("依据", "source")] }
    func points(_ shortfall: Double) -> String { pick(String(format: "%.1f个百分点", shortfall * 100), String(format: "%.1f points", shortfall * 100)) }
    var none: String { pick("无。", "None.") }
    var reviewHeaders: [String] { [pick("依据", "basis"), pick("代码", "code"), pick("名称", "name"), pick("划分", "derived"), pick("统计", "official"), "s", pick("证据", "evidence")] }
    func coverageHeaders(_ types: [(FacilityType, Double)]) -> [String] {
        [pick("乡镇（街道）", "township"), pick("类型", "kind")] + types.map { type, radius in pick("\(facility(type)) \(Int(radius))米", "\(type.rawValue) \(Int(radius)) m") }
    }
    var residentialIntro: String {
        pick("各类设施服务半径内的居住用地占比（coverage.csv 的 residential_land_coverage），括号内为乡镇（街道）内的设施数。地图：按该占比着色的乡镇（街道），红色为未覆盖的居住用地图斑。",
             "Share of residential land within each facility type's service radius (residential_land_coverage in coverage.csv), with the facilities inside each township in brackets. Maps: townships by that share, uncovered residential parcels in red.")
    }
    func populationIntro(fromPoints: Bool) -> String {
        let source = fromPoints ? pick("来自人口点", "from the population points") : pick("各村常住人口按其居住用地面积分摊", "each village's residents spread over its residential land")
        return pick("服务半径内的常住人口占比（population_coverage：\(source)），以及居住用地图斑到最近设施距离的90百分位数（nearest_p90_m）。",
                    "Share of residents within reach (population_coverage: \(source)), and the 90th percentile of the distance from residential parcels to the nearest facility (nearest_p90_m).")
    }
    func metres(_ value: Double) -> String { pick("\(Int(value.rounded()))米", "\(Int(value.rounded())) m") }
    var inputHeaders: [String] { [pick("角色", "role"), pick("文件", "file"), pick("字节", "bytes"), "SHA-256"] }
    /// A table's size in the inputs' list, where a file has its bytes: `120 rows`.
    func rows(_ count: Int) -> String { pick("\(count) 行", "\(count) rows") }
    var parameterHeaders: [String] { [pick("参数", "parameter"), pick("取值", "value")] }
    var manifestNote: String { pick("manifest.json 记录全部参数、每个输入和输出文件及其校验值和用时。", "manifest.json records every parameter, every input and output with its checksum, and the timings.") }
    func also(_ file: String) -> String { pick("另见 maps/\(file)", "also maps/\(file)") }
    func role(_ role: String) -> String {
        guard language == .zh else { return role }
        return ["land_use": "土地利用", "villages": "村级单位", "townships": "乡镇（街道）", "seats": "政府驻地", "facilities": "设施",
                "population": "人口", "roads": "道路", "targets": "规划目标", "project": "项目文件"][role] ?? role
    }

    // Maps.
    var classesMapTitle: String { pick("城乡分类：村级单位", "Urban–rural classes of village-level units") }
    var builtUpMapTitle: String { pick("实际建设区", "Built-up regions") }
    func coverageMapTitle(_ type: FacilityType, radius: Double) -> String { pick("服务覆盖：\(facility(type))，\(Int(radius))米", "Coverage: \(type.rawValue), \(Int(radius)) m") }
    var seatLegend: String { pick("政府驻地", "seat") }
    func regionTitle(_ id: Int, seat: String, km2: Double) -> String {
        pick(String(format: "实际建设区%d：%@，%.2f平方千米", id, seat, km2), String(format: "Region %d: %@, %.2f km²", id, seat, km2))
    }
    func builtUpLegend(_ rank: SeatRank?) -> String { pick("实际建设区，", "built-up, ") + (rank.map(self.rank) ?? seedsOnly) }
    var noResidentialLand: String { pick("无居住用地", "no residential land") }
    func nearest(_ type: FacilityType, metres: Double?) -> String {
        guard let metres else { return pick("无\(facility(type))", "no \(type.rawValue)") }
        return pick("距最近\(facility(type))\(Int(metres.rounded()))米", "nearest \(type.rawValue) \(Int(metres.rounded())) m")
    }
    func coveredLegend(_ lower: Double, _ upper: Double) -> String {
        let range = ShareText.percent(lower) == ShareText.percent(upper) ? ShareText.percent(upper) : "\(ShareText.percent(lower).dropLast())–\(ShareText.percent(upper))"
        return pick("居住用地覆盖\(range)", "\(range) of residential land covered")
    }
    func serviceLegend(_ type: FacilityType, radius: Double) -> String { pick("服务范围（\(Int(radius))米）", "service area (\(Int(radius)) m)") }
    func uncoveredTitle(code: String, name: String, parcels: Int, residents: Double) -> String {
        pick("\(code) \(name)：\(parcels)个未覆盖的居住用地图斑，约\(Int(residents.rounded()))人", "\(code) \(name): \(parcels) uncovered residential parcels, about \(Int(residents.rounded())) residents")
    }
    var uncoveredLegend: String { pick("未覆盖居住用地", "uncovered residential") }
    /// The gaps layer of one type, in the styles and the project: "未覆盖居住用地（幼儿园）".
    func uncoveredLayer(_ type: FacilityType) -> String { uncoveredLegend + pick("（\(facility(type))）", " (\(type.rawValue))") }
    /// A type's walking service area of a life circle, in the styles and the project: "幼儿园步行服务范围".
    func walkAreaLayer(_ type: FacilityType) -> String { pick("\(facility(type))\(walkAreaLegend)", "\(type.rawValue) \(walkAreaLegend)") }
    func facilityLegend(_ type: FacilityType, radius: Double) -> String { pick("\(facility(type))（\(Int(radius))米）", "\(type.rawValue) (\(Int(radius)) m)") }
    // Life circles.
    func circleName(_ circle: LifeCircle) -> String {
        let minutes = circle.name.hasSuffix("min") ? String(circle.name.dropLast(3)) : nil
        return minutes.map { pick("\($0)分钟生活圈（\(Int(circle.walkMetres))米）", "\($0)-minute circle (\(Int(circle.walkMetres)) m)") }
            ?? pick("\(circle.name)（\(Int(circle.walkMetres))米）", "\(circle.name) (\(Int(circle.walkMetres)) m)")
    }
    func circleMapTitle(_ circle: LifeCircle) -> String { pick("生活圈：", "Life circle: ") + circleName(circle) }
    var allTypes: String { pick("全部", "all") }
    var urbanRow: String { pick("城镇（1xx单位）", "urban (1xx units)") }
    var ruralRow: String { pick("乡村（2xx单位）", "rural (2xx units)") }
    var lifeCircleRegion: String { pick("区域", "region") }
    func lifeCircleIntro(kilometres: Double, parts: Int, offFacilities: Int, snap: Double) -> String {
        let network = String(format: "%.1f", kilometres)
        return pick("沿道路步行可达各类设施的常住人口占比（life-circles.csv 的 network_population_share），括号内为按图斑到最近设施的直线距离计算的占比（line_population_share）；步行距离不会短于直线距离，两者之差即河流、铁路等阻隔和绕行的影响。“全部”为可步行到达该生活圈全部设施类型的人口占比。可步行路网\(network)千米，\(parts)个连通部分；\(offFacilities)处设施距道路超过\(Int(snap))米而不计入。",
                    "Share of residents who reach each facility type on foot along the roads (network_population_share in life-circles.csv), with the share within the same distance of a facility in a straight line (from the parcel) in brackets (line_population_share); a walk is never shorter than the straight line, so the difference is what rivers, railways and detours take away. \u{201C}all\u{201D}: residents who reach every type of the circle. Walkable network \(network) km in \(parts) connected part\(parts == 1 ? "" : "s"); \(offFacilities) facilities lie more than \(Int(snap)) m from a road and are left out.")
    }
    var lifeCircleMapIntro: String {
        pick("地图：居住用地按可步行到达的设施类型数着色（绿：全部，橙：部分，红：无），浅色为步行服务范围（可达道路两侧各30米），灰线为道路。",
             "Maps: residential land by how many of the circle's types it reaches on foot (green: all, orange: some, red: none), the walking service areas (30 m either side of the reached roads) shaded, roads in grey.")
    }
    func reachLegend(_ level: Int) -> String {
        switch level {
        case 2: pick("步行可达全部类型", "reaches every type")
        case 1: pick("步行可达部分类型", "reaches some types")
        default: pick("步行均不可达", "reaches none")
        }
    }
    var walkAreaLegend: String { pick("步行服务范围", "walking service area") }
    var roadsLegend: String { pick("道路", "roads") }
    var facilitiesLegend: String { pick("设施", "facilities") }
    func reachTitle(code: String, name: String, level: Int, parcels: Int) -> String {
        pick("\(code) \(name)：\(parcels)个居住用地图斑，\(reachLegend(level))", "\(code) \(name): \(parcels) residential parcels, \(reachLegend(level))")
    }

    var villageKey: String { pick("地图编号对照", "Key to the numbers on the map") }
    var villageKeyHeaders: [String] { [pick("编号", "no."), pick("代码", "code"), pick("名称", "name"), pick("划分", "derived"), pick("统计", "official")] }

    /// The heading of a kind of check (docs/CHECKS.md), by its id; the id itself for an unknown one.
    public func checkTitle(_ id: String) -> String {
        switch id {
        case "area-missing": pick("图斑面积缺失", "parcel area missing")
        case "bridge-unjoined": pick("桥梁隧道端点未接入路网", "bridges or tunnels not joined")
        case "facility-off-network": pick("设施不在路网上", "facilities off the road network")
        case "homes-off-network": pick("住宅不在路网上", "homes off the road network")
        case "oneway-unknown": pick("单行值无法识别", "unknown one-way values")
        case "road-network": pick("步行路网", "walking network")
        case "road-parts": pick("路网不连通", "road network in parts")
        case "code-level": pick("代码层级不符", "code of the wrong level")
        case "code-normalised": pick("代码已规范化", "codes normalised")
        case "code-unreadable": pick("代码无法识别", "unreadable codes")
        case "area-unreadable": pick("图斑面积无效", "impossible parcel areas")
        case "coordinates-swapped": pick("经纬度颠倒", "latitude and longitude swapped")
        case "crs-from-coordinates": pick("按坐标确定坐标系", "CRS from the coordinates")
        case "crs-not-metres": pick("坐标系不是米制", "CRS not in metres")
        case "crs-transform": pick("坐标无法转换", "features cannot be reprojected")
        case "crs-unknown": pick("坐标系不明", "CRS unknown")
        case "facilities-outside": pick("设施位于乡镇之外", "facilities outside every township")
        case "facility-type-ignored": pick("按映射忽略的设施类型", "facility types ignored")
        case "facility-type-unknown": pick("设施类型无法识别", "unknown facility types")
        case "field-absent": pick("可选字段缺失", "optional field absent")
        case "field-missing": pick("字段不存在", "field missing")
        case "geometry-empty": pick("空几何", "empty geometries")
        case "geometry-missing": pick("缺少几何", "features without geometry")
        case "geometry-repaired": pick("无效几何已修复", "invalid geometries repaired")
        case "geometry-type": pick("几何类型不符", "wrong geometry type")
        case "land-use-code-padded": pick("地类编码补零", "land-use codes padded")
        case "layer-empty": pick("图层为空", "empty layer")
        case "layer-off-land-use": pick("图层与土地利用不重叠", "layer off the land use")
        case "layer-without-geometry": pick("图层没有几何", "layer without geometry")
        case "no-construction-land": pick("没有建设用地", "no construction land")
        case "no-seed-parcels": pick("没有城镇图斑", "no seed parcels")
        case "official-class-unknown": pick("统计分类代码无效", "unknown official classes")
        case "parcels-unit-disagree": pick("图斑代码与位置不一致", "parcel code and location disagree")
        case "parcels-unit-match": pick("图斑与村级单位对照", "parcels matched to units")
        case "parcels-without-unit": pick("图斑找不到村级单位", "parcels naming no unit")
        case "population-missing": pick("人口缺失", "population missing")
        case "population-outside": pick("人口点位于乡镇之外", "population points outside every township")
        case "population-totals": pick("人口合计核对", "population totals")
        case "population-unreadable": pick("人口无法识别", "unreadable population")
        case "records-deleted": pick("已删除的记录", "records flagged deleted")
        case "seat-county-city": pick("“县”驻地按城市驻地计", "county seats counted as city seats")
        case "seat-kind-unknown": pick("驻地类型无法识别", "unknown seat kinds")
        case "township-kind-disagrees": pick("乡镇类型与代码不一致", "township kind disagrees with its code")
        case "unit-area-mismatch": pick("单位面积与图斑面积不符", "unit area and parcel areas disagree")
        case "unit-code-duplicate": pick("村级代码重复", "duplicate unit codes")
        case "units-without-parcels": pick("村级单位没有图斑", "units without parcels")
        case "units-without-township": pick("村级单位找不到乡镇", "units naming no township")
        default: id
        }
    }

    var checkHeadersWithTitle: [String] { ["", pick("核查项", "check"), pick("图层", "layer"), pick("发现", "finding"), pick("处理", "fix"), pick("示例", "examples")] }
    func unitsAndEntries(units: Int, entries: Int) -> String { pick("\(units)个单位，\(entries)条", "\(units) units, \(entries) entries") }
    var listSeparator: String { pick("，", ", ") }
    /// A map layer's drawn features in words: "120个村级单位", "120 villages".
    func drawn(_ layer: String, _ count: Int) -> String {
        switch layer {
        case "villages": pick("\(count)个村级单位", "\(count) villages")
        case "townships": pick("\(count)个乡镇（街道）", "\(count) townships")
        case "seats": pick("\(count)个政府驻地", "\(count) seats")
        case "builtup": pick("\(count)个实际建设区", "\(count) built-up regions")
        case "service": pick("服务范围", "the service area")
        case "gaps": pick("\(count)个村的未覆盖居住用地", "uncovered residential land in \(count) villages")
        case "facilities": pick("\(count)处设施", "\(count) facilities")
        case "roads": pick("可步行道路", "the roads")
        case "reach": pick("\(count)个村的居住用地", "residential land in \(count) villages")
        default: "\(count) \(layer)"
        }
    }
    func caption(_ title: String, drawn: String, also: String) -> String { pick("\(title) — \(drawn)；\(also)", "\(title) — \(drawn); \(also)") }
    /// A check's message and fix in the report's language (English where no Chinese was given).
    public func message(_ check: Check) -> String { language == .zh ? check.messageZh ?? check.message : check.message }
    public func fix(_ check: Check) -> String? { language == .zh ? check.fixZh ?? check.fix : check.fix }
}

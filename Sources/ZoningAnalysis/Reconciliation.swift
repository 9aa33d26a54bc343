import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// The checks across layers that prove the inputs fit together, made before any analysis
/// (docs/CHECKS.md lists each with its tolerance):
///
/// - **Parcels ↔ units**: each parcel's unit by code (ZLDWDM's first 12 digits) and by
///   location (its interior point inside a unit polygon). Fewer than 95% of the land matched
///   by code is an error, since the classes would be built on a fraction of the land; any
///   parcel naming no unit is a warning with its area; parcels whose code and location name
///   different units are a warning, and an error above 5% of the land.
/// - **Units**: units without parcels; units whose township code names no township;
///   a unit's polygon area against the sum of its parcels' TBMJ (more than 1% apart is a
///   warning).
/// - **Land use**: no construction land at all is an error (every unit would be 220);
///   no seed parcel (CZCSXM 201/202) is a warning.
/// - **Points**: facilities and population points outside every township.
/// - **Sums**: the villages' population per township against the township layer's own
///   population field (more than 1% apart is a warning), and against population points.
///
/// ```swift
/// let checks = try Reconciliation.check(inputs, codes: project.landUseCodes)
/// checks.filter { $0.severity == .error }  // none on the sample
/// ```
public enum Reconciliation {
    /// Below this share of the land matched by code, the run stops.
    public static let minimumCodeMatchShare = 0.95
    /// Above this share of the land with code and location naming different units, the run stops.
    public static let maximumDisagreementShare = 0.05
    /// A unit's polygon area and its parcels' TBMJ may differ by this share before a warning.
    public static let areaTolerance = 0.01
    /// Population totals may differ by this share before a warning.
    public static let populationTolerance = 0.01

    public static func check(_ inputs: AnalysisInputs, codes: LandUseCodes = LandUseCodes()) throws -> [Check] {
        var checks: [Check] = []
        let landUseFile = inputs.files[.landUse]
        let totalArea = inputs.parcels.withUnsafeBufferPointer { parcels in
            var total = 0.0
            for i in parcels.indices { total += parcels[i].area }
            return total
        }

        if !inputs.parcels.contains(where: { codes.isConstruction($0.landUse) }) {
            let codes = Set(inputs.parcels.prefix(1000).map(\.landUse)).sorted().prefix(8)
            checks.append(Check(
                .error, "no-construction-land", layer: landUseFile,
                "none of \(inputs.parcels.count) parcels has a construction land-use code (\(codes.joined(separator: ", ")), …)",
                fix: "check the land-use field (DLBM holds 4-character 三调 codes such as 0701) or the construction codes")
                .zh("\(inputs.parcels.count)个图斑中没有建设用地地类编码（\(codes.joined(separator: ", "))，…）",
                    fix: "请检查地类字段（DLBM 为三调的4位编码，如0701）或建设用地编码参数"))
        }
        if !inputs.parcels.contains(where: { $0.settlement.map(codes.seeds.contains) ?? false }) {
            checks.append(Check(
                .warning, "no-seed-parcels", layer: landUseFile,
                "no parcel has a seed settlement code (\(codes.seeds.sorted().joined(separator: ", ")))",
                fix: "built-up regions grow from seats alone; check the settlement field (CZCSXM)")
                .zh("没有图斑的城镇村属性码为城镇（\(codes.seeds.sorted().joined(separator: ", "))）", fix: "实际建设区只从驻地生长；请检查城镇村属性字段（CZCSXM）"))
        }

        if !inputs.units.isEmpty {
            checks += try parcelsAgainstUnits(inputs, totalArea: totalArea)
        }
        if !inputs.townships.isEmpty {
            checks += try pointsOutsideRegions(inputs)
            checks += unitsAgainstTownships(inputs)
        }
        return checks
    }

    // MARK: Parcels and units

    static func parcelsAgainstUnits(_ inputs: AnalysisInputs, totalArea: Double) throws -> [Check] {
        var checks: [Check] = []
        let (landUseFile, villagesFile) = (inputs.files[.landUse], inputs.files[.villages])
        let matched = try match(inputs)
        let byLocation = matched.located

        var codeArea = 0.0, locationArea = 0.0, disagreeArea = 0.0
        var noUnit: [String: (count: Int, area: Double)] = [:], disagreements: [String] = [], disagreeCount = 0
        var parcelsOfUnit = [Int](repeating: 0, count: inputs.units.count), tbmjOfUnit = [Double](repeating: 0, count: inputs.units.count)
        var located = 0
        inputs.parcels.withUnsafeBufferPointer { parcels in
            for i in parcels.indices {
                let area = parcels[i].area
                let byCode = matched.byCode[i] >= 0 ? Int(matched.byCode[i]) : nil
                if let byCode {
                    codeArea += area
                    parcelsOfUnit[byCode] += 1
                    tbmjOfUnit[byCode] += area
                } else {
                    let code = parcels[i].unitCode.isEmpty ? "(none)" : parcels[i].unitCode
                    noUnit[code, default: (0, 0)].count += 1
                    noUnit[code]!.area += area
                }
                if byLocation[i] >= 0 {
                    let unit = Int(byLocation[i])
                    located += 1
                    locationArea += area
                    if let byCode, byCode != unit {
                        disagreeArea += area
                        disagreeCount += 1
                        if disagreements.count < Check.exampleLimit {
                            disagreements.append("parcel \(i): code \(parcels[i].unitCode), inside \(inputs.units[unit].code)")
                        }
                    }
                }
            }
        }
        let count = inputs.parcels.count
        let codeShare = totalArea > 0 ? codeArea / totalArea : 0, locationShare = totalArea > 0 ? locationArea / totalArea : 0
        let matchedCount = parcelsOfUnit.reduce(0, +)
        let summary = "\(matchedCount) of \(count) parcels (\(percent(codeShare)) of the land) match a unit by code; \(located) (\(percent(locationShare))) lie inside a unit polygon"
        let summaryZh = "\(count)个图斑中\(matchedCount)个（占土地\(percent(codeShare))）按代码对应到村级单位；\(located)个（\(percent(locationShare))）位于村级单位范围内"
        if codeShare < minimumCodeMatchShare {
            let parcelCodes = noUnit.sorted { $0.value.count > $1.value.count }.prefix(3).map(\.key)
            let unitCodes = inputs.units.prefix(3).map(\.code)
            let cause = locationShare >= minimumCodeMatchShare
                ? "the parcels lie inside the units, so the codes do not correspond: parcels say \(parcelCodes.joined(separator: ", ")), units say \(unitCodes.joined(separator: ", "))"
                : "and the parcels do not lie inside the units either: the layers cover different places (another county, or a wrong CRS)"
            let causeZh = locationShare >= minimumCodeMatchShare
                ? "图斑位于村级单位内，但代码不对应：图斑为\(parcelCodes.joined(separator: ", "))，单位为\(unitCodes.joined(separator: ", "))"
                : "图斑也不在村级单位内：两个图层覆盖不同的地方（其他县，或坐标系有误）"
            checks.append(Check(.error, "parcels-unit-match", layer: landUseFile, field: nil, summary + "; " + cause,
                                fix: "check the land use's location field and the villages' code field, and that both layers cover the same area")
                .zh(summaryZh + "；" + causeZh, fix: "请检查土地利用的坐落单位代码字段和村级单位的代码字段，并确认两个图层覆盖同一区域"))
        } else {
            checks.append(Check(.note, "parcels-unit-match", layer: landUseFile, summary).zh(summaryZh))
        }
        if !noUnit.isEmpty, codeShare >= minimumCodeMatchShare {
            let area = noUnit.values.reduce(0) { $0 + $1.area }
            checks.append(Check(
                .warning, "parcels-without-unit", layer: landUseFile,
                "\(noUnit.values.reduce(0) { $0 + $1.count }) parcels (\(hectares(area)), \(percent(area / totalArea)) of the land) name no village-level unit",
                fix: "their land counts for no unit; correct their codes or add the units",
                examples: noUnit.sorted { $0.value.count > $1.value.count }.map { "\($0.key) ×\($0.value.count)" })
                .zh("\(noUnit.values.reduce(0) { $0 + $1.count })个图斑（\(hectares(area))，占土地\(percent(area / totalArea))）的代码找不到村级单位", fix: "这些土地不计入任何单位；请更正其代码或补充单位"))
        }
        if disagreeCount > 0 {
            let share = disagreeArea / max(totalArea, 1e-9)
            checks.append(Check(
                share > maximumDisagreementShare ? .error : .warning, "parcels-unit-disagree", layer: landUseFile,
                "\(disagreeCount) parcels (\(percent(share)) of the land) lie inside another unit's polygon than their code names",
                fix: share > maximumDisagreementShare
                    ? "the unit polygons do not match their codes; check that the villages layer is of the same survey as the land use"
                    : "classification follows the codes; the unit polygons (maps, seats inside) may be drawn differently",
                examples: disagreements)
                .zh("\(disagreeCount)个图斑（占土地\(percent(share))）位于其代码所指以外的单位范围内",
                    fix: share > maximumDisagreementShare ? "村级单位范围与其代码不符；请确认村级单位图层与土地利用来自同一次调查" : "划分以代码为准；村级单位范围（地图、所含驻地）可能画法不同"))
        }

        let empty = inputs.units.indices.filter { parcelsOfUnit[$0] == 0 }.map { inputs.units[$0].code }
        if !empty.isEmpty, codeShare >= minimumCodeMatchShare {
            checks.append(Check(.warning, "units-without-parcels", layer: villagesFile,
                                "\(empty.count) of \(inputs.units.count) units have no parcel", fix: "they are classed 220 with no construction land; check their codes",
                                examples: empty)
                .zh("\(inputs.units.count)个单位中\(empty.count)个没有图斑", fix: "这些单位因无建设用地划为220；请核对其代码"))
        }

        // A unit's polygon area against its parcels' TBMJ.
        var apart: [(code: String, share: Double, text: String)] = []
        let unitAreas = try matched.unitAreas.get()
        for (u, unit) in inputs.units.enumerated() where parcelsOfUnit[u] > 0 {
            guard let result = unitAreas[u] else { continue }
            let area = try result.get()
            let difference = abs(area - tbmjOfUnit[u]) / max(area, tbmjOfUnit[u])
            if difference > areaTolerance {
                apart.append((unit.code, difference, "\(unit.code): polygon \(hectares(area)), parcels \(hectares(tbmjOfUnit[u]))"))
            }
        }
        if !apart.isEmpty, codeShare >= minimumCodeMatchShare {
            checks.append(Check(
                .warning, "unit-area-mismatch", layer: villagesFile,
                "\(apart.count) units' polygon areas differ from the sum of their parcels' areas by more than \(percent(areaTolerance))",
                fix: "shares s use the parcels' areas; check that the units and the land use are of the same survey",
                examples: apart.sorted { $0.share > $1.share }.map(\.text))
                .zh("\(apart.count)个单位的范围面积与其图斑面积之和相差超过\(percent(areaTolerance))", fix: "比例 s 按图斑面积计算；请确认村级单位与土地利用来自同一次调查"))
        }
        return checks
    }

    // MARK: Townships and points

    static func unitsAgainstTownships(_ inputs: AnalysisInputs) -> [Check] {
        var checks: [Check] = []
        let townships = Set(inputs.townships.map(\.code))
        // Township codes may be 9 digits or coarser regions (a county layer for coverage).
        let unmatched = inputs.units.filter { unit in
            !townships.contains(String(unit.code.prefix(9))) && !townships.contains(String(unit.code.prefix(6)))
        }
        if !unmatched.isEmpty, inputs.townships.allSatisfy({ $0.code.count == 9 }) {
            checks.append(Check(
                .warning, "units-without-township", layer: inputs.files[.villages],
                "\(unmatched.count) units' township code (digits 1–9) names no township in \(inputs.files[.townships] ?? "the townships")",
                fix: "their figures are counted by location in coverage and by code in urbanization; check the codes",
                examples: unmatched.map(\.code))
                .zh("\(unmatched.count)个单位的乡级代码（第1–9位）在\(inputs.files[.townships] ?? "乡镇图层")中找不到", fix: "覆盖率按位置统计、城镇化率按代码统计；请核对代码"))
        }
        var byTownship: [String: Double] = [:]
        for unit in inputs.units { byTownship[String(unit.code.prefix(9)), default: 0] += Double(unit.population ?? 0) }
        let apart = inputs.townshipPopulation.sorted { $0.key < $1.key }.compactMap { code, total -> String? in
            let villages = byTownship[code] ?? 0
            guard abs(villages - total) > populationTolerance * max(villages, total) else { return nil }
            return "\(code): township \(Int(total.rounded())), villages \(Int(villages.rounded()))"
        }
        if !apart.isEmpty {
            checks.append(Check(
                .warning, "population-totals", layer: inputs.files[.townships],
                "\(apart.count) townships' population differs from the sum of their villages' by more than \(percent(populationTolerance))",
                fix: "urbanization uses the villages' population; check which figure is current", examples: apart)
                .zh("\(apart.count)个乡镇的人口与所辖村人口之和相差超过\(percent(populationTolerance))", fix: "城镇化率使用村级人口；请确认哪个数字是最新的"))
        }
        if let points = inputs.population, !inputs.units.isEmpty {
            let pointTotal = points.reduce(0) { $0 + $1.residents }, villageTotal = byTownship.values.reduce(0, +)
            checks.append(Check(.note, "population-totals", layer: inputs.files[.population],
                                "population points hold \(Int(pointTotal.rounded())) residents, the villages \(Int(villageTotal.rounded()))",
                                fix: "population coverage counts the points; urbanization the villages")
                .zh("人口点合计\(Int(pointTotal.rounded()))人，村级单位合计\(Int(villageTotal.rounded()))人", fix: "人口覆盖率按人口点计算，城镇化率按村级单位计算"))
        }
        return checks
    }

    static func pointsOutsideRegions(_ inputs: AnalysisInputs) throws -> [Check] {
        let index = try SpatialIndex(inputs.townships.map(\.geometry))
        var prepared: [Int: PreparedGeometry] = [:]
        func inside(_ point: Geometry) throws -> Bool {
            guard let bounds = point.bounds else { return false }
            for k in try index.query(bounds) {
                if prepared[k] == nil { prepared[k] = try PreparedGeometry(inputs.townships[k].geometry) }
                if try prepared[k]!.covers(point) { return true }
            }
            return false
        }
        var checks: [Check] = []
        let strays = try inputs.facilities.filter { try !inside($0.point) }
        if !strays.isEmpty {
            checks.append(Check(
                .warning, "facilities-outside", layer: inputs.files[.facilities],
                "\(strays.count) of \(inputs.facilities.count) facilities lie outside every township",
                fix: "they still serve residents within their radius, but count for no township; check their coordinates (0,0, another province, swapped)",
                examples: strays.map { "\($0.label) \($0.name)" })
                .zh("\(inputs.facilities.count)处设施中\(strays.count)处位于所有乡镇之外", fix: "它们仍服务半径内的居民，但不计入任何乡镇；请检查其坐标（0,0、外省、经纬度颠倒）"))
        }
        if let points = inputs.population {
            let outside = try points.filter { try !inside($0.point) }
            if !outside.isEmpty {
                let residents = outside.reduce(0) { $0 + $1.residents }
                checks.append(Check(
                    .warning, "population-outside", layer: inputs.files[.population],
                    "\(outside.count) of \(points.count) population points (\(Int(residents.rounded())) residents) lie outside every township",
                    fix: "they are left out of population coverage", examples: outside.map(\.label))
                    .zh("\(points.count)个人口点中\(outside.count)个（\(Int(residents.rounded()))人）位于所有乡镇之外", fix: "不计入人口覆盖率"))
            }
        }
        return checks
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value > 0 && value < 0.1 ? "<0.1%" : String(format: "%.1f%%", value)
    }

    static func hectares(_ squareMetres: Double) -> String { String(format: "%.2f ha", squareMetres / 10_000) }
}

import Foundation

import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningProject
import ZoningReport
import ZoningTestSupport

/// The sentences the report and the tables write, in both languages, for units whose figures
/// are stated here.
@Suite struct ReportTextTests {
    static func unit(_ derived: UrbanRuralClass, share: Double, seat: GovernmentSeat?, construction: Double, population: Int? = 1200) -> UnitClassification {
        UnitClassification(
            code: "370299001200", name: "江集村委会", population: population, derivedClass: derived, officialClass: .village, share: share,
            connectedSeat: seat, regionID: seat == nil ? nil : 1, constructionSquareMetres: construction, unitSquareMetres: 9_000_000, seatsInside: [])
    }

    static let city = GovernmentSeat(point: Geometry.point(x: 0, y: 0), rank: .city, code: "370299", name: "样例市人民政府")

    @Test func reasons() {
        let connected = Self.unit(.urbanFringe, share: 0.3889, seat: Self.city, construction: 589_271.77)
        #expect(ReportText(.zh).reason(connected) == "建设用地的39%位于市驻地370299的实际建设区内")
        #expect(ReportText(.en).reason(connected) == "39% of construction land in the built-up region of the city seat 370299")
        let bare = Self.unit(.village, share: 0, seat: nil, construction: 0)
        #expect(ReportText(.zh).reason(bare) == "无建设用地" && ReportText(.en).reason(bare) == "no construction land")
        let special = Self.unit(.special, share: 0.02, seat: nil, construction: 50_000, population: 3500)
        #expect(ReportText(.zh).reason(special) == "建设用地的2%位于驻地实际建设区内；未与驻地连接；特殊区域，常住人口3500人")
    }

    @Test func evidenceAndTargets() {
        let unit = Self.unit(.urbanFringe, share: 0.3889, seat: Self.city, construction: 589_271.77)
        let entry = ReviewLists.Entry(list: .shouldCount, basis: .comparison, unit: unit, constructionShareOfUnit: 0.0652)
        #expect(ReportText(.zh).evidence(entry) == "划分代码112，统计代码220；s = 39%（市驻地370299）；建设用地占本单位土地的7%")
        #expect(ReportText(.en).evidence(entry) == "derived 112, official 220; s = 39% (city seat 370299); construction 7% of the unit's land")
        let target = TargetsFile.Target(indicator: .unitCoverage, facility: .elderly, units: ["街道"], comparator: .atLeast, threshold: 1)
        #expect(ReportText(.zh).target(target) == "养老服务设施覆盖率（街道） ≥ 100%")
        let met = TargetResult(target: target, region: "街道", value: 1, verdict: .pass, reason: nil, shortfall: 0)
        #expect(ReportText(.zh).verdict(met) == "100.0%，达标")
        let short = TargetResult(target: target, region: "镇/乡", value: 0.4, verdict: .fail, reason: nil, shortfall: 0.2)
        #expect(ReportText(.zh).verdict(short) == "40.0%，未达标，差20.0个百分点")
    }
}

/// Every kind of check docs/CHECKS.md lists has a heading in both languages.
@Suite struct CheckTitleTests {
    @Test func everyDocumentedCheckHasATitle() throws {
        let text = try String(contentsOfFile: checkoutRoot + "/docs/CHECKS.md", encoding: .utf8)
        let ids = Set(text.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { line in
            line.split(separator: "|")[0].split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        })
        #expect(ids.count >= 35)
        for id in ids {
            #expect(ReportText(.zh).checkTitle(id) != id && ReportText(.en).checkTitle(id) != id, "\(id) has no heading")
        }
    }
}

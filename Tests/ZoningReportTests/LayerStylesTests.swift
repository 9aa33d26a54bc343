import Foundation
import Testing
import ZoningAnalysis
@testable import ZoningReport
import ZoningSampleRun

/// The styles come from the report's tables: the class colours and words, the map titles in
/// the run's language, one default per layer.
@Suite struct LayerStylesTests {
    static func groups(_ language: ReportLanguage) throws -> [LayerStyles.Group] {
        var report = try SampleRun.get().result.report
        report.language = language
        return LayerStyles.groups(report)
    }

    @Test func sectionsAndTitlesInTheRunsLanguage() throws {
        let chinese = try Self.groups(.zh), english = try Self.groups(.en)
        // In the report's order: classes (position 20), built-up regions (30), coverage, life circles.
        #expect(chinese.map(\.title) == ["城乡分类", "实际建设区", "公共服务覆盖", "生活圈（步行距离）"])
        #expect(english.map(\.title) == ["Urban–rural classes", "Built-up regions", "Service coverage", "Life circles (walking distance)"])
        let classes = try #require(english.flatMap(\.all).first { $0.layer == "villages-classified" })
        #expect(classes.title == "Urban–rural classes of village-level units")
        // The sample has five facility types: a subgroup each, titled as the report's map.
        #expect(chinese[2].subgroups.map(\.title).first == "服务覆盖：幼儿园，300米")
        #expect(english[2].subgroups.map(\.title).first == "Coverage: kindergarten, 300 m")
    }

    @Test func classesInTheReportsColours() throws {
        let style = try #require(try Self.groups(.zh).flatMap(\.all).first { $0.layer == "villages-classified" })
        guard case .categories(let field, let categories) = style.renderer else { Issue.record("not categorised"); return }
        #expect(field == "CLASS")
        #expect(categories.map(\.value) == ["111", "112", "121", "122", "123", "210", "220"])
        #expect(categories.first?.symbol.fill == "#b2182b" && categories.first?.label == "111 主城区")
        #expect(categories.last?.symbol.fill == "#1a9641" && categories.last?.label == "220 村庄")
        #expect(style.label?.field == "XZQMC" && style.label?.maxScale == 50_000)
    }

    /// One default per layer; the per-type styles of a layer categorised by the same field
    /// merge into one with every type, and show every feature.
    @Test func oneDefaultPerLayer() throws {
        let groups = try Self.groups(.zh)
        let defaults = LayerStyles.defaults(groups)
        #expect(defaults.map(\.layer) == ["villages-classified", "builtup-regions", "gaps", "service-areas", "regions-coverage", "life-circle-homes", "life-circle-areas"])
        #expect(defaults.allSatisfy { $0.subset == nil })
        let gaps = try #require(defaults.first { $0.layer == "gaps" })
        // gaps.shp holds each uncovered parcel once, with the types that leave it uncovered in
        // TYPES. The default draws every type's rule; each type's own style only its gaps.
        guard case .rules(let rules) = gaps.renderer else { Issue.record("not rules"); return }
        let perType = groups.flatMap(\.all).filter { $0.layer == "gaps" }
        #expect(perType.count == 5)
        #expect(rules.map(\.condition) == perType.compactMap(\.subset))
        #expect(rules.map { QGISStyle.expression($0.condition) } == ["kindergarten", "primary", "middle", "clinic", "elderly"].map { "\"TYPES\" LIKE '%\($0)%'" })
        #expect(SLDStyle.filter(rules[0].condition) == #"<ogc:PropertyIsLike wildCard="*" singleChar="?" escapeChar="\"><ogc:PropertyName>TYPES</ogc:PropertyName><ogc:Literal>*kindergarten*</ogc:Literal></ogc:PropertyIsLike>"#)
        // `TYPES LIKE '%name%'` is one type's gaps only because no name holds another.
        for type in FacilityType.allCases {
            #expect(FacilityType.allCases.filter { $0.rawValue.contains(type.rawValue) } == [type])
        }
    }

    /// Residential land by reach: every type within the walk, some, none (`XX_WALK` empty: not reached).
    @Test func homesByReach() {
        let circle = LifeCircle(name: "15min", walkMetres: 1000, types: [.kindergarten, .primary])
        let style = LifeCircleReport.homesStyle(circle, ReportText(.en))
        guard case .rules(let rules) = style.renderer else { Issue.record("not rules"); return }
        #expect(rules.map(\.symbol.fill) == ReportMaps.reachColours.reversed())
        #expect(QGISStyle.expression(rules[0].condition) == #"("KG_WALK" <= 1000) AND ("PS_WALK" <= 1000)"#)
        #expect(style.fields == ["KG_WALK", "PS_WALK"])
    }
}

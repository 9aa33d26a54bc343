import Testing
import ZoningLayers
import ZoningSupport

@Suite struct FieldNamePlanTests {
    @Test func shortNamesStay() throws {
        #expect(try FieldNamePlan.names(for: ["BSM", "DLBM", "TBMJ"], encoding: .utf8) == ["BSM", "DLBM", "TBMJ"])
    }

    @Test func longNamesAreCutAndCollisionsNumbered() throws {
        let names = try FieldNamePlan.names(for: ["POPULATION_2020", "POPULATION_2021", "population", "POPULATI_1"], encoding: .utf8)
        #expect(names == ["POPULATION", "POPULATI_1", "populati_2", "POPULATI_3"])  // case kept, uniqueness ignores it
        #expect(Set(names.map { $0.uppercased() }).count == names.count)
    }

    /// Chinese names are cut at character boundaries: 5 characters fit 10 bytes in GBK (2 each),
    /// 3 in UTF-8 (3 each).
    @Test func chineseNamesCutByEncodedBytes() throws {
        #expect(try FieldNamePlan.names(for: ["城乡分类代码名称"], encoding: .gbk) == ["城乡分类代"])
        #expect(try FieldNamePlan.names(for: ["城乡分类代码名称"], encoding: .utf8) == ["城乡分"])
    }

    @Test func emptyNamesGetPositions() throws {
        #expect(try FieldNamePlan.names(for: ["", "A"], encoding: .utf8) == ["FIELD_1", "A"])
    }
}

import Testing
import ZoningAnalysis
import ZoningProject
@testable import ZoningReport
import ZoningTestSupport
import ZoningSampleRun

/// The report's parameter rows come from the parameter tables, named by the analyses' section
/// makers, in both languages.
@Suite struct ReportParameterTextTests {
    /// Every parameter of every table of zoning's own analyses has a name in the report.
    @Test func everyParameterHasAName() throws {
        func keys<Parameters: AnalysisParameters>(_ type: Parameters.Type) -> [String] { Parameters.table.map { "\(Parameters.section).\($0.key)" } }
        // Every parameter table zoning's own analyses register.
        let all = Analyses.builtIn.compactMap(\.parameters).flatMap { keys($0) }
        // zoning's own section makers (a test elsewhere in this process registers one more).
        var report = try SampleRun.get().result.report
        report.reports = Analyses.builtIn.flatMap(\.reports)
        let names = ReportText.parameterNames(report)
        #expect(all.filter { names[$0] == nil } == [])
        #expect(Set(names.keys) == Set(all))
    }

    /// The sample's rows: one per table entry of each step that runs, with values in the
    /// report's words, then residential land and population.
    @Test func sampleRows() throws {
        var report = try SampleRun.get().result.report
        var project = try Project(contentsOf: SampleRun.project)
        project.builtUp.fillHolesSquareMetres = 2.5e6
        report.steps = project.steps
        let zh = ReportText(.zh).parameterRows(report), en = ReportText(.en).parameterRows(report)
        let count = BuiltUpParameters.table.count + ClassificationParameters.table.count + Coverage.Parameters.table.count + LifeCircleParameters.table.count + 2
        #expect(zh.count == count && en.count == count)
        #expect(zh.contains(["实际建设区连接距离", "100米"]) && en.contains(["built-up gap", "100 m"]))
        #expect(zh.contains(["填充小于此面积的空洞", "2.5平方千米"]) && en.contains(["holes filled below", "2.5 km²"]))
        #expect(zh.contains(["完全连接的建设用地占比", ShareText.percent(0.5)]))
        #expect(en.contains(["service radii", "kindergarten 300 m; primary school 500 m; middle school 1000 m; clinic 1000 m; elderly care 1000 m; park 500 m; 15-minute life circle 1000 m"]))
        #expect(en.contains(["life circles", "5min 300 m kindergarten; 10min 500 m primary school; 15min 1000 m middle school, clinic, elderly care"]))
        #expect(en.last?.first == "population")
    }
}

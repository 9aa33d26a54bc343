import Foundation
import ZoningAnalysis

/// 公共服务覆盖: coverage per township and facility type, with a map per type.
public enum CoverageReport: StepReport {
    public typealias Step = CoverageStep
    public static let position = 60

    /// The names of the `coverage` parameters in the report's parameter rows.
    public static let parameterNames: [String: (zh: String, en: String)] = [
        "coverage.include_0702": ("农村宅基地（0702）计为居住用地", "rural homesteads (0702) as residential land"),
        "coverage.radius_m": ("服务半径", "service radii"),
    ]

    public static func maps(_ output: Coverage.Result, _ run: ReportRun) -> [MapDrawing] {
        Set(output.regions.map(\.type)).sorted().map { type in { try ReportMaps.coverageMap(run, output, type) } }
    }

    public static func sections(_ output: Coverage.Result, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "coverage", title: HTMLReport.words(run).coverage, html: coverageTable(run, output) + maps.map(HTMLReport.figure).joined())]
    }

    static func coverageTable(_ result: ReportRun, _ coverage: Coverage.Result) -> String {
        let text = HTMLReport.words(result)
        let types = Set(coverage.regions.map(\.type)).sorted()
        let rowOf = Dictionary(coverage.regions.map { ("\($0.region)|\($0.type.rawValue)", $0) }, uniquingKeysWith: { first, _ in first })
        let headers = text.coverageHeaders(types.map { type in (type, coverage.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres) })
        let rows = result.townships.map { region -> [String] in
            [HTMLReport.escape("\(region.code) \(region.name)"), HTMLReport.escape(region.kind ?? "")] + types.map { type in
                guard let row = rowOf["\(region.code)|\(type.rawValue)"] else { return "–" }
                return "\(HTMLReport.percent(row.residentialCoverage)) <span class=\"meta\">(\(row.facilities))</span>"
            }
        }
        let people = result.townships.map { region -> [String] in
            [HTMLReport.escape("\(region.code) \(region.name)"), HTMLReport.escape(region.kind ?? "")] + types.map { type in
                guard let row = rowOf["\(region.code)|\(type.rawValue)"] else { return "–" }
                let p90 = row.p90Distance.map(text.metres) ?? "–"
                return "\(HTMLReport.percent(row.populationCoverage)) <span class=\"meta\">· \(HTMLReport.escape(p90))</span>"
            }
        }
        return "<p>\(HTMLReport.escape(text.residentialIntro))</p>\n"
            + HTMLReport.table(headers, rows, numeric: Array(2..<(2 + types.count)), escaped: false)
            + "<p>\(HTMLReport.escape(text.populationIntro(fromPoints: coverage.populationFromPoints)))</p>\n"
            + HTMLReport.table(headers, people, numeric: Array(2..<(2 + types.count)), escaped: false)
    }
}

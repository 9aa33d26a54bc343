import Foundation
import ZoningAnalysis

/// 规划目标: each target checked, when the project has any.
public enum TargetReport: StepReport {
    public typealias Step = TargetsStep
    public static let position = 40

    public static func sections(_ output: [TargetResult], _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        output.isEmpty ? [] : [ReportSection(id: "targets", title: HTMLReport.words(run).targets, html: targets(run))]
    }

    static func targets(_ result: ReportRun) -> String {
        let text = HTMLReport.words(result)
        // Regions by name as well as code: townships from their layer, counties by the project's name.
        var regionNames = Dictionary(result.townships.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        for county in result.urbanization(.county) where regionNames[county.code] == nil { regionNames[county.code] = result.name }
        let rows = result.targets.map { r -> [String] in
            let style = switch r.verdict {
            case .pass: "pass"
            case .fail: "fail"
            case .notApplicable: "meta"
            }
            let verdict = "<span class=\"\(style)\">\(HTMLReport.escape(text.verdictWord(r.verdict)))</span>"
            let shortfall = r.shortfall.map { $0 > 0 ? text.points($0) : "–" } ?? (r.reason ?? "–")
            let region = regionNames[r.region].map { "\(r.region) \($0)" } ?? r.region
            return [verdict, HTMLReport.escape(text.target(r.target)), HTMLReport.escape(region), HTMLReport.percent(r.value), HTMLReport.escape(shortfall), HTMLReport.escape(r.target.source ?? "")]
        }
        return HTMLReport.table(text.targetHeaders, rows, numeric: [3, 4], escaped: false)
    }
}

import Foundation
import ZoningAnalysis

/// 数据核查: every finding of the input checks.
public enum CheckReport: StepReport {
    public typealias Step = InputCheckStep
    public static let position = 10

    public static func sections(_ output: InputCheckStep.Output, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "checks", title: HTMLReport.words(run).checks, html: checks(run))]
    }

    /// Every finding of the input checks, worst first; notes record automatic fixes.
    static func checks(_ result: ReportRun) -> String {
        let text = HTMLReport.words(result)
        let list = result.checks.checks.sorted { $0.severity < $1.severity }
        let rows = list.map { check -> [String] in
            let severity = "<span class=\"\(check.severity == .warning ? "fail" : "meta")\">\(HTMLReport.escape(text.severity(check.severity)))</span>"
            return [severity, HTMLReport.escape(text.checkTitle(check.id)), HTMLReport.escape([check.layer, check.field].compactMap { $0 }.joined(separator: " ")), HTMLReport.escape(text.message(check)),
                    HTMLReport.escape(text.fix(check) ?? ""), HTMLReport.escape(check.examples.prefix(5).joined(separator: "; "))]
        }
        let intro = "<p>\(HTMLReport.escape(text.checksIntro))（\(HTMLReport.escape(text.tally(result.checks)))）</p>\n"
        return intro + (rows.isEmpty ? "<p class=\"meta\">\(HTMLReport.escape(text.noFindings))</p>\n" : HTMLReport.table(text.checkHeadersWithTitle, rows, escaped: false))
    }
}

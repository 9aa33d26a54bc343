import ZoningAnalysis

/// One section of the report: its anchor, its heading and its HTML.
public struct ReportSection: Sendable {
    public var id: String
    public var title: String
    public var html: String
}

/// The report's sections for one step's output: each step the report shows has one
/// conformance, listed in `StepReports.all` in the order the report gives them. A step that
/// did not run has no sections. `maps` are the report's maps in drawing order.
///
/// ```swift
/// enum BuiltUpReport: StepReport {
    typealias Step = BuiltUpStep

///     static func sections(_ output: BuiltUpRegions.Result, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
///         [ReportSection(id: "builtup", title: HTMLReport.words(run).builtUp, html: HTMLReport.builtUpTable(run) + HTMLReport.figure(maps.first { $0.file == "builtup.svg" }))]
///     }
/// }
/// ```
public protocol StepReport: SendableMetatype {
    associatedtype Step: AnalysisStep
    static func sections(_ output: Step.Output, _ run: RunResult, maps: [ReportMap]) -> [ReportSection]
}

/// The report's step sections, in order.
public enum StepReports {
    public static let all: [any StepReport.Type] = [
        CheckReport.self, ClassificationReport.self, BuiltUpReport.self, TargetReport.self, ReviewReport.self, CoverageReport.self, LifeCircleReport.self,
    ]

    /// The sections of every step of `run` that has a result.
    static func sections(_ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        all.flatMap { sections($0, run, maps) }
    }

    private static func sections<Report: StepReport>(_ report: Report.Type, _ run: RunResult, _ maps: [ReportMap]) -> [ReportSection] {
        guard let output = run.results[Report.Step.self] else { return [] }
        return report.sections(output, run, maps: maps)
    }
}

/// 数据核查: every finding of the input checks.
enum CheckReport: StepReport {
    typealias Step = InputCheckStep

    static func sections(_ output: InputCheckStep.Output, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "checks", title: HTMLReport.words(run).checks, html: HTMLReport.checks(run))]
    }
}

/// 城乡分类 and 城镇化率: the classes with their map, and urbanization per county and township.
enum ClassificationReport: StepReport {
    typealias Step = ClassificationStep

    static func sections(_ output: ClassificationStep.Output, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "classes", title: HTMLReport.words(run).classes, html: HTMLReport.classTable(run) + HTMLReport.figure(maps.first { $0.file == "classes.svg" }) + HTMLReport.villageKey(run)),
         ReportSection(id: "urbanization", title: HTMLReport.words(run).urbanization, html: HTMLReport.urbanization(run))]
    }
}

/// 实际建设: the built-up regions with their map.
enum BuiltUpReport: StepReport {
    typealias Step = BuiltUpStep

    static func sections(_ output: BuiltUpRegions.Result, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "builtup", title: HTMLReport.words(run).builtUp, html: HTMLReport.builtUpTable(run) + HTMLReport.figure(maps.first { $0.file == "builtup.svg" }))]
    }
}

/// 规划目标: each target checked, when the project has any.
enum TargetReport: StepReport {
    typealias Step = TargetsStep

    static func sections(_ output: [TargetResult], _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        output.isEmpty ? [] : [ReportSection(id: "targets", title: HTMLReport.words(run).targets, html: HTMLReport.targets(run))]
    }
}

/// 核查清单: the review lists.
enum ReviewReport: StepReport {
    typealias Step = ClassificationStep

    static func sections(_ output: ClassificationStep.Output, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "review", title: HTMLReport.words(run).review, html: HTMLReport.review(run))]
    }
}

/// 公共服务覆盖: coverage per township and facility type, with a map per type.
enum CoverageReport: StepReport {
    typealias Step = CoverageStep

    static func sections(_ output: Coverage.Result, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        let figures = maps.filter { $0.file.hasPrefix("coverage-") }.map(HTMLReport.figure).joined()
        return [ReportSection(id: "coverage", title: HTMLReport.words(run).coverage, html: HTMLReport.coverageTable(run, output) + figures)]
    }
}

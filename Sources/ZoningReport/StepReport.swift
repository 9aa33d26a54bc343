import ZoningAnalysis
import ZoningSupport

/// One section of the report: its anchor, its heading and its HTML.
public struct ReportSection: Sendable {
    public var id: String
    public var title: String
    public var html: String

    public init(id: String, title: String, html: String) {
        self.id = id
        self.title = title
        self.html = html
    }
}

/// A map a report section asks for, drawn in parallel with the others before the sections
/// are made; the section gets back the maps it asked for, in its order.
public typealias MapDrawing = @Sendable () throws -> ReportMap

/// The report's sections for one step's output: each analysis's registration
/// (`Analysis.reports`) names its conformances. A step that did not run has no sections.
///
/// ```swift
/// enum BuiltUpReport: StepReport {
///     typealias Step = BuiltUpStep
///     static let position = 30
///     static func maps(_ output: BuiltUpRegions.Result, _ run: ReportRun) -> [MapDrawing] { [{ try ReportMaps.builtUp(run) }] }
///     static func sections(_ output: BuiltUpRegions.Result, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
///         [ReportSection(id: "builtup", title: HTMLReport.words(run).builtUp, html: HTMLReport.builtUpTable(run) + maps.map(HTMLReport.figure).joined())]
///     }
/// }
/// ```
public protocol StepReport: SendableMetatype {
    associatedtype Step: AnalysisStep
    /// Where its sections stand in the report, smaller first: checks 10, classes 20, built-up
    /// regions 30, targets 40, review lists 50, coverage 60, life circles 70.
    static var position: Int { get }
    /// The maps its sections show, also written to `maps/`.
    static func maps(_ output: Step.Output, _ run: ReportRun) -> [MapDrawing]
    /// Its sections, with the maps that `maps` drew.
    static func sections(_ output: Step.Output, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection]
    /// The names of its analysis's parameters in the report's parameter rows, by
    /// `section.key` (`builtup.gap_m`); a parameter without one shows its key.
    static var parameterNames: [String: (zh: String, en: String)] { get }
    /// The styles of the layers its analysis writes, as a group of the run's QGIS project
    /// (made from the same colours and words as its maps); none by default.
    static func styles(_ output: Step.Output, _ run: ReportRun) -> [LayerStyles.Group]
    /// The lines `zoning run` prints for its analysis at the end of its summary (English, as
    /// the terminal's other lines), none by default. zoning's own analyses before the
    /// comparison print theirs in the command's summary table.
    static func summary(_ output: Step.Output, _ run: ReportRun) -> [String]
}

extension StepReport {
    public static func maps(_ output: Step.Output, _ run: ReportRun) -> [MapDrawing] { [] }
    public static var parameterNames: [String: (zh: String, en: String)] { [:] }
    public static func styles(_ output: Step.Output, _ run: ReportRun) -> [LayerStyles.Group] { [] }
    public static func summary(_ output: Step.Output, _ run: ReportRun) -> [String] { [] }
}

/// The report's step sections and maps, from the section makers of a run, in report order.
public enum StepReports {
    /// The section makers of `run`, by `position` (their order in `run.reports` among equals).
    public static func all(_ run: ReportRun) -> [any StepReport.Type] {
        run.reports.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
    }

    /// Every map of the run, in report order, drawn in parallel (`Parallel.map`); each knows
    /// the section maker that asked for it (`ReportMap.owner`).
    static func drawMaps(_ run: ReportRun) throws -> [ReportMap] {
        let requests = all(run).flatMap { report in drawings(report, run).map { (owner: owner(report), draw: $0) } }
        return try Parallel.map(requests) { request in
            var map = try request.draw()
            map.owner = request.owner
            return map
        }
    }

    /// The sections of every step of `run` that has a result, each with its own maps.
    static func sections(_ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        all(run).flatMap { report in
            let owner = owner(report)
            return sections(report, run, maps.filter { $0.owner == owner })
        }
    }

    static func owner(_ report: any StepReport.Type) -> String { String(reflecting: report) }

    private static func drawings<Report: StepReport>(_ report: Report.Type, _ run: ReportRun) -> [MapDrawing] {
        guard let output = run.results[Report.Step.self] else { return [] }
        return report.maps(output, run)
    }

    /// The style groups the section makers of `run` declare, in report order.
    static func styles(_ run: ReportRun) -> [LayerStyles.Group] {
        all(run).flatMap { styles($0, run) }
    }

    private static func styles<Report: StepReport>(_ report: Report.Type, _ run: ReportRun) -> [LayerStyles.Group] {
        guard let output = run.results[Report.Step.self] else { return [] }
        return report.styles(output, run)
    }

    /// The summary lines the section makers of `run` declare, in report order.
    public static func summary(_ run: ReportRun) -> [String] {
        all(run).flatMap { summary($0, run) }
    }

    private static func summary<Report: StepReport>(_ report: Report.Type, _ run: ReportRun) -> [String] {
        guard let output = run.results[Report.Step.self] else { return [] }
        return report.summary(output, run)
    }

    private static func sections<Report: StepReport>(_ report: Report.Type, _ run: ReportRun, _ maps: [ReportMap]) -> [ReportSection] {
        guard let output = run.results[Report.Step.self] else { return [] }
        return report.sections(output, run, maps: maps)
    }
}

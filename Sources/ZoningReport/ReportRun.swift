import ZoningAnalysis

/// What the report reads of one run: the inputs as the analyses read them, every step's output,
/// the steps themselves (for their parameters), the files read, and the few facts of the project
/// the pages state (its name, its language, the field names they quote). The runner makes one
/// from its run (`RunResult.report` in ZoningProject); the report knows nothing of project files.
///
/// ```swift
/// let page = HTMLReport.render(result.report, maps: try ReportMaps.draw(result.report), inputs: files)
/// ```
public struct ReportRun: AnalysedRun {
    /// A title, e.g. "样例市".
    public var name: String
    public var language: ReportLanguage
    /// zoning's version, for the page's subtitle.
    public var version: String
    /// The field names the input layers were read with (the report quotes some).
    public var fields: FieldNames
    /// The land-use code sets the analyses used (residential land for the parameter rows).
    public var codes: LandUseCodes
    /// The steps that ran, in order (the parameter rows are their tables).
    public var steps: [any AnalysisStep]
    /// The section makers, in any order (`StepReport.position` places them).
    public var reports: [any StepReport.Type]
    public var inputs: AnalysisInputs
    public var results: StepResults

    public init(
        name: String, language: ReportLanguage, version: String, fields: FieldNames, codes: LandUseCodes, steps: [any AnalysisStep],
        reports: [any StepReport.Type], inputs: AnalysisInputs, results: StepResults
    ) {
        self.name = name
        self.language = language
        self.version = version
        self.fields = fields
        self.codes = codes
        self.steps = steps
        self.reports = reports
        self.inputs = inputs
        self.results = results
    }

    /// The life circles measured (the standard ones when none were).
    public var lifeCircles: LifeCircleParameters {
        steps.lazy.compactMap { $0 as? LifeCircleStep }.first?.parameters ?? LifeCircleParameters()
    }

}

/// One file (or table) a run read, as the report's list of inputs shows it.
public struct ReportInputFile: Sendable, Equatable {
    /// The layer role (`land_use`, …), `targets` or `project`.
    public var role: String
    public var path: String
    /// The file's size; 0 for a table.
    public var bytes: Int
    public var sha256: String
    /// A table's rows; nil for a file.
    public var rows: Int?

    public init(role: String, path: String, bytes: Int, sha256: String, rows: Int? = nil) {
        self.role = role
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.rows = rows
    }
}

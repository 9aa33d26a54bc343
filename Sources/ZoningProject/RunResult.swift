import ZoningAnalysis
import ZoningReport
import ZoningSupport

/// What one run computed, in memory: the report and the terminal summary are made from it.
public struct RunResult: AnalysedRun {
    public var project: Project
    /// The inputs as the analyses read them, with the checks made while reading.
    public var inputs: AnalysisInputs
    /// Every step's output (`results[CoverageStep.self]`); `AnalysedRun` reads the checks, the
    /// built-up regions, the classes and the rest from it.
    public var results: StepResults
    /// Every file read, by role (each layer's sidecars, the targets file, the project file).
    public var inputFiles: [(role: String, path: String)]
    /// Every PostGIS table read, by role, with its rows and content checksum taken when it was
    /// read (`PostGISLayerReader.contentChecksum`); the URL masked.
    public var inputTables: [Manifest.InputFile] = []
    /// The files of `inputFiles` being hashed while the run reads and analyses them (`zoning
    /// run`); nil: `Manifest.inputFiles` hashes them when asked.
    var inputHashing: InputHashing?
    /// The analysis CRS's WKT being asked of PROJ aside (`analyse`); `write` waits for it.
    var crsText: Parallel.Pending<Void>?
    /// Seconds per step, in order.
    public var timings: [(step: String, seconds: Double)]

    /// - Throws: `AnalysisError.stepMissing` when the results lack a step every run has.
    init(project: Project, inputs: AnalysisInputs, results: StepResults, inputFiles: [(role: String, path: String)], timings: [(step: String, seconds: Double)]) throws {
        self.project = project
        self.inputs = inputs
        self.results = results
        // Every run has them; the summary, the tables and the report read them.
        _ = try results.required(InputCheckStep.self, by: "report")
        _ = try results.required(BuiltUpStep.self, by: "report")
        _ = try results.required(ClassificationStep.self, by: "report")
        self.inputFiles = inputFiles
        self.timings = timings
    }

    /// What the report reads of this run (ZoningReport knows nothing of project files): the
    /// section makers of the registered analyses, the steps that ran, the project's name,
    /// language and field names.
    public var report: ReportRun {
        ReportRun(
            name: project.name, language: project.language, version: ZoningVersion.current, fields: project.fields, codes: project.landUseCodes,
            steps: project.steps, reports: Analyses.all.flatMap(\.reports), inputs: inputs, results: results)
    }
}

import ZoningAnalysis
import ZoningLayers

/// 数据核查, the first step of every run: the checks made while reading and across layers
/// (docs/CHECKS.md), written to `checks.csv` and `.json` and shown first in the report.
extension Analysis {
    public static let checks = Analysis(
        id: InputCheckStep.id,
        step: { project, _ in
            InputCheckStep(construction: project.builtUp, strict: project.strict, lifeCircles: LifeCircleAnalysis.step(project))
        },
        files: [
            OutputFile("checks.csv", "what the input checks found: severity, id, layer, field, message, fix"),
            OutputFile("checks.json", "the same, with the examples as lists"),
        ],
        output: CheckOutputs.self, reports: [CheckReport.self])
}

extension CheckOutputs: StepOutput {
    public static func write(_ output: InputCheckStep.Output, of step: InputCheckStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        try write(output.checks, to: folder, options: options, text: text)
    }
}

/// 数据核查: every finding of the input checks.
enum CheckReport: StepReport {
    typealias Step = InputCheckStep
    static let position = 10

    static func sections(_ output: InputCheckStep.Output, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "checks", title: HTMLReport.words(run).checks, html: HTMLReport.checks(run))]
    }
}

import ZoningAnalysis
import ZoningLayers
import ZoningReport

/// 数据核查, the first step of every run: the checks made while reading and across layers
/// (docs/CHECKS.md), written to `checks.csv` and `.json` and shown first in the report.
extension Analysis {
    public static let checks = Analysis(
        id: InputCheckStep.id,
        step: { project, _ in InputCheckStep(codes: project.landUseCodes, strict: project.strict) },
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

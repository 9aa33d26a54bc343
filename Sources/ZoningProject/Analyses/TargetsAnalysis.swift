import ZoningAnalysis
import ZoningLayers
import ZoningReport

/// 规划目标: the plan targets checked against the figures (docs/METHOD.md §6), when the
/// project has targets; `targets.csv` and a section of the report.
extension Analysis {
    public static let targets = Analysis(
        id: TargetsStep.id,
        step: { project, _ in project.targets.map { TargetsStep(targets: $0) } },
        files: [OutputFile("targets.csv", "each target checked per region: value, pass or fail, shortfall")],
        writes: { $0.targets?.targets.isEmpty == false },
        output: TargetOutputs.self, reports: [TargetReport.self])
}

extension TargetOutputs: StepOutput {
    public static func write(_ output: [TargetResult], of step: TargetsStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        guard !output.isEmpty else { return }
        try write(output, to: folder + "/targets.csv", options: options)
    }
}

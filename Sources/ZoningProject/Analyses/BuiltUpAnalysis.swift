import ZoningAnalysis
import ZoningLayers
import ZoningReport

/// 实际建设区: built-up regions (docs/METHOD.md §3), `builtup-regions.shp` and `.csv`, and their
/// map in the report.
extension Analysis {
    public static let builtUp = Analysis(
        id: BuiltUpStep.id, parameters: BuiltUpParameters.self,
        step: { project, engine in BuiltUpStep(parameters: project.builtUp, engine: engine) },
        files: [
            OutputFile("builtup-regions.shp", "the built-up regions' outlines, with their seats and areas"),
            OutputFile("builtup-regions.csv", "the same table without shapes"),
        ],
        output: BuiltUpOutputs.self, reports: [BuiltUpReport.self])
}

/// `builtup-regions.shp` and `.csv` (`ClassificationOutputs.writeBuiltUp`).
public enum BuiltUpOutputs: StepOutput {
    public static func write(_ output: BuiltUpRegions.Result, of step: BuiltUpStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        try ClassificationOutputs.writeBuiltUp(output, crs: inputs.crs, to: folder, options: options)
    }
}

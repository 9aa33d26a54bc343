import ZoningAnalysis
import ZoningLayers
import ZoningReport

/// 城乡分类: the class of every village-level unit (docs/METHOD.md §4), urbanization and the
/// review lists; `villages-classified.shp`, `classification.csv`/`.json`, `urbanization.csv`,
/// `review.csv`; the classes with their map, urbanization and the review lists in the report.
extension Analysis {
    public static let classification = Analysis(
        id: ClassificationStep.id, parameters: ClassificationParameters.self,
        step: { project, engine in ClassificationStep(parameters: project.classification, codes: project.landUseCodes, engine: engine) },
        files: [
            OutputFile("villages-classified.shp", "every village-level unit with its derived and official class and the reason"),
            OutputFile("classification.csv", "the same table without shapes"),
            OutputFile("classification.json", "the same, with the parameters"),
            OutputFile("urbanization.csv", "urban residents and urbanization rates per county and township"),
            OutputFile("review.csv", "the units the plans ask to review, with the evidence"),
        ],
        output: ClassificationOutputs.self, reports: [ClassificationReport.self, ReviewReport.self])
}

extension ClassificationOutputs: StepOutput {
    public static func write(_ output: ClassificationStep.Output, of step: ClassificationStep, inputs: AnalysisInputs, to folder: String,
                             options: LayerFile.WriteOptions, text: ReportText) throws {
        try writeClassification(
            output.classes, units: inputs.units, review: output.review, crs: inputs.crs,
            parameters: (step.codes, step.parameters), to: folder, options: options, text: text)
    }
}

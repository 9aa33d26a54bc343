import ZoningAnalysis
import ZoningLayers

/// The files a step writes into an output folder, from its output: each analysis step has one
/// conformance, listed in `StepOutputs.all`. `zoning run` and the analysis commands write
/// through it, so a step's files are the same whichever ran it.
///
/// ```swift
/// extension TargetOutputs: StepOutput {
///     public static func write(_ output: [TargetResult], of step: TargetsStep, inputs: AnalysisInputs,
///                              to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
///         try write(output, to: folder + "/targets.csv", options: .init(byteOrderMark: options.byteOrderMark))
///     }
/// }
/// ```
public protocol StepOutput: SendableMetatype {
    associatedtype Step: AnalysisStep
    static func write(_ output: Step.Output, of step: Step, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws
}

/// Every step's output writer, and writing the outputs of the steps that ran.
public enum StepOutputs {
    public static let all: [any StepOutput.Type] = [
        CheckOutputs.self, BuiltUpOutputs.self, ClassificationOutputs.self, CoverageOutputs.self, LifeCircleOutputs.self, TargetOutputs.self,
    ]

    /// Writes, in the order of `all`, the files of every step in `steps` that has a result.
    /// - Parameter text: the language of the sentences in the tables (reasons, evidence).
    public static func write(_ steps: [any AnalysisStep], _ results: StepResults, inputs: AnalysisInputs, to folder: String,
                             options: LayerFile.WriteOptions, text: ReportText) throws {
        for writer in all { try write(writer, steps, results, inputs, folder, options, text) }
    }

    private static func write<Writer: StepOutput>(
        _ writer: Writer.Type, _ steps: [any AnalysisStep], _ results: StepResults, _ inputs: AnalysisInputs, _ folder: String,
        _ options: LayerFile.WriteOptions, _ text: ReportText
    ) throws {
        guard let step = steps.lazy.compactMap({ $0 as? Writer.Step }).first, let output = results[Writer.Step.self] else { return }
        try writer.write(output, of: step, inputs: inputs, to: folder, options: options, text: text)
    }
}

extension CheckOutputs: StepOutput {
    public static func write(_ output: InputCheckStep.Output, of step: InputCheckStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        try write(output.checks, to: folder, options: options)
    }
}

/// `builtup-regions.shp` and `.csv` (`ClassificationOutputs.writeBuiltUp`).
public enum BuiltUpOutputs: StepOutput {
    public static func write(_ output: BuiltUpRegions.Result, of step: BuiltUpStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        try ClassificationOutputs.writeBuiltUp(output, crs: inputs.crs, to: folder, options: options)
    }
}

extension ClassificationOutputs: StepOutput {
    public static func write(_ output: ClassificationStep.Output, of step: ClassificationStep, inputs: AnalysisInputs, to folder: String,
                             options: LayerFile.WriteOptions, text: ReportText) throws {
        try writeClassification(
            output.classes, units: inputs.units, review: output.review, crs: inputs.crs,
            parameters: (step.construction, step.parameters), to: folder, options: options, text: text)
    }
}

extension CoverageOutputs: StepOutput {
    public static func write(_ output: Coverage.Result, of step: CoverageStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        try write(output, regions: inputs.townships, parcels: inputs.parcels, parameters: step.parameters, crs: inputs.crs, to: folder, options: options)
    }
}

extension TargetOutputs: StepOutput {
    public static func write(_ output: [TargetResult], of step: TargetsStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        guard !output.isEmpty else { return }
        try write(output, to: folder + "/targets.csv", options: options)
    }
}

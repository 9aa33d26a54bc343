import ZoningAnalysis
import ZoningLayers
import ZoningReport

/// The files a step writes into an output folder, from its output: each analysis's
/// registration (`Analysis.output`) names its conformance. `zoning run` and the analysis
/// commands write through it, so a step's files are the same whichever ran it.
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

/// Every registered step's output writer, and writing the outputs of the steps that ran.
public enum StepOutputs {
    /// The writers of the registered analyses, in chain order.
    public static var all: [any StepOutput.Type] { Analyses.all.compactMap(\.output) }

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

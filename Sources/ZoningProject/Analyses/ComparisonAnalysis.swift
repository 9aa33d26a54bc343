import Foundation
import ZoningAnalysis
import ZoningDatabase
import ZoningLayers
import ZoningReport

/// 与上次运行对比: the run compared with an earlier run, its folder or its PostGIS schema (`compare_with:`,
/// docs/METHOD.md §9), after every other analysis; its files (`ComparisonOutputs`) and
/// section (`ComparisonReport`).
extension Analysis {
    public static let comparison = Analysis(
        id: ComparisonStep.id, parameters: ComparisonParameters.self,
        step: { project, _ in
            guard project.parameters.isGiven(ComparisonParameters.self) else { return nil }
            var parameters = project.parameters[ComparisonParameters.self]
            let location = ComparisonAnalysis.resolved(parameters.path, project: project)
            // The manifest and comparison.json record it with any password masked.
            parameters.path = LayerFile.isDatabase(location) ? DatabaseURL.mask(location) : location
            return ComparisonStep(parameters: parameters, name: project.name, version: ZoningVersion.current,
                                  runParameters: RunSnapshotReader.parameters(project)) { try RunSnapshotReader.read(location) }
        },
        files: ComparisonOutputs.files, output: ComparisonAnalysis.self, reports: [ComparisonReport.self])
}

/// Writes the comparison's files from the step's output (`ComparisonOutputs`).
public enum ComparisonAnalysis: StepOutput {
    public static func write(_ output: RunComparison, of step: ComparisonStep, inputs: AnalysisInputs, to folder: String,
                             options: LayerFile.WriteOptions, text: ReportText) throws {
        try ComparisonOutputs.write(output, crs: inputs.crs, to: folder, options: options, text: text)
    }

    /// `path` against the project file's folder when relative (a PostGIS run, `postgresql://…#SCHEMA`, as written).
    static func resolved(_ path: String, project: Project) -> String {
        guard !path.isEmpty, !path.hasPrefix("/"), !LayerFile.isDatabase(path), let file = project.file else { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: file).deletingLastPathComponent()).standardizedFileURL.path
    }
}

import ZoningAnalysis
import ZoningLayers
import ZoningReport

/// 公共服务覆盖: coverage per township and facility type (docs/METHOD.md §5), when the project
/// names facilities; `coverage.csv`/`.json`, `facilities.csv`, `regions-coverage.shp`, `service-areas.shp`,
/// `gaps.shp`; the table and a map per type in the report.
extension Analysis {
    public static let coverage = Analysis(
        id: CoverageStep.id, parameters: Coverage.Parameters.self,
        step: { project, engine in project.layers.facilities == nil ? nil : CoverageStep(parameters: project.coverage, engine: engine) },
        files: [
            OutputFile("coverage.csv", "coverage per township and facility type: residential land, residents, facilities, distances"),
            OutputFile("coverage.json", "the same, with the method and the parameters"),
            OutputFile("facilities.csv", "each facility by name: type, the township holding it, x and y in the analysis CRS"),
            OutputFile("regions-coverage.shp", "the townships with a column group per facility type"),
            OutputFile("service-areas.shp", "each type's service area"),
            OutputFile("gaps.shp", "the residential parcels a type leaves uncovered"),
        ],
        output: CoverageOutputs.self, reports: [CoverageReport.self])
}

extension CoverageOutputs: StepOutput {
    public static func write(_ output: Coverage.Result, of step: CoverageStep, inputs: AnalysisInputs, to folder: String, options: LayerFile.WriteOptions, text: ReportText) throws {
        try write(output, regions: inputs.townships, parcels: inputs.parcels, facilities: inputs.facilities, parameters: step.parameters, crs: inputs.crs, to: folder, options: options)
    }
}

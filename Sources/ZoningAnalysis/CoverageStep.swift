/// Public-service coverage per township and facility type: `Coverage`.
///
/// ```swift
/// let coverage = try CoverageStep().run(inputs, StepResults())
/// coverage.regions.first { $0.type == .elderly }?.residentialCoverage
/// ```
public struct CoverageStep: AnalysisStep {
    public static let id = "coverage"
    public static let inputRoles: Set<LayerRole> = [.landUse, .villages, .townships, .facilities]
    public var parameters: Coverage.Parameters

    public init(parameters: Coverage.Parameters = Coverage.Parameters()) {
        self.parameters = parameters
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String {
        "Computing coverage of \(inputs.townships.count) townships by \(inputs.facilities.count) facilities"
    }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Coverage.Result {
        try Coverage.compute(
            parcels: inputs.parcels, villages: inputs.units, regions: inputs.townships, facilities: inputs.facilities,
            crs: inputs.crs, parameters: parameters, populationPoints: inputs.population)
    }
}

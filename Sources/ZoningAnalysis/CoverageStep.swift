/// Public-service coverage per township and facility type: `Coverage`.
///
/// ```swift
/// let coverage = try CoverageStep().run(inputs, StepResults())
/// coverage.regions.first { $0.type == .elderly }?.residentialCoverage
/// ```
public struct CoverageStep: ParameterisedStep {
    public static let id = "coverage"
    public static let inputRoles: Set<LayerRole> = [.landUse, .villages, .townships, .facilities]
    public var parameters: Coverage.Parameters
    /// Where the figures are computed: in this process (default) or in PostGIS.
    public var engine: any AnalysisEngine

    public init(parameters: Coverage.Parameters = Coverage.Parameters(), engine: any AnalysisEngine = InProcessEngine()) {
        self.parameters = parameters
        self.engine = engine
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String {
        "Computing coverage of \(inputs.townships.count) townships by \(inputs.facilities.count) facilities"
    }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Coverage.Result {
        if let output = try engine.compute(self, inputs, results) { return output }
        return try Coverage.compute(
            parcels: inputs.parcels, villages: inputs.units, regions: inputs.townships, facilities: inputs.facilities,
            crs: inputs.crs, parameters: parameters, populationPoints: inputs.population)
    }
}

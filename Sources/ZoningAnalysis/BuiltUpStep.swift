/// Built-up regions (实际建设) from the land-use parcels and the seats: `BuiltUpRegions`.
///
/// ```swift
/// let regions = try BuiltUpStep().run(inputs, StepResults())
/// regions.regions.count  // 7 on the sample
/// ```
public struct BuiltUpStep: ParameterisedStep {
    public static let id = "builtup"
    public static let inputRoles: Set<LayerRole> = [.landUse, .seats]
    public var parameters: BuiltUpParameters
    /// Where the regions are computed: in this process (default) or in PostGIS.
    public var engine: any AnalysisEngine

    public init(parameters: BuiltUpParameters = BuiltUpParameters(), engine: any AnalysisEngine = InProcessEngine()) {
        self.parameters = parameters
        self.engine = engine
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String { "Delineating built-up regions from \(inputs.parcels.count) parcels" }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> BuiltUpRegions.Result {
        if let output = try engine.compute(self, inputs, results) { return output }
        return try BuiltUpRegions.delineate(parcels: inputs.parcels, seats: inputs.seats, parameters: parameters, crs: inputs.crs)
    }
}

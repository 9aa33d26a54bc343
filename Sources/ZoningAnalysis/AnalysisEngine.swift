/// Where the spatial work of built-up regions, classification and coverage runs: in this
/// process over GEOS (`InProcessEngine`, the default), or inside a PostGIS database
/// (`PostGISEngine` in ZoningPushDown, `--engine postgis`). Both return the same result types,
/// so every writer, map, report and target reads them alike; the steps (`BuiltUpStep`,
/// `ClassificationStep`, `CoverageStep`) own the parameters and hand them to their engine.
///
/// The inputs are always read and checked in this process first (`InputReader`); an engine
/// only computes.
///
/// ```swift
/// var builtUp = BuiltUpStep(parameters: project.builtUp)
/// builtUp.engine = InProcessEngine()          // or a PostGISEngine
/// let regions = try builtUp.run(inputs, StepResults())
/// ```
public protocol AnalysisEngine: Sendable {
    /// The name a project file and `--engine` use: `in-process`, `postgis`.
    var name: String { get }
    /// Built-up regions (docs/METHOD.md §3), as `BuiltUpRegions.delineate` with outlines.
    func builtUpRegions(_ inputs: AnalysisInputs, parameters: BuiltUpParameters) throws -> BuiltUpRegions.Result
    /// The class of every unit (docs/METHOD.md §4), as `Classifier.classify`.
    func classify(
        _ inputs: AnalysisInputs, builtUp: BuiltUpRegions.Result, construction: BuiltUpParameters, parameters: ClassificationParameters
    ) throws -> [UnitClassification]
    /// Coverage per township and facility type (docs/METHOD.md §5), as `Coverage.compute`.
    func coverage(_ inputs: AnalysisInputs, parameters: Coverage.Parameters) throws -> Coverage.Result
}

/// The analyses in this process, over GEOS: the default engine.
///
/// ```swift
/// let result = try InProcessEngine().builtUpRegions(inputs, parameters: BuiltUpParameters())
/// ```
public struct InProcessEngine: AnalysisEngine {
    public init() {}

    public var name: String { "in-process" }

    public func builtUpRegions(_ inputs: AnalysisInputs, parameters: BuiltUpParameters) throws -> BuiltUpRegions.Result {
        try BuiltUpRegions.delineate(parcels: inputs.parcels, seats: inputs.seats, parameters: parameters, crs: inputs.crs)
    }

    public func classify(
        _ inputs: AnalysisInputs, builtUp: BuiltUpRegions.Result, construction: BuiltUpParameters, parameters: ClassificationParameters
    ) throws -> [UnitClassification] {
        try Classifier.classify(
            units: inputs.units, parcels: inputs.parcels, builtUp: builtUp, seats: inputs.seats,
            construction: construction, parameters: parameters)
    }

    public func coverage(_ inputs: AnalysisInputs, parameters: Coverage.Parameters) throws -> Coverage.Result {
        try Coverage.compute(
            parcels: inputs.parcels, villages: inputs.units, regions: inputs.townships, facilities: inputs.facilities,
            crs: inputs.crs, parameters: parameters, populationPoints: inputs.population)
    }
}

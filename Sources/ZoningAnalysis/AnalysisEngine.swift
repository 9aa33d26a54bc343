/// Where the spatial work of a step runs: in this process over GEOS (`InProcessEngine`, the
/// default), or inside a PostGIS database (`PostGISEngine` in ZoningPushDown, `--engine
/// postgis`). An engine declares the steps it computes (`computes`, by step id) and computes
/// them (`compute`); every other step, and every step of the in-process engine, computes in
/// this process. A step that an engine may compute asks it first:
///
/// ```swift
/// public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> BuiltUpRegions.Result {
///     if let output = try engine.compute(self, inputs, results) { return output }
///     return try BuiltUpRegions.delineate(parcels: inputs.parcels, seats: inputs.seats, parameters: parameters, crs: inputs.crs)
/// }
/// ```
///
/// An engine returns the step's own output type, so every writer, map, report and target reads
/// the results alike; a new analysis needs no change here, and a new engine lists the steps it
/// takes over. The inputs are always read and checked in this process first (`InputReader`).
public protocol AnalysisEngine: Sendable {
    /// The name a project file and `--engine` use: `in-process`, `postgis`.
    var name: String { get }
    /// The ids of the steps it computes (`BuiltUpStep.id`, …); empty for the in-process engine.
    var computes: Set<String> { get }
    /// `step`'s output, computed by this engine, or nil for a step it does not compute.
    func compute<Step: AnalysisStep>(_ step: Step, _ inputs: AnalysisInputs, _ results: StepResults) throws -> Step.Output?
}

/// The analyses in this process, over GEOS: the default engine. It computes no step itself;
/// each step's own code runs.
///
/// ```swift
/// let regions = try BuiltUpStep(parameters: BuiltUpParameters(), engine: InProcessEngine()).run(inputs, StepResults())
/// ```
public struct InProcessEngine: AnalysisEngine {
    public init() {}

    public var name: String { "in-process" }
    public var computes: Set<String> { [] }

    public func compute<Step: AnalysisStep>(_ step: Step, _ inputs: AnalysisInputs, _ results: StepResults) throws -> Step.Output? { nil }
}

import Dispatch

/// One analysis of the chain: the input checks, built-up regions, classification, coverage,
/// targets. A step owns its parameters (with their defaults and `validate()`), names the
/// layers it reads, and computes one output from the inputs and the outputs of the steps
/// before it. `zoning run` runs the whole chain; each analysis command runs a prefix of it,
/// through the same `Pipeline`.
///
/// A new analysis is one type conforming to this protocol, added to the chain where it is
/// assembled (`Project.steps` for a run, the command's list for a subcommand):
///
/// ```swift
/// public struct BuiltUpStep: AnalysisStep {
///     public static let id = "builtup"
///     public static let inputRoles: Set<LayerRole> = [.landUse, .seats]
///     public var parameters = BuiltUpParameters()
///     public func validate() throws { try parameters.validate() }
///     public func progress(_ inputs: AnalysisInputs) -> String { "Delineating built-up regions from \(inputs.parcels.count) parcels" }
///     public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> BuiltUpRegions.Result {
///         try BuiltUpRegions.delineate(parcels: inputs.parcels, seats: inputs.seats, parameters: parameters, crs: inputs.crs)
///     }
/// }
/// ```
public protocol AnalysisStep: Sendable {
    associatedtype Output: Sendable
    /// The step's name: its timing in the manifest, and its section in a project file.
    static var id: String { get }
    /// The layers the step reads; the pipeline refuses to run it without them.
    static var inputRoles: Set<LayerRole> { get }
    /// Checks the parameters. - Throws: `ParameterError`.
    func validate() throws
    /// The progress line printed before the step runs.
    func progress(_ inputs: AnalysisInputs) -> String
    func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Output
}

/// The outputs of the steps run so far, by step type.
///
/// ```swift
/// let regions = results[BuiltUpStep.self]   // BuiltUpRegions.Result?
/// ```
public struct StepResults: Sendable {
    private var outputs: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Step: AnalysisStep>(_ step: Step.Type) -> Step.Output? {
        outputs[ObjectIdentifier(step)] as? Step.Output
    }

    mutating func store<Step: AnalysisStep>(_ output: Step.Output, of step: Step.Type) {
        outputs[ObjectIdentifier(step)] = output
    }

    /// The output of a step that must have run before the one asking.
    /// - Throws: `AnalysisError.stepMissing` naming both.
    public func required<Step: AnalysisStep>(_ step: Step.Type, by user: String) throws -> Step.Output {
        guard let output = self[step] else { throw AnalysisError.stepMissing(step: Step.id, neededBy: user) }
        return output
    }
}

/// Runs steps in order over one set of inputs.
///
/// ```swift
/// let run = try Pipeline([InputCheckStep(), BuiltUpStep(), ClassificationStep()]).run(inputs) { print($0) }
/// run.results[ClassificationStep.self]?.classes.count  // 120
/// ```
public struct Pipeline: Sendable {
    public var steps: [any AnalysisStep]

    public init(_ steps: [any AnalysisStep]) {
        self.steps = steps
    }

    /// The results, and the seconds each step took.
    public struct Run: Sendable {
        public var results: StepResults
        public var timings: [(step: String, seconds: Double)]
    }

    /// Validates every step's parameters and checks that its layers were read, then runs the
    /// steps in order.
    /// - Throws: `ParameterError`, `AnalysisError.layerMissing`, or the first step's error.
    public func run(_ inputs: AnalysisInputs, progress: (String) -> Void = { _ in }) throws -> Run {
        for step in steps {
            try step.validate()
            if let missing = type(of: step).inputRoles.subtracting(inputs.files.keys).sorted().first {
                throw AnalysisError.layerMissing(step: type(of: step).id, role: missing.rawValue)
            }
        }
        var run = Run(results: StepResults(), timings: [])
        for step in steps { try perform(step, inputs, &run, progress) }
        return run
    }

    private func perform<Step: AnalysisStep>(_ step: Step, _ inputs: AnalysisInputs, _ run: inout Run, _ progress: (String) -> Void) throws {
        progress(step.progress(inputs))
        let start = DispatchTime.now().uptimeNanoseconds
        let output = try step.run(inputs, run.results)
        run.timings.append((Step.id, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        run.results.store(output, of: Step.self)
    }
}

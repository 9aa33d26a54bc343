/// 与上次对比: the run compared with an earlier one (`compare_with:`, docs/METHOD.md §9),
/// after the classification, built-up regions, coverage and targets it reads.
///
/// The earlier run is read by `earlier`, which the project layer gives (a run folder read by
/// `RunSnapshotReader`); this run's snapshot is made from its inputs and results.
///
/// ```swift
/// let step = ComparisonStep(parameters: parameters, name: "样例市", version: "0.2.0", runParameters: [:]) { try RunSnapshotReader.read(folder) }
/// ```
public struct ComparisonStep: ParameterisedStep {
    public static let id = "compare"
    public static let inputRoles: Set<LayerRole> = [.villages]
    public var parameters: ComparisonParameters
    /// This run's project name, zoning version and parameters (`section.key` → value).
    public var name: String
    public var version: String
    public var runParameters: [String: String]
    /// Reads the earlier run. - Throws: its reader's errors, naming the file.
    public var earlier: @Sendable () throws -> RunSnapshot

    public init(parameters: ComparisonParameters, name: String, version: String, runParameters: [String: String],
                earlier: @escaping @Sendable () throws -> RunSnapshot) {
        self.parameters = parameters
        self.name = name
        self.version = version
        self.runParameters = runParameters
        self.earlier = earlier
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String { "Comparing with the run in \(parameters.path)" }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> RunComparison {
        let new = try RunSnapshot.current(name: name, version: version, parameters: runParameters, inputs: inputs, results: results, by: Self.id)
        return try RunComparison.compare(old: try earlier(), new: new, parameters: parameters)
    }
}

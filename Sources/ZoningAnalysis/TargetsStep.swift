/// Plan targets checked against the figures of the steps before it: urbanization from the
/// classification, coverage from the coverage step, walking coverage from the life circles
/// (any may be absent: its targets are then `n/a`).
///
/// ```swift
/// let checked = try TargetsStep(targets: file).run(inputs, results)
/// checked.filter { $0.verdict == .fail }
/// ```
public struct TargetsStep: AnalysisStep {
    public static let id = "targets"
    public static let inputRoles: Set<LayerRole> = []
    public var targets: TargetsFile

    public init(targets: TargetsFile) {
        self.targets = targets
    }

    public func validate() throws {}

    public func progress(_ inputs: AnalysisInputs) -> String { "Checking \(targets.targets.count) targets" }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> [TargetResult] {
        let figures = TargetFigures(
            classes: results[ClassificationStep.self]?.classes ?? [], coverage: results[CoverageStep.self], regions: inputs.townships,
            lifeCircles: results[LifeCircleStep.self])
        return TargetCheck.evaluate(targets, figures: figures)
    }
}

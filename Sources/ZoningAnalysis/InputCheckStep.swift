/// The first step of every chain: the checks made while reading (`InputReader`) and those
/// across layers (`Reconciliation`). It stops the chain when a check is an error, or with
/// `strict` a warning, so no analysis runs on inputs that do not fit together.
///
/// ```swift
/// let checks = try InputCheckStep(construction: project.builtUp, strict: false).run(inputs, StepResults())
/// checks.tally  // "2 notes"
/// ```
public struct InputCheckStep: AnalysisStep {
    public static let id = "checks"
    public static let inputRoles: Set<LayerRole> = [.landUse]
    /// What counts as construction and seed land, for the land-use checks.
    public var construction: BuiltUpParameters
    /// Warnings stop the chain too.
    public var strict: Bool
    /// The life circles the chain will measure, for the checks of the roads as a network
    /// (`RoadChecks`); nil without.
    public var lifeCircles: LifeCircleStep?

    public init(construction: BuiltUpParameters = BuiltUpParameters(), strict: Bool = false, lifeCircles: LifeCircleStep? = nil) {
        self.construction = construction
        self.strict = strict
        self.lifeCircles = lifeCircles
    }

    public func validate() throws {
        try construction.validate()
        try lifeCircles?.validate()
    }

    public func progress(_ inputs: AnalysisInputs) -> String { "Checking that the layers fit together" }

    /// - Throws: `InputChecksFailed` with every check.
    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> CheckList {
        var checks = inputs.checks
        checks.add(contentsOf: try Reconciliation.check(inputs, construction: construction))
        if let lifeCircles { checks.add(contentsOf: try RoadChecks.check(inputs, step: lifeCircles)) }
        if !checks.stopping(strict: strict).isEmpty { throw InputChecksFailed(checks: checks, strict: strict) }
        return checks
    }
}

/// The first step of every chain: the checks made while reading (`InputReader`) and those
/// across layers (`Reconciliation`). It stops the chain when a check is an error, or with
/// `strict` a warning, so no analysis runs on inputs that do not fit together.
///
/// ```swift
/// let checked = try InputCheckStep(construction: project.builtUp, strict: false).run(inputs, StepResults())
/// checked.checks.tally  // "2 notes"
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

    /// What the checks found, and what they built that a later step reuses.
    public struct Output: Sendable {
        public var checks: CheckList
        /// The walking network and the joins to it, when the chain measures life circles
        /// and the inputs have roads (for `LifeCircleStep`).
        public var roadAccess: RoadAccess?
    }

    /// - Throws: `InputChecksFailed` with every check.
    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Output {
        var checks = inputs.checks
        checks.add(contentsOf: try Reconciliation.check(inputs, construction: construction))
        var access: RoadAccess?
        if let lifeCircles, !inputs.roads.isEmpty {
            access = try RoadAccess(inputs, parameters: lifeCircles.parameters, residentialCodes: lifeCircles.residentialCodes)
            checks.add(contentsOf: RoadChecks.check(inputs, access: access!))
        }
        if !checks.stopping(strict: strict).isEmpty { throw InputChecksFailed(checks: checks, strict: strict) }
        return Output(checks: checks, roadAccess: access)
    }
}

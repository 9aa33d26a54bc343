/// The checks made while reading (`InputReader`), those across layers (`Reconciliation`) and,
/// when the chain has a walking network (`WalkingNetworkStep`, which runs first), those of the
/// roads as a network. It stops the chain when a check is an error, or with
/// `strict` a warning, so no analysis runs on inputs that do not fit together.
///
/// ```swift
/// let checked = try InputCheckStep(codes: project.landUseCodes, strict: false).run(inputs, StepResults())
/// checked.checks.tally  // "2 notes"
/// ```
public struct InputCheckStep: AnalysisStep {
    public static let id = "checks"
    public static let inputRoles: Set<LayerRole> = [.landUse]
    /// What counts as construction and seed land, for the land-use checks.
    public var codes: LandUseCodes
    /// Warnings stop the chain too.
    public var strict: Bool

    public init(codes: LandUseCodes = LandUseCodes(), strict: Bool = false) {
        self.codes = codes
        self.strict = strict
    }

    public func validate() throws {
        guard !codes.construction.isEmpty else {
            throw ParameterError(section: BuiltUpParameters.section, key: "construction_codes", problem: "must name at least one land-use code")
        }
    }

    public func progress(_ inputs: AnalysisInputs) -> String { "Checking that the layers fit together" }

    /// What the checks found.
    public struct Output: Sendable {
        public var checks: CheckList
    }

    /// - Throws: `InputChecksFailed` with every check.
    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Output {
        var checks = inputs.checks
        checks.add(contentsOf: try Reconciliation.check(inputs, codes: codes))
        if let walking = results[WalkingNetworkStep.self] { checks.add(contentsOf: walking.checks) }
        if !checks.stopping(strict: strict).isEmpty { throw InputChecksFailed(checks: checks, strict: strict) }
        return Output(checks: checks)
    }
}

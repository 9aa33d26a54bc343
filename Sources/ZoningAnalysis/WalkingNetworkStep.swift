/// The walking network and where the homes and facilities join it (`RoadAccess`), with the
/// checks of the roads as a network (`RoadChecks`): a shared fact, built once by a step of its
/// own before the input checks, which add its findings to theirs (and stop the chain on them
/// as on any other), and read by the life circles.
///
/// ```swift
/// let walking = try WalkingNetworkStep(parameters: project.lifeCircles, residential: codes.residential).run(inputs, StepResults())
/// walking.access.network.edges.count
/// ```
public struct WalkingNetworkStep: AnalysisStep {
    public static let id = "walking_network"
    public static let inputRoles: Set<LayerRole> = [.landUse, .facilities, .roads]
    /// How the roads are walked and joined (`snap_m`, `oneway`, `exclude_classes`), and the
    /// circles whose facility types the checks count.
    public var parameters: LifeCircleParameters
    /// The residential land codes: the homes that join the network.
    public var residential: Set<String>

    public init(parameters: LifeCircleParameters = LifeCircleParameters(), residential: Set<String> = LandUseCodes().residential) {
        self.parameters = parameters
        self.residential = residential
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String { "Building the walking network from \(inputs.roads.count) roads" }

    public struct Output: Sendable {
        public var access: RoadAccess
        /// What the roads are like as a network: notes and warnings for the input checks.
        public var checks: [Check]
    }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Output {
        let access = try RoadAccess(inputs, parameters: parameters, residentialCodes: residential)
        return Output(access: access, checks: RoadChecks.check(inputs, access: access))
    }
}

/// Life circles: coverage by walking distance along the roads, per circle and facility type,
/// for the county, its urban and rural units, each township and each village-level unit:
/// `LifeCircles`. Runs after classification when there is one (for the urban/rural rows).
///
/// ```swift
/// let circles = try LifeCircleStep().run(inputs, results)
/// circles.rows.filter { $0.level == .township && $0.circle == "15min" && $0.type == nil }
/// ```
public struct LifeCircleStep: ParameterisedStep {
    public static let id = "life_circles"
    public static let inputRoles: Set<LayerRole> = [.landUse, .villages, .townships, .facilities, .roads]
    public var parameters: LifeCircleParameters

    public init(parameters: LifeCircleParameters = LifeCircleParameters()) {
        self.parameters = parameters
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String {
        "Walking \(inputs.roads.count) roads to \(inputs.facilities.count) facilities for \(parameters.circles.count) life circles"
    }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> LifeCircles.Result {
        let classes = results[ClassificationStep.self].map { Dictionary($0.classes.map { ($0.code, $0.derivedClass) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        let county = inputs.units.first.flatMap { AdministrativeCode($0.code)?.county?.digits } ?? "county"
        let walking = try results.required(WalkingNetworkStep.self, by: Self.id)
        return try LifeCircles.compute(
            parcels: inputs.parcels, villages: inputs.units, regions: inputs.townships, facilities: inputs.facilities, roads: inputs.roads,
            residentialCodes: walking.access.residentialCodes, parameters: parameters, populationPoints: inputs.population, classes: classes,
            countyCode: county, access: walking.access)
    }
}

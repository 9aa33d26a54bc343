import ZoningAnalysis
import ZoningReport

/// 生活圈: walking coverage along the roads (docs/METHOD.md §5), when the project names roads
/// and facilities; its files (`LifeCircleOutputs`) and section (`LifeCircleReport`). The
/// walking network it walks is a step of its own (`Analysis.walkingNetwork`), registered first.
extension Analysis {
    /// The walking network and the road checks (`WalkingNetworkStep`), before the input checks,
    /// which report its findings; no files or section of its own.
    public static let walkingNetwork = Analysis(
        id: WalkingNetworkStep.id,
        step: { project, _ in
            LifeCircleAnalysis.runs(project) ? WalkingNetworkStep(parameters: project.lifeCircles, residential: project.landUseCodes.residential) : nil
        })

    public static let lifeCircles = Analysis(
        id: LifeCircleStep.id, parameters: LifeCircleParameters.self,
        step: { project, _ in LifeCircleAnalysis.runs(project) ? LifeCircleStep(parameters: project.lifeCircles) : nil },
        files: [
            OutputFile("life-circles.csv", "walking and straight-line coverage per level, circle and facility type"),
            OutputFile("life-circles.json", "the same, with the method, the parameters and the walking network"),
            OutputFile("life-circle-areas.shp", "each circle's and type's walking service area"),
            OutputFile("life-circle-homes.shp", "each residential parcel's walk and straight line to the nearest facility of each type"),
        ],
        output: LifeCircleOutputs.self, reports: [LifeCircleReport.self])
}

enum LifeCircleAnalysis {
    /// Whether `project` measures life circles: with roads and facilities only.
    static func runs(_ project: Project) -> Bool { project.layers.roads != nil && project.layers.facilities != nil }
}

import ZoningAnalysis

/// 生活圈: walking coverage along the roads (docs/METHOD.md §5), when the project names roads
/// and facilities; its files (`LifeCircleOutputs`) and section (`LifeCircleReport`).
extension Analysis {
    public static let lifeCircles = Analysis(
        id: LifeCircleStep.id, parameters: LifeCircleParameters.self,
        step: { project, _ in LifeCircleAnalysis.step(project) },
        files: [
            OutputFile("life-circles.csv", "walking and straight-line coverage per level, circle and facility type"),
            OutputFile("life-circles.json", "the same, with the method, the parameters and the walking network"),
            OutputFile("life-circle-areas.shp", "each circle's and type's walking service area"),
            OutputFile("life-circle-homes.shp", "each residential parcel's walk and straight line to the nearest facility of each type"),
        ],
        output: LifeCircleOutputs.self, reports: [LifeCircleReport.self])
}

enum LifeCircleAnalysis {
    /// The life-circle step of `project`: with roads and facilities only.
    static func step(_ project: Project) -> LifeCircleStep? {
        guard project.layers.roads != nil, project.layers.facilities != nil else { return nil }
        return LifeCircleStep(parameters: project.lifeCircles, residentialCodes: project.coverage.residentialCodes)
    }
}

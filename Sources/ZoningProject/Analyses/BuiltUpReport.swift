import Foundation
import ZoningAnalysis

/// 实际建设: the built-up regions with their map.
enum BuiltUpReport: StepReport {
    typealias Step = BuiltUpStep
    static let position = 30

    static func maps(_ output: BuiltUpRegions.Result, _ run: RunResult) -> [MapDrawing] { [{ try ReportMaps.builtUp(run) }] }

    static func sections(_ output: BuiltUpRegions.Result, _ run: RunResult, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "builtup", title: HTMLReport.words(run).builtUp, html: builtUpTable(run) + maps.map(HTMLReport.figure).joined())]
    }

    static func builtUpTable(_ result: RunResult) -> String {
        let text = HTMLReport.words(result)
        let rows = result.builtUp.regions.map { region -> [String] in
            [String(region.id), region.rank.map(text.rank) ?? text.seedsOnly,
             region.principalSeat.map { "\($0.code) \($0.name)" } ?? "–", String(region.parcels.count),
             String(format: "%.2f", region.footprintSquareMetres / 1e6), region.outlineSquareMetres.map { String(format: "%.2f", $0 / 1e6) } ?? "–"]
        }
        return HTMLReport.table(text.builtUpHeaders, rows, numeric: [0, 3, 4, 5])
    }
}

import Foundation
import ZoningAnalysis

/// 实际建设: the built-up regions with their map.
public enum BuiltUpReport: StepReport {
    public typealias Step = BuiltUpStep
    public static let position = 30

    /// The names of the `builtup` parameters in the report's parameter rows.
    public static let parameterNames: [String: (zh: String, en: String)] = [
        "builtup.gap_m": ("实际建设区连接距离", "built-up gap"),
        "builtup.fill_holes_km2": ("填充小于此面积的空洞", "holes filled below"),
        "builtup.seed_codes": ("城镇图斑的城镇村属性码（CZCSXM）", "seed settlement codes (CZCSXM)"),
        "builtup.construction_codes": ("建设用地地类编码", "construction land codes"),
    ]

    public static func maps(_ output: BuiltUpRegions.Result, _ run: ReportRun) -> [MapDrawing] { [{ try ReportMaps.builtUp(run) }] }

    public static func sections(_ output: BuiltUpRegions.Result, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "builtup", title: HTMLReport.words(run).builtUp, html: builtUpTable(run) + maps.map(HTMLReport.figure).joined())]
    }

    static func builtUpTable(_ result: ReportRun) -> String {
        let text = HTMLReport.words(result)
        let rows = result.builtUp.regions.map { region -> [String] in
            [String(region.id), region.rank.map(text.rank) ?? text.seedsOnly,
             region.principalSeat.map { "\($0.code) \($0.name)" } ?? "–", String(region.parcels.count),
             String(format: "%.2f", region.footprintSquareMetres / 1e6), region.outlineSquareMetres.map { String(format: "%.2f", $0 / 1e6) } ?? "–"]
        }
        return HTMLReport.table(text.builtUpHeaders, rows, numeric: [0, 3, 4, 5])
    }
}

extension BuiltUpReport {
    /// `builtup-regions` by the rank of their principal seat, as the report's map.
    public static func styles(_ output: BuiltUpRegions.Result, _ run: ReportRun) -> [LayerStyles.Group] {
        let text = ReportText(run.language)
        return [LayerStyles.Group(title: text.builtUp, styles: [builtUpStyle(run, text)])]
    }

    static func builtUpStyle(_ run: ReportRun, _ text: ReportText) -> MapStyle {
        MapStyle(
            layer: "builtup-regions", title: text.builtUpMapTitle,
            renderer: .categories(field: "RANK", ReportMaps.rankColours.map { rank, colour in
                MapStyle.Category(value: rank?.description ?? "seeds only", symbol: MapStyle.Symbol(fill: colour, stroke: "#333333", strokeWidth: 0.2),
                                  label: text.builtUpLegend(rank))
            }))
    }
}

import Foundation
import ZoningAnalysis
import ZoningFeatures

/// 公共服务覆盖: coverage per township and facility type, with a map per type.
public enum CoverageReport: StepReport {
    public typealias Step = CoverageStep
    public static let position = 60

    /// The names of the `coverage` parameters in the report's parameter rows.
    public static let parameterNames: [String: (zh: String, en: String)] = [
        "coverage.include_0702": ("农村宅基地（0702）计为居住用地", "rural homesteads (0702) as residential land"),
        "coverage.radius_m": ("服务半径", "service radii"),
    ]

    public static func maps(_ output: Coverage.Result, _ run: ReportRun) -> [MapDrawing] {
        Set(output.regions.map(\.type)).sorted().map { type in { try ReportMaps.coverageMap(run, output, type) } }
    }

    public static func sections(_ output: Coverage.Result, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "coverage", title: HTMLReport.words(run).coverage, html: coverageTable(run, output) + maps.map(HTMLReport.figure).joined())]
    }

    static func coverageTable(_ result: ReportRun, _ coverage: Coverage.Result) -> String {
        let text = HTMLReport.words(result)
        let types = Set(coverage.regions.map(\.type)).sorted()
        let rowOf = Dictionary(coverage.regions.map { ("\($0.region)|\($0.type.rawValue)", $0) }, uniquingKeysWith: { first, _ in first })
        let headers = text.coverageHeaders(types.map { type in (type, coverage.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres) })
        let rows = result.townships.map { region -> [String] in
            [HTMLReport.escape("\(region.code) \(region.name)"), HTMLReport.escape(region.kind ?? "")] + types.map { type in
                guard let row = rowOf["\(region.code)|\(type.rawValue)"] else { return "–" }
                return "\(HTMLReport.percent(row.residentialCoverage)) <span class=\"meta\">(\(row.facilities))</span>"
            }
        }
        let people = result.townships.map { region -> [String] in
            [HTMLReport.escape("\(region.code) \(region.name)"), HTMLReport.escape(region.kind ?? "")] + types.map { type in
                guard let row = rowOf["\(region.code)|\(type.rawValue)"] else { return "–" }
                let p90 = row.p90Distance.map(text.metres) ?? "–"
                return "\(HTMLReport.percent(row.populationCoverage)) <span class=\"meta\">· \(HTMLReport.escape(p90))</span>"
            }
        }
        return "<p>\(HTMLReport.escape(text.residentialIntro))</p>\n"
            + HTMLReport.table(headers, rows, numeric: Array(2..<(2 + types.count)), escaped: false)
            + "<p>\(HTMLReport.escape(text.populationIntro(fromPoints: coverage.populationFromPoints)))</p>\n"
            + HTMLReport.table(headers, people, numeric: Array(2..<(2 + types.count)), escaped: false)
    }
}

extension CoverageReport {
    /// Per facility type, a group titled as the type's map: its gaps, its service area and the
    /// townships by its coverage.
    public static func styles(_ output: Coverage.Result, _ run: ReportRun) -> [LayerStyles.Group] {
        let text = ReportText(run.language)
        let types = Set(output.regions.map(\.type)).sorted()
        return [LayerStyles.Group(title: text.coverage, styles: [], subgroups: types.map { type in
            let radius = output.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres
            return LayerStyles.Group(title: text.coverageMapTitle(type, radius: radius), styles: [
                gapsStyle(type, text), serviceAreaStyle(type, radius: radius, text), regionsCoverageStyle(run, output, type, radius: radius, text),
            ])
        })]
    }

    /// The townships by the type's residential-land coverage, in the classes and colours of
    /// the report's map; the bounds rounded as the layer stores its shares (4 decimals), so a
    /// stored share falls in the class the report gives it.
    static func regionsCoverageStyle(_ run: ReportRun, _ coverage: Coverage.Result, _ type: FacilityType, radius: Double, _ text: ReportText) -> MapStyle {
        let classes = ReportMaps.coverageClasses(run, coverage, type)
        let stored = { (value: Double) in Field.rounded(value, decimals: 4) }
        return MapStyle(
            layer: "regions-coverage", title: text.coverageMapTitle(type, radius: radius),
            renderer: .ranges(field: type.columnCode + "_RES", classes.map { range in
                MapStyle.Range(lower: stored(range.lower), upper: stored(range.upper),
                               symbol: MapStyle.Symbol(fill: range.colour, stroke: "#222222", strokeWidth: 0.3), label: text.coveredLegend(range.lower, range.upper))
            }),
            label: MapStyle.Label(field: "NAME", maxScale: LayerStyles.townshipLabelScale, size: 10))
    }

    static func serviceAreaStyle(_ type: FacilityType, radius: Double, _ text: ReportText) -> MapStyle {
        MapStyle(
            layer: "service-areas", title: text.serviceLegend(type, radius: radius),
            renderer: .categories(field: "TYPE", [MapStyle.Category(
                value: type.rawValue, symbol: MapStyle.Symbol(fill: ReportMaps.serviceFill, stroke: ReportMaps.serviceStroke, strokeWidth: 0.2),
                label: text.serviceLegend(type, radius: radius))]),
            subset: .equals("TYPE", type.rawValue))
    }

    /// The residential parcels the type leaves uncovered: `gaps.shp` holds each uncovered
    /// parcel once, with the types that leave it uncovered in `TYPES` (`kindergarten,elderly`);
    /// no type's name contains another's, so `TYPES` containing the name selects its gaps.
    static func gapsStyle(_ type: FacilityType, _ text: ReportText) -> MapStyle {
        let title = text.uncoveredLayer(type)
        let uncovered = MapStyle.Condition.contains("TYPES", type.rawValue)
        return MapStyle(
            layer: "gaps", title: title,
            renderer: .rules([MapStyle.Rule(
                condition: uncovered, symbol: MapStyle.Symbol(fill: ReportMaps.gapColour, stroke: ReportMaps.gapColour, strokeWidth: 0.1),
                label: title)]),
            subset: uncovered)
    }
}

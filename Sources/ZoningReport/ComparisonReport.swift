import Foundation
import ZoningAnalysis
import ZoningGeometry

/// 与上次运行对比 (`compare_with:`): what differs between the runs, the units whose class or
/// identity changed with the reason, urbanization, the facilities opened and closed by name,
/// the life circles that moved, and maps of the class changes and of the
/// built-up area grown and lost. After the life circles (position 75).
public enum ComparisonReport: StepReport {
    public typealias Step = ComparisonStep
    public static let position = 75

    public static let parameterNames: [String: (zh: String, en: String)] = [
        "compare_with.path": ("对比的上次运行", "earlier run compared with"),
        "compare_with.link_share": ("代码变化单位的关联重叠比例", "overlap linking units whose codes changed"),
        "compare_with.same_share": ("视为同一图形的重叠比例", "overlap of the same polygon renumbered"),
    ]

    /// Class up (rural → urban), down, another change of class, a change of identity only.
    static let colours = (urban: "#b2182b", rural: "#2166ac", other: "#f4a582", identity: "#fee090", none: "#f0f0f0", grown: "#1a9850", lost: "#d73027")

    public static func maps(_ output: RunComparison, _ run: ReportRun) -> [MapDrawing] {
        [{ try classMap(output, run) }, { try builtUpMap(output, run) }]
    }

    static func classMap(_ output: RunComparison, _ run: ReportRun) throws -> ReportMap {
        let text = ReportText(run.language)
        let drawn = output.units.filter { $0.new != nil }
        func colour(_ change: RunComparison.UnitChange) -> String {
            guard let new = change.new, let old = change.principal else { return colours.none }
            if old.derivedClass != new.derivedClass {
                return old.derivedClass.isUrban == new.derivedClass.isUrban ? colours.other : new.derivedClass.isUrban ? colours.urban : colours.rural
            }
            return change.changed ? colours.identity : colours.none
        }
        let units = SVGMap.Layer(id: "villages", features: drawn.map { $0.new?.geometry }, fills: drawn.map(colour), strokeWidth: 0.3,
                                 titles: drawn.map { "\($0.new!.code) \($0.new!.name): \(text.comparisonReasons($0))" })
        let legend = [
            SVGMap.LegendEntry(colour: colours.urban, label: text.pick("变为城镇", "became urban")),
            SVGMap.LegendEntry(colour: colours.rural, label: text.pick("变为乡村", "became rural")),
            SVGMap.LegendEntry(colour: colours.other, label: text.pick("类别变化（城乡未变）", "other change of class")),
            SVGMap.LegendEntry(colour: colours.identity, label: text.pick("代码、名称或边界变化", "code, name or boundary changed")),
        ]
        return try ReportMaps.map("compare-classes.svg", text.comparisonClassMapTitle, [units, ReportMaps.outlines(run, labelled: true)], legend, text)
    }

    /// What `zoning compare` prints, in English: the comparability statement (different
    /// parameters, what only one run has), the units changed by kind of match (they add up to
    /// the count), and the facilities by kind of change.
    ///
    /// ```swift
    /// ComparisonReport.summaryLines(comparison).last  // "Facilities: 4 opened, 1 closed, 0 renamed, 0 moved"
    /// ```
    public static func summaryLines(_ output: RunComparison) -> [String] {
        let changed = output.units.filter(\.changed)
        var lines = ReportText(.en).comparabilityStatement(output.comparability)
        lines.append("\(changed.count) of \(output.units.count) units changed: "
            + UnitMatching.Kind.allCases.compactMap { kind in
                // A unit of the same code and name counts when its figures changed (its class, residents, …).
                let count = changed.filter { $0.kind == kind }.count
                return count == 0 ? nil : kind == .same ? "\(count) in place (same code and name)" : "\(count) \(kind.rawValue)"
            }.joined(separator: ", "))
        if let facilities = output.facilities {
            let counts = RunComparison.FacilityChange.Kind.allCases.map { kind in "\(facilities.filter { $0.kind == kind }.count) \(kind.rawValue)" }
            lines.append("Facilities: " + counts.joined(separator: ", "))
        }
        return lines
    }

    /// `zoning run`'s lines: "Comparison", then `summaryLines` indented.
    public static func summary(_ output: RunComparison, _ run: ReportRun) -> [String] {
        ["Comparison    with the earlier run (comparison.json)"] + summaryLines(output).map { "  " + $0 }
    }

    /// `builtup-change`: the parts grown and lost, in the colours and words of the map.
    public static func styles(_ output: RunComparison, _ run: ReportRun) -> [LayerStyles.Group] {
        let text = ReportText(run.language)
        let style = MapStyle(
            layer: "builtup-change", title: text.comparisonBuiltUpMapTitle,
            renderer: .categories(field: "CHANGE", [
                MapStyle.Category(value: "grown", symbol: MapStyle.Symbol(fill: colours.grown, stroke: colours.grown, strokeWidth: 0.2), label: text.pick("新增", "grown")),
                MapStyle.Category(value: "lost", symbol: MapStyle.Symbol(fill: colours.lost, stroke: colours.lost, strokeWidth: 0.2), label: text.pick("减少", "lost")),
            ]))
        return [LayerStyles.Group(title: text.comparisonBuiltUpMapTitle, styles: [style])]
    }

    static func builtUpMap(_ output: RunComparison, _ run: ReportRun) throws -> ReportMap {
        let text = ReportText(run.language)
        let current = SVGMap.Layer(id: "builtup", features: run.builtUp.regions.map(\.outline), fills: run.builtUp.regions.map { _ in "#d9d9d9" }, strokeWidth: 0.3)
        let grown = SVGMap.Layer(id: "grown", features: output.builtUp.grown, fills: output.builtUp.grown.map { _ in colours.grown }, strokeWidth: 0.2)
        let lost = SVGMap.Layer(id: "lost", features: output.builtUp.lost, fills: output.builtUp.lost.map { _ in colours.lost }, strokeWidth: 0.2)
        let legend = [
            SVGMap.LegendEntry(colour: colours.grown, label: text.pick("新增", "grown")),
            SVGMap.LegendEntry(colour: colours.lost, label: text.pick("减少", "lost")),
        ]
        return try ReportMaps.map("compare-builtup.svg", text.comparisonBuiltUpMapTitle, [current, grown, lost, ReportMaps.outlines(run, labelled: false)], legend, text)
    }

    public static func sections(_ output: RunComparison, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        let text = ReportText(run.language)
        let statement = text.comparabilityStatement(output.comparability).map { "<p>\(HTMLReport.escape($0))</p>" }.joined()
        let counts = UnitMatching.Kind.allCases.compactMap { kind -> [String]? in
            let count = output.units.filter { $0.kind == kind }.count
            return count == 0 ? nil : [text.matchKind(kind), String(count)]
        }
        let changed = output.units.filter(\.changed).map { change in
            [change.old.map(\.code).joined(separator: "; "), change.new?.code ?? "–", change.new?.name ?? change.old.first?.name ?? "",
             change.principal?.derivedClass.rawValue ?? "–", change.new?.derivedClass.rawValue ?? "–", text.matchKind(change.kind), text.comparisonReasons(change)]
        }
        var html = statement + HTMLReport.table(text.comparisonSummaryHeaders, counts, numeric: [1])
        if !changed.isEmpty { html += HTMLReport.table(text.comparisonHeaders, changed) }
        if let all = output.urbanization.first(where: { $0.level == "all" }) { html += "<p>\(HTMLReport.escape(text.comparisonUrbanizationLine(all)))</p>" }
        if let facilities = output.facilities, !facilities.isEmpty {
            let rows = facilities.map { change in
                [text.facilityChangeKind(change.kind), change.type, change.new?.name ?? change.old?.name ?? "",
                 change.kind == .renamed ? change.old?.name ?? "" : "", change.new?.township ?? change.old?.township ?? ""]
            }
            html += "<h3>\(HTMLReport.escape(text.comparisonFacilityTitle))</h3>" + HTMLReport.table(text.comparisonFacilityHeaders, rows)
        }
        if let circles = output.lifeCircles {
            let moved = circles.filter { ($0.populationShareChange ?? 0) != 0 || $0.old == nil || $0.new == nil }
            if !moved.isEmpty {
                let rows = moved.map { row in
                    [row.level == "county" ? text.pick("全县", "county") : row.region.isEmpty ? row.oldRegions.joined(separator: "; ") : "\(row.region) \(row.name)",
                     row.circle, row.type, row.old?.networkPopulationShare.map { ShareText.percent($0) } ?? "–",
                     row.new?.networkPopulationShare.map { ShareText.percent($0) } ?? "–", row.populationShareChange.map { String(format: "%+.1f", $0 * 100) } ?? "–"]
                }
                html += "<h3>\(HTMLReport.escape(text.comparisonLifeCircleTitle))</h3>" + HTMLReport.table(text.comparisonLifeCircleHeaders, rows, numeric: [3, 4, 5])
            }
        }
        html += "<p>\(HTMLReport.escape(text.comparisonBuiltUpLine(grown: output.builtUp.grownSquareMetres, lost: output.builtUp.lostSquareMetres)))</p>"
        html += maps.map(HTMLReport.figure).joined()
        return [ReportSection(id: "comparison", title: text.comparisonTitle, html: html)]
    }
}

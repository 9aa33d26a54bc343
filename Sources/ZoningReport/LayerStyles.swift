import Foundation
import ZoningAnalysis
import ZoningFeatures

/// The styles of the layers a run writes, made from the report's own tables — the class
/// colours (`UrbanRuralClass.colour`), the rank, coverage, gap, service-area and reach colours
/// of `ReportMaps`, the coverage classes of its maps (`ReportMaps.quantileClasses`) and the
/// legend words and map titles of `ReportText` — so that a layer opened in QGIS (or served)
/// looks as the report's map of it does.
///
/// | layer | renderer | label |
/// |---|---|---|
/// | `villages-classified` | categories of `CLASS` (111…220) | `XZQMC` up to 1:50 000 |
/// | `builtup-regions` | categories of `RANK` (the principal seat's rank) | – |
/// | `regions-coverage` | per facility type, ranges of `XX_RES` (the report's quantile classes) | `NAME` up to 1:250 000 |
/// | `service-areas` | per type, the type's area | – |
/// | `gaps` | per type, the uncovered residential parcels | – |
/// | `life-circle-areas` | per circle and type, the walking service area | – |
/// | `life-circle-homes` | per circle, rules: reaches every, some or none of its types | – |
///
/// Layers with one style per type or circle (`regions-coverage`, …) get the first as their
/// default (`NAME.qml`, `layer_styles`); `zoning.qgs` has them all, grouped as the report's sections.
///
/// ```swift
/// let styles = LayerStyles.make(run, typeCode: { CoverageOutputs.codes[$0] ?? "XX" })
/// styles.first?.layer  // "builtup-regions"
/// ```
public enum LayerStyles {
    /// One group of the project: a section of the report (its title) and its layers, in
    /// drawing order (the first on top).
    public struct Group: Sendable {
        public var title: String
        public var styles: [MapStyle]
        public var subgroups: [Group] = []

        public init(title: String, styles: [MapStyle], subgroups: [Group] = []) {
            self.title = title
            self.styles = styles
            self.subgroups = subgroups
        }

        /// Every style of the group and its subgroups.
        public var all: [MapStyle] { styles + subgroups.flatMap(\.all) }
    }

    /// Labels of village names: from 1:50 000 closer in; of township names: from 1:250 000.
    public static let villageLabelScale = 50_000.0
    public static let townshipLabelScale = 250_000.0

    /// The report's sections with the styled layers of `run`, in report order.
    /// - Parameter typeCode: the two letters of a facility type's columns (`KG` for `KG_RES`).
    public static func groups(_ run: ReportRun, typeCode: (FacilityType) -> String) -> [Group] {
        let text = ReportText(run.language)
        var groups: [Group] = []
        if run.results[BuiltUpStep.self] != nil { groups.append(Group(title: text.builtUp, styles: [builtUp(run, text)])) }
        if run.results[ClassificationStep.self] != nil { groups.append(Group(title: text.classes, styles: [classes(run, text)])) }
        if let coverage = run.coverage {
            let types = Set(coverage.regions.map(\.type)).sorted()
            groups.append(Group(title: text.coverage, styles: [], subgroups: types.map { type in
                let radius = coverage.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres
                return Group(title: text.coverageMapTitle(type, radius: radius), styles: [
                    gaps(type, text), serviceArea(type, radius: radius, text), regionsCoverage(run, coverage, type, radius: radius, code: typeCode(type), text),
                ])
            }))
        }
        if let circles = run.results[LifeCircleStep.self] {
            let present = Set(circles.serviceAreas.map { "\($0.circle)|\($0.type.rawValue)" })
            groups.append(Group(title: text.lifeCircles, styles: [], subgroups: run.lifeCircles.circles.map { circle in
                let areas = circle.types.filter { present.contains("\(circle.name)|\($0.rawValue)") }.map { lifeCircleArea(circle, $0, text) }
                return Group(title: text.circleMapTitle(circle), styles: [homes(circle, typeCode: typeCode, text)] + areas)
            }))
        }
        return groups + StepReports.styles(run)
    }

    /// The default style of each layer written, in the order of `groups`: a layer styled once
    /// keeps its style; the styles of one layer per type or circle that categorise the same
    /// field are merged into one with every category (titled by their section); otherwise the
    /// first is the default; the styles of one layer each drawing exactly its subset with one
    /// rule (the gaps per type) are merged into one with every rule. A default shows every
    /// feature (no subset).
    public static func defaults(_ groups: [Group]) -> [MapStyle] {
        var order: [String] = []
        var found: [String: (section: String, styles: [MapStyle])] = [:]
        for group in groups {
            for style in group.all {
                if found[style.layer] == nil { order.append(style.layer) }
                found[style.layer, default: (group.title, [])].styles.append(style)
            }
        }
        return order.map { layer in
            let (section, styles) = found[layer]!
            var style = styles[0]
            style.subset = nil
            if styles.count > 1, let rules = mergedRules(styles) {
                style.renderer = .rules(rules)
                style.title = section
                return style
            }
            guard styles.count > 1, case .categories(let field, _) = style.renderer else { return style }
            var categories: [MapStyle.Category] = []
            for other in styles {
                guard case .categories(field, let more) = other.renderer else { return style }
                for category in more where !categories.contains(where: { $0.value == category.value }) { categories.append(category) }
            }
            style.renderer = .categories(field: field, categories)
            style.title = section
            return style
        }
    }

    /// The rules of `styles` together, when each style draws exactly its subset with one rule;
    /// nil otherwise (e.g. the homes of each circle, whose rules overlap).
    static func mergedRules(_ styles: [MapStyle]) -> [MapStyle.Rule]? {
        var rules: [MapStyle.Rule] = []
        for style in styles {
            guard case .rules(let own) = style.renderer, own.count == 1, style.subset == own[0].condition else { return nil }
            rules.append(own[0])
        }
        return rules
    }

    static func classes(_ run: ReportRun, _ text: ReportText) -> MapStyle {
        MapStyle(
            layer: "villages-classified", title: text.classesMapTitle,
            renderer: .categories(field: "CLASS", UrbanRuralClass.allCases.map {
                MapStyle.Category(value: $0.rawValue, symbol: MapStyle.Symbol(fill: $0.colour, stroke: "#444444", strokeWidth: 0.1), label: ReportMaps.classLegend($0))
            }),
            label: MapStyle.Label(field: "XZQMC", maxScale: villageLabelScale, size: 8))
    }

    static func builtUp(_ run: ReportRun, _ text: ReportText) -> MapStyle {
        MapStyle(
            layer: "builtup-regions", title: text.builtUpMapTitle,
            renderer: .categories(field: "RANK", ReportMaps.rankColours.map { rank, colour in
                MapStyle.Category(value: rank?.description ?? "seeds only", symbol: MapStyle.Symbol(fill: colour, stroke: "#333333", strokeWidth: 0.2),
                                  label: text.builtUpLegend(rank))
            }))
    }

    /// The townships by the type's residential-land coverage, in the classes and colours of
    /// the report's map; the bounds rounded as the layer stores its shares (4 decimals), so a
    /// stored share falls in the class the report gives it.
    static func regionsCoverage(_ run: ReportRun, _ coverage: Coverage.Result, _ type: FacilityType, radius: Double, code: String, _ text: ReportText) -> MapStyle {
        let classes = ReportMaps.coverageClasses(run, coverage, type)
        let stored = { (value: Double) in Field.rounded(value, decimals: 4) }
        return MapStyle(
            layer: "regions-coverage", title: text.coverageMapTitle(type, radius: radius),
            renderer: .ranges(field: code + "_RES", classes.map { range in
                MapStyle.Range(lower: stored(range.lower), upper: stored(range.upper),
                               symbol: MapStyle.Symbol(fill: range.colour, stroke: "#222222", strokeWidth: 0.3), label: text.coveredLegend(range.lower, range.upper))
            }),
            label: MapStyle.Label(field: "NAME", maxScale: townshipLabelScale, size: 10))
    }

    static func serviceArea(_ type: FacilityType, radius: Double, _ text: ReportText) -> MapStyle {
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
    static func gaps(_ type: FacilityType, _ text: ReportText) -> MapStyle {
        let title = text.uncoveredLayer(type)
        let uncovered = MapStyle.Condition.contains("TYPES", type.rawValue)
        return MapStyle(
            layer: "gaps", title: title,
            renderer: .rules([MapStyle.Rule(
                condition: uncovered, symbol: MapStyle.Symbol(fill: ReportMaps.gapColour, stroke: ReportMaps.gapColour, strokeWidth: 0.1),
                label: title)]),
            subset: uncovered)
    }

    static func lifeCircleArea(_ circle: LifeCircle, _ type: FacilityType, _ text: ReportText) -> MapStyle {
        let label = text.walkAreaLayer(type)
        return MapStyle(
            layer: "life-circle-areas", title: label,
            renderer: .categories(field: "TYPE", [MapStyle.Category(
                value: type.rawValue, symbol: MapStyle.Symbol(fill: ReportMaps.walkAreaFill, stroke: "none", strokeWidth: 0), label: label)]),
            subset: .all([.equals("CIRCLE", circle.name), .equals("TYPE", type.rawValue)]))
    }

    /// Residential land by how many of the circle's types it reaches on foot within the
    /// circle's walk (`XX_WALK` at most `walk_m`; empty: not reached), as the report's map.
    static func homes(_ circle: LifeCircle, typeCode: (FacilityType) -> String, _ text: ReportText) -> MapStyle {
        let walks = circle.types.map { typeCode($0) + "_WALK" }
        let reached = walks.map { MapStyle.Condition.atMost($0, circle.walkMetres) }
        let missed = walks.map { MapStyle.Condition.any([.isNull($0), .above($0, circle.walkMetres)]) }
        var levels: [(level: Int, condition: MapStyle.Condition)] = [(2, .all(reached))]
        if circle.types.count > 1 { levels.append((1, .all([.any(reached), .any(missed)]))) }
        levels.append((0, .all(missed)))
        return MapStyle(
            layer: "life-circle-homes", title: text.circleMapTitle(circle),
            renderer: .rules(levels.map { level, condition in
                MapStyle.Rule(condition: condition, symbol: MapStyle.Symbol(fill: ReportMaps.reachColours[level], stroke: "#333333", strokeWidth: 0.05),
                              label: text.reachLegend(level))
            }))
    }
}

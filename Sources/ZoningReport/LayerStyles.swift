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
/// Each analysis's section maker declares the styles of its layers (`StepReport.styles`:
/// `ClassificationReport`, `BuiltUpReport`, `CoverageReport`, `LifeCircleReport`,
/// `ComparisonReport`) from these building blocks and its maps' tables.
///
/// Layers with one style per type or circle (`regions-coverage`, …) get the first as their
/// default (`NAME.qml`, `layer_styles`); `zoning.qgs` has them all, grouped as the report's sections.
///
/// ```swift
/// let styles = LayerStyles.defaults(LayerStyles.groups(run))
/// styles.first?.layer  // "villages-classified"
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

    /// The report's sections with the styled layers of `run`, in report order: each
    /// analysis's section maker declares its own (`StepReport.styles`).
    public static func groups(_ run: ReportRun) -> [Group] {
        StepReports.styles(run)
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
}

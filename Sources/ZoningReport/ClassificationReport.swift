import Foundation
import ZoningAnalysis

/// 城乡分类 and 城镇化率: the classes with their map, and urbanization per county and township.
public enum ClassificationReport: StepReport {
    public typealias Step = ClassificationStep
    public static let position = 20

    /// The names of the `classification` parameters in the report's parameter rows.
    public static let parameterNames: [String: (zh: String, en: String)] = [
        "classification.full_share": ("完全连接的建设用地占比", "fully connected from"),
        "classification.partial_share": ("部分连接的建设用地占比", "partly connected from"),
        "classification.partial_min_m2": ("部分连接的最小建设用地面积", "partly connected with at least"),
        "classification.special_population": ("特殊区域（123）常住人口下限", "special area residents for 123"),
        "classification.high_construction_share": ("列入核查的建设用地占比", "construction share listed for review"),
    ]

    public static func maps(_ output: ClassificationStep.Output, _ run: ReportRun) -> [MapDrawing] { [{ try ReportMaps.classes(run) }] }

    public static func sections(_ output: ClassificationStep.Output, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "classes", title: HTMLReport.words(run).classes, html: classTable(run) + maps.map(HTMLReport.figure).joined() + villageKey(run)),
         ReportSection(id: "urbanization", title: HTMLReport.words(run).urbanization, html: urbanization(run))]
    }

    static func classTable(_ result: ReportRun) -> String {
        let text = HTMLReport.words(result)
        let byClass = Dictionary(grouping: result.classes, by: \.derivedClass)
        let official = Dictionary(grouping: result.classes.compactMap(\.officialClass), by: { $0 }).mapValues(\.count)
        let rows = UrbanRuralClass.allCases.map { code -> [String] in
            let units = byClass[code] ?? []
            let swatch = "<span class=\"swatch\" style=\"background:\(code.colour)\"></span>"
            return [swatch + code.rawValue, HTMLReport.escape(code.name), "\(units.count)",
                    "\(units.reduce(0) { $0 + ($1.population ?? 0) })", "\(official[code] ?? 0)"]
        }
        return HTMLReport.table(text.classHeaders, rows, numeric: [2, 3, 4], escaped: false)
    }

    /// The class map's key: each village's number on the map, code, name and classes, in
    /// columns so that it prints on a page or two.
    static func villageKey(_ result: ReportRun) -> String {
        let text = HTMLReport.words(result)
        let rows = result.classes.enumerated().map { index, unit -> [String] in
            ["\(index + 1)", unit.code, unit.name, unit.derivedClass.rawValue, unit.officialClass?.rawValue ?? "–"]
        }
        return "<h3>\(HTMLReport.escape(text.villageKey))</h3>\n<div class=\"key\">\n" + HTMLReport.table(text.villageKeyHeaders, rows, numeric: [0]) + "</div>\n"
    }

    static func urbanization(_ result: ReportRun) -> String {
        let text = HTMLReport.words(result)
        var names = Dictionary(result.townships.map { ($0.code.prefix(9).description, $0.name) }, uniquingKeysWith: { first, _ in first })
        for county in result.urbanization(.county) where names[county.code] == nil { names[county.code] = result.name }
        func rows(_ level: Urbanization.Level) -> [[String]] {
            result.urbanization(level).map { f in
                [f.code, names[f.code] ?? "", "\(f.totalPopulation)", "\(f.urbanPopulation)", HTMLReport.percent(f.derivedRate), HTMLReport.percent(f.officialRate)]
            }
        }
        return "<h3>\(HTMLReport.escape(text.countyLevel))</h3>\n" + HTMLReport.table(text.urbanizationHeaders, rows(.county), numeric: [2, 3, 4, 5])
            + "<h3>\(HTMLReport.escape(text.townshipLevel))</h3>\n" + HTMLReport.table(text.urbanizationHeaders, rows(.township), numeric: [2, 3, 4, 5])
            + "<p class=\"meta\">\(HTMLReport.escape(text.urbanizationNote))</p>\n"
    }
}

/// 核查清单: the review lists.
public enum ReviewReport: StepReport {
    public typealias Step = ClassificationStep
    public static let position = 50

    public static func sections(_ output: ClassificationStep.Output, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "review", title: HTMLReport.words(run).review, html: review(run))]
    }

    static func review(_ result: ReportRun) -> String {
        let text = HTMLReport.words(result)
        var html = ""
        for list in ReviewLists.List.allCases {
            let entries = result.review.filter { $0.list == list }
            // Counted as the run summary and review.csv count: units, and entries (a unit may be
            // listed by its derived and by its official class).
            html += "<h3>\(HTMLReport.escape(text.list(list)))（\(HTMLReport.escape(text.unitsAndEntries(units: Set(entries.map(\.unit.code)).count, entries: entries.count)))）</h3>\n"
            guard !entries.isEmpty else {
                html += "<p class=\"meta\">\(HTMLReport.escape(text.none))</p>\n"
                continue
            }
            html += HTMLReport.table(text.reviewHeaders, entries.map { entry in
                [text.basis(entry.basis), entry.unit.code, entry.unit.name, entry.unit.derivedClass.rawValue, entry.unit.officialClass?.rawValue ?? "–",
                 HTMLReport.percent(entry.unit.share), text.evidence(entry)]
            }, numeric: [5])
        }
        return html
    }
}

extension ClassificationReport {
    /// `villages-classified` by class, in the class colours and words of the report's map.
    public static func styles(_ output: ClassificationStep.Output, _ run: ReportRun) -> [LayerStyles.Group] {
        let text = ReportText(run.language)
        return [LayerStyles.Group(title: text.classes, styles: [classesStyle(run, text)])]
    }

    static func classesStyle(_ run: ReportRun, _ text: ReportText) -> MapStyle {
        MapStyle(
            layer: "villages-classified", title: text.classesMapTitle,
            renderer: .categories(field: "CLASS", UrbanRuralClass.allCases.map {
                MapStyle.Category(value: $0.rawValue, symbol: MapStyle.Symbol(fill: $0.colour, stroke: "#444444", strokeWidth: 0.1), label: ReportMaps.classLegend($0))
            }),
            label: MapStyle.Label(field: "XZQMC", maxScale: LayerStyles.villageLabelScale, size: 8))
    }
}

import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningSupport

/// One map of the report: its file name under `maps/`, its title, the SVG, and how many
/// features each layer draws (what the browser check counts).
public struct ReportMap: Sendable {
    public var file: String
    public var title: String
    public var svg: String
    /// Features drawn per layer id, e.g. `["villages": 120, "townships": 9]`.
    public var counts: [String: Int]
    /// The section maker that asked for the map (`StepReports.owner`); it gets the map back.
    public var owner: String = ""
    /// "另见 maps/classes.svg": where the map is also written, in the report's language.
    public var also: String = ""
    /// The caption, in the report's language: the title, what the map draws, where it is also
    /// written ("… — 120个村级单位，9个乡镇（街道），9个政府驻地；另见 maps/classes.svg").
    public var caption: String = ""

    public init(file: String, title: String, svg: String, counts: [String: Int], also: String = "", caption: String = "") {
        self.file = file
        self.title = title
        self.svg = svg
        self.counts = counts
        self.also = also
        self.caption = caption
    }
}

/// The report's maps, drawn from a run's results:
///
/// - `classes.svg`: village-level units by derived urban–rural class, township outlines and names, seats;
/// - `builtup.svg`: built-up regions by the rank of their principal seat over the townships, seats;
/// - `coverage-TYPE.svg` per facility type: townships by residential-land coverage (five 20-point
///   classes), the residential parcels left uncovered (gaps) and the facilities;
/// - `life-circle-NAME.svg` per life circle: residential land by how many of the circle's types
///   it reaches on foot, the walking service areas, the roads and the facilities.
public enum ReportMaps {
    /// Built-up regions by their principal seat's rank (the classes they give: 11x, 12x, 210).
    public static let rankColours: [(rank: SeatRank?, colour: String)] = [(.city, "#b2182b"), (.town, "#e08214"), (.xiang, "#a6d96a"), (nil, "#bababa")]
    static func colour(_ rank: SeatRank?) -> String { rankColours.first { $0.rank == rank }?.colour ?? "#bababa" }
    /// Coverage classes: 0–20 %, 20–40 %, … 80–100 %, light to dark blue.
    public static let coverageRamp = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
    public static let gapColour = "#e31a1c"

    /// The maps in report order, each asked for by its section (`StepReport.maps`), drawn in
    /// parallel (Parallel.map).
    public static func draw(_ result: ReportRun) throws -> [ReportMap] {
        try StepReports.drawMaps(result)
    }

    static func outlines(_ result: ReportRun, labelled: Bool) -> SVGMap.Layer {
        SVGMap.Layer(
            id: "townships", features: result.townships.map(\.geometry), fills: result.townships.map { _ in "none" },
            stroke: "#222222", strokeWidth: 1.2, titles: result.townships.map { "\($0.code) \($0.name)" },
            labels: labelled ? result.townships.map(\.name) : [])
    }

    static func seats(_ result: ReportRun) -> SVGMap.Layer {
        SVGMap.Layer(
            id: "seats", features: result.seats.map(\.point), fills: result.seats.map { _ in "#000000" },
            titles: result.seats.map { "\($0.name) (\(ReportText(result.language).rank($0.rank)))" })
    }

    static func classes(_ result: ReportRun) throws -> ReportMap {
        let text = ReportText(result.language)
        let geometryOf = Dictionary(result.units.map { ($0.code, $0.geometry) }, uniquingKeysWith: { first, _ in first })
        let units = SVGMap.Layer(
            id: "villages", features: result.classes.map { geometryOf[$0.code] ?? nil },
            fills: result.classes.map(\.derivedClass.colour), strokeWidth: 0.3,
            titles: result.classes.map { "\($0.code) \($0.name): \($0.derivedClass) \($0.derivedClass.name)" },
            labels: result.classes.indices.map { "\($0 + 1)" }, labelSize: 8)
        let present = Set(result.classes.map(\.derivedClass))
        let legend = UrbanRuralClass.allCases.filter(present.contains).map {
            SVGMap.LegendEntry(colour: $0.colour, label: classLegend($0))
        } + [SVGMap.LegendEntry(colour: "circle:#000000", label: text.seatLegend)]
        let layers = [units, outlines(result, labelled: true), seats(result)]
        return try map("classes.svg", text.classesMapTitle, layers, legend, text)
    }

    static func builtUp(_ result: ReportRun) throws -> ReportMap {
        let text = ReportText(result.language)
        let base = SVGMap.Layer(
            id: "townships", features: result.townships.map(\.geometry), fills: result.townships.map { _ in "#f4f1ea" },
            stroke: "#888888", strokeWidth: 0.8, titles: result.townships.map { "\($0.code) \($0.name)" }, labels: result.townships.map(\.name))
        let regions = result.builtUp.regions
        let outlines = SVGMap.Layer(
            id: "builtup", features: regions.map(\.outline), fills: regions.map { colour($0.rank) },
            stroke: "#333333", strokeWidth: 0.6,
            titles: regions.map { region in
                let seat = region.principalSeat.map { "\($0.name) (\(text.rank($0.rank)))" } ?? text.seedsOnly
                return text.regionTitle(region.id, seat: seat, km2: (region.outlineSquareMetres ?? region.footprintSquareMetres) / 1e6)
            })
        let legend = rankColours.filter { entry in regions.contains { $0.rank == entry.rank } }.map {
            SVGMap.LegendEntry(colour: $0.colour, label: text.builtUpLegend($0.rank))
        } + [SVGMap.LegendEntry(colour: "circle:#000000", label: text.seatLegend)]
        return try map("builtup.svg", text.builtUpMapTitle, [base, outlines, seats(result)], legend, text)
    }

    /// A coverage map: townships by residential-land coverage in classes chosen from the data
    /// (quantiles of the townships' shares, at most five, the legend giving their real
    /// ranges), the service area translucent, the uncovered residential land dissolved per
    /// village, and the facilities.
    static func coverageMap(_ result: ReportRun, _ coverage: Coverage.Result, _ type: FacilityType) throws -> ReportMap {
        let text = ReportText(result.language)
        let shareOf = Dictionary(coverage.regions.filter { $0.type == type }.map { ($0.region, $0.residentialCoverage) }, uniquingKeysWith: { first, _ in first })
        let classes = coverageClasses(result, coverage, type)
        func colour(_ share: Double?) -> String {
            guard let share, let index = classes.firstIndex(where: { share <= $0.upper }) else { return noCoverageColour }
            return classes[index].colour
        }
        let townships = SVGMap.Layer(
            id: "townships", features: result.townships.map(\.geometry), fills: result.townships.map { colour(shareOf[$0.code] ?? nil) },
            stroke: "#222222", strokeWidth: 1,
            titles: result.townships.map { region in
                "\(region.code) \(region.name): " + ((shareOf[region.code] ?? nil).map { ShareText.percent($0) } ?? text.noResidentialLand)
            },
            labels: result.townships.map(\.name))
        let service = SVGMap.Layer(
            id: "service", features: [coverage.serviceAreas[type]], fills: [serviceFill], stroke: serviceStroke, strokeWidth: 0.6,
            titles: [text.facilityLegend(type, radius: coverage.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres)])
        let villages = try uncoveredByVillage(result, coverage, type)
        let gapLayer = SVGMap.Layer(
            id: "gaps", outlines: villages.map(\.land), fills: villages.map { _ in gapColour }, stroke: gapColour, strokeWidth: 0.3,
            titles: villages.map { text.uncoveredTitle(code: $0.code, name: $0.name, parcels: $0.parcels, residents: $0.residents) })
        let facilities = result.facilities.filter { $0.type == type }
        let points = SVGMap.Layer(
            id: "facilities", features: facilities.map(\.point), fills: facilities.map { _ in "#000000" }, titles: facilities.map(\.name))
        let radius = coverage.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres
        let legend = classes.map { range in
            SVGMap.LegendEntry(colour: range.colour, label: text.coveredLegend(range.lower, range.upper))
        } + [SVGMap.LegendEntry(colour: serviceFill, label: text.serviceLegend(type, radius: radius)),
             SVGMap.LegendEntry(colour: gapColour, label: text.uncoveredLegend),
             SVGMap.LegendEntry(colour: "circle:#000000", label: text.facilityLegend(type, radius: radius))]
        return try map("coverage-\(type.rawValue).svg", text.coverageMapTitle(type, radius: radius), [townships, service, gapLayer, points], legend, text)
    }

    public static let serviceFill = "#3182bd40"
    public static let serviceStroke = "#3182bd"
    /// A township without residential land (no share) on a coverage map.
    public static let noCoverageColour = "#dddddd"

    /// A class's legend entry on the classes map and in the layers' styles: "111 主城区".
    public static func classLegend(_ urbanRuralClass: UrbanRuralClass) -> String { "\(urbanRuralClass) \(urbanRuralClass.name)" }

    /// The coverage classes of a type's map: the quantile classes of the townships' shares
    /// (`quantileClasses`), each with its colour, the darkest ends of `coverageRamp`.
    public static func coverageClasses(_ result: ReportRun, _ coverage: Coverage.Result, _ type: FacilityType) -> [(lower: Double, upper: Double, colour: String)] {
        let shareOf = Dictionary(coverage.regions.filter { $0.type == type }.map { ($0.region, $0.residentialCoverage) }, uniquingKeysWith: { first, _ in first })
        let classes = quantileClasses(result.townships.compactMap { shareOf[$0.code] ?? nil })
        return classes.enumerated().map { index, range in (range.lower, range.upper, coverageRamp[index + (coverageRamp.count - classes.count)]) }
    }

    /// At most five classes of the values, by quantile: each `lower…upper` (0–1), the last
    /// closing at the largest value. Fewer classes when there are fewer distinct values.
    static func quantileClasses(_ values: [Double]) -> [(lower: Double, upper: Double)] {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return [] }
        let count = min(5, Set(sorted).count)
        guard count > 1 else { return [(first, last)] }
        var uppers: [Double] = []
        for k in 1...count {
            let upper = k == count ? last : sorted[min(sorted.count - 1, Int((Double(k) / Double(count) * Double(sorted.count)).rounded(.up)) - 1)]
            if uppers.last.map({ upper > $0 }) ?? true { uppers.append(upper) }
        }
        return uppers.enumerated().map { index, upper in (index == 0 ? first : uppers[index - 1], upper) }
    }

    /// The residential land a type leaves uncovered, one dissolved outline per village.
    static func uncoveredByVillage(_ result: ReportRun, _ coverage: Coverage.Result, _ type: FacilityType) throws
        -> [(code: String, name: String, land: MapOutline, parcels: Int, residents: Double)] {
        let names = Dictionary(result.units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let byVillage = Dictionary(grouping: coverage.gaps.filter { $0.type == type }, by: { result.parcels[$0.parcel].unitCode })
        return try byVillage.keys.sorted().map { code in
            let gaps = byVillage[code] ?? []
            let land = try MapOutline(gaps.map { result.parcels[$0.parcel].geometry })
            return (code, names[code] ?? "", land, gaps.count, gaps.reduce(0) { $0 + $1.population })
        }
    }

    static func map(_ file: String, _ title: String, _ layers: [SVGMap.Layer], _ legend: [SVGMap.LegendEntry], _ text: ReportText) throws -> ReportMap {
        let counts = Dictionary(layers.map { ($0.id, $0.drawnCount) }, uniquingKeysWith: { first, _ in first })
        let svg = try SVGMap.render(layers: layers, legend: legend, title: title, metres: true)
        let drawn = layers.filter { $0.drawnCount > 0 }.map { text.drawn($0.id, $0.drawnCount) }.joined(separator: text.listSeparator)
        return ReportMap(file: file, title: title, svg: svg, counts: counts, also: text.also(file), caption: text.caption(title, drawn: drawn, also: text.also(file)))
    }
}

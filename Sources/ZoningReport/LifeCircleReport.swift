import ZoningAnalysis
import ZoningGeometry

/// 生活圈: walking coverage per circle and type for the county, its urban and rural units and
/// each township, with a map per circle.
public enum LifeCircleReport: StepReport {
    public typealias Step = LifeCircleStep
    public static let position = 70

    /// The names of the `life_circles` parameters in the report's parameter rows.
    public static let parameterNames: [String: (zh: String, en: String)] = [
        "life_circles.snap_m": ("接入道路的最大距离", "farthest from a road"),
        "life_circles.oneway": ("单行道按其方向步行", "one-way roads walked one way"),
        "life_circles.exclude_classes": ("不步行的道路等级", "road classes not walked"),
        "life_circles.circles": ("生活圈", "life circles"),
    ]

    public static func maps(_ output: LifeCircles.Result, _ run: ReportRun) -> [MapDrawing] {
        run.lifeCircles.circles.map { circle in { try ReportMaps.lifeCircleMap(run, output, circle) } }
    }

    public static func sections(_ output: LifeCircles.Result, _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        let text = HTMLReport.words(run)
        let circles = run.lifeCircles.circles
        let columns = circles.flatMap { circle in circle.types.map { (circle, Optional($0)) } + (circle.types.count > 1 ? [(circle, nil)] : []) }
        let headers = [text.lifeCircleRegion, text.pick("类型", "kind")] + columns.map { circle, type in
            "\(text.circleName(circle)) \(type.map(text.facility) ?? text.allTypes)"
        }
        let rowOf = Dictionary(output.rows.map { ("\($0.level.rawValue)|\($0.code)|\($0.circle)|\($0.type?.rawValue ?? "all")", $0) }, uniquingKeysWith: { a, _ in a })
        func cells(_ level: LifeCircles.Level, _ code: String) -> [String] {
            columns.map { circle, type in
                guard let row = rowOf["\(level.rawValue)|\(code)|\(circle.name)|\(type?.rawValue ?? "all")"] else { return "–" }
                return "\(HTMLReport.percent(row.networkPopulationShare)) <span class=\"meta\">(\(HTMLReport.percent(row.linePopulationShare)))</span>"
            }
        }
        var rows: [[String]] = []
        if let county = output.rows.first(where: { $0.level == .county }) {
            rows.append([HTMLReport.escape("\(county.code) \(run.name)"), text.pick("县", "county")] + cells(.county, county.code))
        }
        if output.rows.contains(where: { $0.level == .urban }) {
            rows.append([HTMLReport.escape(text.urbanRow), ""] + cells(.urban, "urban"))
            rows.append([HTMLReport.escape(text.ruralRow), ""] + cells(.rural, "rural"))
        }
        for region in run.townships {
            rows.append([HTMLReport.escape("\(region.code) \(region.name)"), HTMLReport.escape(region.kind ?? "")] + cells(.township, region.code))
        }
        let intro = text.lifeCircleIntro(
            kilometres: output.network.metres / 1000, parts: output.network.componentMetres.count,
            offFacilities: output.offNetworkFacilities.count, snap: output.snapLimitMetres)
        let figures = maps.map(HTMLReport.figure).joined()
        return [ReportSection(
            id: "life-circles", title: text.lifeCircles,
            html: "<p>\(HTMLReport.escape(intro))</p>\n" + HTMLReport.table(headers, rows, numeric: Array(2..<(2 + columns.count)), escaped: false)
                + "<p>\(HTMLReport.escape(text.lifeCircleMapIntro))</p>\n" + figures)]
    }
}

extension ReportMaps {
    public static let roadColour = "#b0b0b0"
    /// Residential land reaching none, some, all of a circle's types (by level 0, 1, 2).
    public static let reachColours = ["#d7301f", "#fdae61", "#1a9850"]
    public static let walkAreaFill = "#1a98504d"

    /// A life circle's map: townships, the walking service areas of its types, residential land
    /// by how many of its types it reaches (dissolved per village), walkable roads, facilities.
    static func lifeCircleMap(_ result: ReportRun, _ circles: LifeCircles.Result, _ circle: LifeCircle) throws -> ReportMap {
        let text = ReportText(result.language)
        // Drawn to the map's resolution: service areas simplified to half a pixel of a 700-pixel
        // frame, roads to a pixel (the written layers keep every vertex).
        let extent = result.townships.compactMap(\.geometry.bounds).reduce(nil as Bounds?) { total, next in total.map { $0.union(next) } ?? next }
        let tolerance = extent.map { max($0.width, $0.height) / 700 / 2 } ?? 0
        let base = SVGMap.Layer(
            id: "townships", features: result.townships.map(\.geometry), fills: result.townships.map { _ in "#f7f7f2" },
            stroke: "#555555", strokeWidth: 1, titles: result.townships.map { "\($0.code) \($0.name)" }, labels: result.townships.map(\.name))
        let areas = circles.serviceAreas.filter { $0.circle == circle.name }
        let service = SVGMap.Layer(
            id: "service", features: try areas.map { try $0.area.simplifiedPreservingTopology(tolerance: tolerance) }, fills: areas.map { _ in walkAreaFill }, stroke: "none", strokeWidth: 0,
            titles: areas.map { "\(text.facility($0.type)) \(text.walkAreaLegend)" })
        // Residential land by level of reach (0 none, 1 some, 2 all), one shape per village and level.
        let reached = circles.typesReached[circle.name] ?? []
        var groups: [String: [Int]] = [:]
        for (k, parcel) in circles.homeParcels.enumerated() {
            let level = reached[k] == 0 ? 0 : reached[k] >= circle.types.count ? 2 : 1
            groups["\(result.parcels[parcel].unitCode)|\(level)", default: []].append(parcel)
        }
        let names = Dictionary(result.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let keys = groups.keys.sorted()
        let shapes = try keys.map { try MapOutline(groups[$0]!.map { result.parcels[$0].geometry }) }
        let levels = keys.map { Int($0.split(separator: "|")[1])! }
        let reach = SVGMap.Layer(
            id: "reach", outlines: shapes, fills: levels.map { reachColours[$0] }, stroke: "#333333", strokeWidth: 0.2,
            titles: zip(keys, levels).map { key, level in
                let code = String(key.split(separator: "|")[0])
                return text.reachTitle(code: code, name: names[code] ?? "", level: level, parcels: groups[key]!.count)
            })
        let roadLines = result.inputs.roads.map(\.geometry)
        let roads = SVGMap.Layer(
            id: "roads", features: roadLines.isEmpty ? [] : [try Geometry.collection(.geometryCollection, roadLines).simplified(tolerance: 2 * tolerance)],
            fills: [roadColour], stroke: roadColour, strokeWidth: 0.4, titles: [text.roadsLegend])
        let facilities = result.facilities.filter { circle.types.contains($0.type) }
        let points = SVGMap.Layer(
            id: "facilities", features: facilities.map(\.point), fills: facilities.map { _ in "#000000" },
            titles: facilities.map { "\($0.name) (\(text.facility($0.type)))" })
        let legend = [2, 1, 0].filter(levels.contains).map { SVGMap.LegendEntry(colour: reachColours[$0], label: text.reachLegend($0)) }
            + [SVGMap.LegendEntry(colour: walkAreaFill, label: text.walkAreaLegend), SVGMap.LegendEntry(colour: roadColour, label: text.roadsLegend),
               SVGMap.LegendEntry(colour: "circle:#000000", label: text.facilitiesLegend)]
        return try map("life-circle-\(circle.name).svg", text.circleMapTitle(circle), [base, service, reach, roads, points], legend, text)
    }
}

extension LifeCircleReport {
    /// Per circle, a group titled as the circle's map: its homes by reach and each type's
    /// walking service area.
    public static func styles(_ output: LifeCircles.Result, _ run: ReportRun) -> [LayerStyles.Group] {
        let text = ReportText(run.language)
        let present = Set(output.serviceAreas.map { "\($0.circle)|\($0.type.rawValue)" })
        return [LayerStyles.Group(title: text.lifeCircles, styles: [], subgroups: run.lifeCircles.circles.map { circle in
            let areas = circle.types.filter { present.contains("\(circle.name)|\($0.rawValue)") }.map { lifeCircleAreaStyle(circle, $0, text) }
            return LayerStyles.Group(title: text.circleMapTitle(circle), styles: [homesStyle(circle, text)] + areas)
        })]
    }

    static func lifeCircleAreaStyle(_ circle: LifeCircle, _ type: FacilityType, _ text: ReportText) -> MapStyle {
        let label = text.walkAreaLayer(type)
        return MapStyle(
            layer: "life-circle-areas", title: label,
            renderer: .categories(field: "TYPE", [MapStyle.Category(
                value: type.rawValue, symbol: MapStyle.Symbol(fill: ReportMaps.walkAreaFill, stroke: "none", strokeWidth: 0), label: label)]),
            subset: .all([.equals("CIRCLE", circle.name), .equals("TYPE", type.rawValue)]))
    }

    /// Residential land by how many of the circle's types it reaches on foot within the
    /// circle's walk (`XX_WALK` at most `walk_m`; empty: not reached), as the report's map.
    static func homesStyle(_ circle: LifeCircle, _ text: ReportText) -> MapStyle {
        let walks = circle.types.map { $0.columnCode + "_WALK" }
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

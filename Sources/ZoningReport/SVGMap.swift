import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningSupport

/// A map drawn as SVG: features filled by a field's values, with a title, legend, scale bar
/// and north arrow. Self-contained (no external fonts or tiles); Chinese text renders with the
/// system's CJK fonts.
///
/// - Values in the urban–rural classes (111…220) get fixed colours: urban reds, town oranges,
///   rural greens, as maps of the classification usually show them.
/// - Other text values get a categorical palette (up to 12, then grey), numbers five
///   equal-count classes on a sequential ramp.
///
/// ```swift
/// let svg = try SVGMap.render(features: villages, values: classes, title: "城乡分类", metres: true)
/// ```
public enum SVGMap {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"]
    static let ramp = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]

    /// One entry of the legend.
    public struct LegendEntry: Sendable, Equatable {
        public var colour: String
        public var label: String

        public init(colour: String, label: String) {
            self.colour = colour
            self.label = label
        }
    }

    /// One layer of a map, drawn in order (first at the bottom). Every feature is one SVG
    /// element in a group `<g class="layer" data-layer="ID" data-features="N">`, so a reader (or
    /// a test in a browser) can count what was drawn.
    public struct Layer: Sendable {
        public var id: String
        public var features: [Geometry?]
        /// Dissolved polygons drawn as their outlines (`MapOutline`), after `features`; their
        /// fills and titles follow the features'.
        public var outlines: [MapOutline] = []
        /// The fill of each feature (`none` for outlines only); points use it too.
        public var fills: [String]
        public var stroke = "#444444"
        public var strokeWidth = 0.4
        /// A tooltip per feature (shown on hover in a browser), or empty.
        public var titles: [String] = []
        /// A text drawn at each feature's point on surface, or empty.
        public var labels: [String] = []
        /// The labels' font size in pixels.
        public var labelSize = 12.0

        /// The features drawn: those with a non-empty geometry, and the non-empty outlines.
        public var drawnCount: Int { features.compactMap { $0 }.filter { !$0.isEmpty }.count + outlines.filter { !$0.isEmpty }.count }

        public init(id: String, features: [Geometry?], fills: [String], stroke: String = "#444444", strokeWidth: Double = 0.4,
                    titles: [String] = [], labels: [String] = [], labelSize: Double = 12) {
            self.id = id
            self.features = features
            self.fills = fills
            self.stroke = stroke
            self.strokeWidth = strokeWidth
            self.titles = titles
            self.labels = labels
            self.labelSize = labelSize
        }

        /// A layer of dissolved polygons, one `MapOutline` per feature, with a fill, stroke and
        /// title each (no labels).
        public init(id: String, outlines: [MapOutline], fills: [String], stroke: String = "#444444", strokeWidth: Double = 0.4, titles: [String] = []) {
            self.init(id: id, features: [], fills: fills, stroke: stroke, strokeWidth: strokeWidth, titles: titles)
            self.outlines = outlines
        }
    }

    /// A map of one layer coloured by `values`.
    /// - Parameters:
    ///   - values: one per feature (null draws grey).
    ///   - metres: the coordinates are metres (projected), so a scale bar can be drawn.
    ///   - aspect: how long a unit of x is on the ground against a unit of y: 1 for projected
    ///     coordinates, cos(latitude) for longitude and latitude in degrees (`aspect(ofDegreesAround:)`).
    /// - Returns: the SVG document.
    public static func render(features: [Geometry?], values: [AttributeValue], title: String, metres: Bool, aspect: Double = 1, width: Double = 900, height: Double = 700) throws -> String {
        let (colourOf, legend) = colours(values)
        let fills = features.indices.map { $0 < values.count ? colourOf(values[$0]) : "#cccccc" }
        return try render(layers: [Layer(id: "features", features: features, fills: fills)], legend: legend, title: title, metres: metres, aspect: aspect, width: width, height: height)
    }

    /// The aspect of longitude and latitude degrees at the middle latitude of `bounds`: a degree
    /// of longitude is cos(latitude) of a degree of latitude on the ground (0.81 at 36°N).
    public static func aspect(ofDegreesAround bounds: Bounds) -> Double {
        let latitude = (bounds.minY + bounds.maxY) / 2
        return max(0.05, cos(latitude * .pi / 180))
    }

    /// A map of several layers with one legend.
    /// - Parameters:
    ///   - legend: the entries in display order; an entry whose colour starts with `circle:`
    ///     is drawn as a point symbol (`circle:#000000`).
    ///   - metres: the coordinates are metres (projected), so a scale bar can be drawn.
    public static func render(layers: [Layer], legend: [LegendEntry], title: String, metres: Bool, aspect: Double = 1, width: Double = 900, height: Double = 700) throws -> String {
        let extent = (layers.flatMap(\.features).compactMap { $0?.bounds } + layers.flatMap(\.outlines).compactMap(\.bounds))
            .reduce(nil as Bounds?) { total, next in total.map { $0.union(next) } ?? next }
        let margin = 20.0, top = 50.0, legendWidth = 170.0
        let frame = (width: width - legendWidth - 2 * margin, height: height - top - margin - 40)
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(fmt(width))" height="\##(fmt(height))" viewBox="0 0 \##(fmt(width)) \##(fmt(height))" font-family="Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif">"## + "\n"
        svg += ##"<rect width="100%" height="100%" fill="#ffffff"/>"## + "\n"
        svg += ##"<text x="\##(fmt(margin))" y="32" font-size="20" font-weight="bold">\##(escape(title))</text>"## + "\n"
        guard let extent, extent.width > 0 || extent.height > 0 else { return svg + "</svg>\n" }
        let scale = min(frame.width / max(extent.width * aspect, 1e-9), frame.height / max(extent.height, 1e-9))
        func x(_ value: Double) -> Double { margin + (value - extent.minX) * scale * aspect }
        func y(_ value: Double) -> Double { top + frame.height - (value - extent.minY) * scale }
        var labels = ""
        for layer in layers {
            var layerLabels = ""
            svg += ##"<g class="layer" data-layer="\##(escape(layer.id))" data-features="\##(layer.drawnCount)" stroke="\##(layer.stroke)" stroke-width="\##(layer.strokeWidth)">"## + "\n"
            for (index, geometry) in layer.features.enumerated() {
                guard let geometry, !geometry.isEmpty else { continue }
                let colour = index < layer.fills.count ? layer.fills[index] : "#cccccc"
                let title = index < layer.titles.count ? layer.titles[index] : ""
                svg += try element(geometry, colour, x, y, title: title, lineWidth: layer.strokeWidth) + "\n"
                if index < layer.labels.count, !layer.labels[index].isEmpty, let anchor = try? geometry.pointOnSurface().coordinates.first {
                    layerLabels += ##"<text x="\##(fmt(x(anchor.x)))" y="\##(fmt(y(anchor.y)))" text-anchor="middle">\##(escape(layer.labels[index]))</text>"## + "\n"
                }
            }
            for (index, outline) in layer.outlines.enumerated() where !outline.isEmpty {
                let colour = index < layer.fills.count ? layer.fills[index] : "#cccccc"
                let title = index < layer.titles.count ? layer.titles[index] : ""
                svg += element(outline, colour, x, y, title: title) + "\n"
            }
            svg += "</g>\n"
            if !layerLabels.isEmpty {
                labels += ##"<g font-size="\##(fmt(layer.labelSize))">"## + "\n" + layerLabels + "</g>\n"
            }
        }
        if !labels.isEmpty {
            svg += ##"<g id="labels" fill="#111111" stroke="#ffffff" stroke-width="3" paint-order="stroke">"## + "\n" + labels + "</g>\n"
        }
        // Legend.
        svg += ##"<g id="legend" font-size="13">"## + "\n"
        for (row, entry) in legend.enumerated() {
            let lx = width - legendWidth, ly = top + 10 + Double(row) * 22
            if entry.colour.hasPrefix("circle:") {
                svg += ##"<circle cx="\##(fmt(lx + 8))" cy="\##(fmt(ly + 7))" r="3.5" fill="\##(entry.colour.dropFirst(7))" stroke="#222222" stroke-width="0.6"/>"##
            } else {
                svg += ##"<rect x="\##(fmt(lx))" y="\##(fmt(ly))" width="16" height="14" fill="\##(entry.colour)" stroke="#444444" stroke-width="0.5"/>"##
            }
            svg += ##"<text x="\##(fmt(lx + 24))" y="\##(fmt(ly + 12))">\##(escape(entry.label))</text>"## + "\n"
        }
        svg += "</g>\n"
        // North arrow.
        let nx = width - legendWidth + 20, ny = height - 110
        svg += ##"<g id="north-arrow"><path d="M \##(fmt(nx)) \##(fmt(ny)) l 10 30 l -10 -8 l -10 8 z" fill="#222222"/><text x="\##(fmt(nx))" y="\##(fmt(ny - 6))" font-size="14" text-anchor="middle">北 N</text></g>"## + "\n"
        // Scale bar: a round length near a fifth of the frame.
        if metres {
            let target = frame.width / 5 / scale
            let power = pow(10, floor(log10(target)))
            let length = [1.0, 2, 5, 10].map { $0 * power }.last { $0 <= target } ?? power
            let bx = margin, by = height - 25
            let label = length >= 1000 ? "\(fmt(length / 1000)) km" : "\(fmt(length)) m"
            svg += ##"<g id="scale-bar"><rect x="\##(fmt(bx))" y="\##(fmt(by))" width="\##(fmt(length * scale))" height="6" fill="#222222"/><text x="\##(fmt(bx + length * scale + 8))" y="\##(fmt(by + 7))" font-size="12">\##(label)</text></g>"## + "\n"
        }
        return svg + "</svg>\n"
    }

    /// Colours for the values, and the legend in display order.
    static func colours(_ values: [AttributeValue]) -> ((AttributeValue) -> String, [LegendEntry]) {
        let grey = "#cccccc"
        let present = values.filter { !$0.isNull }
        let classes = present.compactMap { UrbanRuralClass(rawValue: $0.description) }
        if !present.isEmpty, classes.count == present.count {
            let shown = UrbanRuralClass.allCases.filter(Set(classes).contains)
            return ({ UrbanRuralClass(rawValue: $0.description)?.colour ?? grey }, shown.map { LegendEntry(colour: $0.colour, label: $0.rawValue) })
        }
        let numbers = present.compactMap(\.doubleValue)
        if !present.isEmpty, numbers.count == present.count, Set(numbers).count > 5 {
            let sorted = numbers.sorted()
            let breaks = (1..<5).map { sorted[min(sorted.count - 1, $0 * sorted.count / 5)] }
            func klass(_ v: Double) -> Int { breaks.firstIndex { v < $0 } ?? 4 }
            let bounds = [sorted.first!] + breaks + [sorted.last!]
            let legend = (0..<5).map { LegendEntry(colour: ramp[$0], label: "\(short(bounds[$0])) – \(short(bounds[$0 + 1]))") }
            return ({ $0.doubleValue.map { ramp[klass($0)] } ?? grey }, legend)
        }
        let categories = Array(Set(present.map(\.description))).sorted()
        let colourOf = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0 < palette.count ? palette[$0] : grey) })
        let legend = categories.prefix(palette.count).map { LegendEntry(colour: colourOf[$0]!, label: $0) }
            + (categories.count > palette.count ? [LegendEntry(colour: grey, label: "other (\(categories.count - palette.count))")] : [])
        return ({ colourOf[$0.description] ?? grey }, legend)
    }

    /// One SVG element for one feature (a `<g>` around the parts of a multi-point or multi-line).
    /// Lines are drawn `lineWidth` pixels wide in the fill colour.
    static func element(_ geometry: Geometry, _ colour: String, _ x: (Double) -> Double, _ y: (Double) -> Double, title: String = "", lineWidth: Double = 1.5) throws -> String {
        let tooltip = title.isEmpty ? "" : "<title>\(escape(title))</title>"
        func single(_ tag: String, _ attributes: String) -> String {
            tooltip.isEmpty ? "<\(tag) \(attributes)/>" : "<\(tag) \(attributes)>\(tooltip)</\(tag)>"
        }
        func group(_ parts: [String]) -> String {
            parts.count == 1 && tooltip.isEmpty ? parts[0] : "<g>\(tooltip)\(parts.joined())</g>"
        }
        switch geometry.type {
        case .polygon, .multiPolygon:
            var d = ""
            for ring in try geometry.polygonRings {
                d += "M" + points(generalised(ring.coordinates, x, y), x, y).joined(separator: " L") + " Z "
            }
            return single("path", ##"d="\##(d)" fill="\##(colour)" fill-rule="evenodd""##)
        case .lineString, .multiLineString, .linearRing:
            // One path for all the parts: a network of thousands of lines stays one element.
            let d = try geometry.parts.map { line in "M" + (try points(generalised(line.coordinates, x, y), x, y).joined(separator: " L")) }.joined(separator: " ")
            return single("path", ##"d="\##(d)" fill="none" stroke="\##(colour)" stroke-width="\##(fmt(lineWidth))""##)
        case .point, .multiPoint:
            let circles = try geometry.parts.map { point in
                let c = try point.coordinates[0]
                return ##"<circle cx="\##(fmt(x(c.x)))" cy="\##(fmt(y(c.y)))" r="3.5" fill="\##(colour)" stroke="#222222" stroke-width="0.6"/>"##
            }
            if circles.count == 1 && !tooltip.isEmpty { return String(circles[0].dropLast(2)) + ">\(tooltip)</circle>" }
            return group(circles)
        case .geometryCollection:
            return group(try geometry.parts.map { try element($0, colour, x, y, lineWidth: lineWidth) })
        }
    }

    /// One SVG path for a dissolved outline: its loops, each generalised as a ring is, filled
    /// by the nonzero rule (SVG's default), so the path covers the union of what was dissolved.
    static func element(_ outline: MapOutline, _ colour: String, _ x: (Double) -> Double, _ y: (Double) -> Double, title: String = "") -> String {
        var d = ""
        for loop in outline.loops {
            d += "M" + points(generalised(loop, x, y), x, y).joined(separator: " L") + " Z "
        }
        let attributes = ##"d="\##(d)" fill="\##(colour)""##
        return title.isEmpty ? "<path \(attributes)/>" : "<path \(attributes)><title>\(escape(title))</title></path>"
    }

    /// How far (pixels) a drawn line may stray from the true one: half a pixel of the 900-px map,
    /// about 0.1 mm on an A4 page — below what print or screen shows (the thinnest stroke is
    /// 0.2 px), but it drops the bends of surveyed boundaries that lie within it (most of a
    /// 300,000-parcel county's vertices).
    static let generalisation = 0.5

    /// The vertices of a ring or line that Douglas–Peucker keeps at `tolerance` pixels, measured
    /// where the map draws them: every left-out vertex lies within `tolerance` of the line
    /// through those kept. Its ends are kept; a closed ring is split at the vertex farthest
    /// from its start, so it stays closed and keeps its extent.
    ///
    /// ```swift
    /// SVGMap.generalised([Coordinate(x: 0, y: 0), Coordinate(x: 4, y: 0.1), Coordinate(x: 7, y: -0.2), Coordinate(x: 10, y: 0)], { $0 }, { $0 })
    /// // [(0, 0), (10, 0)]: the middle vertices are within half a pixel of the line
    /// ```
    static func generalised(_ coordinates: [Coordinate], _ x: (Double) -> Double, _ y: (Double) -> Double,
                            tolerance: Double = generalisation) -> [Coordinate] {
        let count = coordinates.count
        guard count > 3 else { return coordinates }
        var px = [Double](repeating: 0, count: count), py = px
        for (i, c) in coordinates.enumerated() { (px[i], py[i]) = (x(c.x), y(c.y)) }
        var keep = [Bool](repeating: false, count: count)
        keep[0] = true
        keep[count - 1] = true
        // A closed ring: its start and end are one point; split it where it is farthest away.
        var spans: [(Int, Int)] = [(0, count - 1)]
        if px[0] == px[count - 1] && py[0] == py[count - 1] {
            var far = 0, farthest = -1.0
            for i in 1..<(count - 1) {
                let d = (px[i] - px[0]) * (px[i] - px[0]) + (py[i] - py[0]) * (py[i] - py[0])
                if d > farthest { (far, farthest) = (i, d) }
            }
            keep[far] = true
            spans = [(0, far), (far, count - 1)]
        }
        let squared = tolerance * tolerance
        while let (first, last) = spans.popLast() {
            guard last - first > 1 else { continue }
            let (ax, ay) = (px[first], py[first]), (dx, dy) = (px[last] - px[first], py[last] - py[first])
            let length = dx * dx + dy * dy
            var worst = first, worstDistance = -1.0
            for i in (first + 1)..<last {
                let (ex, ey) = (px[i] - ax, py[i] - ay)
                var distance: Double
                if length == 0 {
                    distance = ex * ex + ey * ey
                } else {
                    let t = max(0, min(1, (ex * dx + ey * dy) / length))
                    let (fx, fy) = (ex - t * dx, ey - t * dy)
                    distance = fx * fx + fy * fy
                }
                if distance > worstDistance { (worst, worstDistance) = (i, distance) }
            }
            if worstDistance > squared {
                keep[worst] = true
                spans.append((first, worst))
                spans.append((worst, last))
            }
        }
        return coordinates.indices.filter { keep[$0] }.map { coordinates[$0] }
    }

    /// The points of a ring or line as the path writes them ("12.3 45.6"), leaving out each
    /// point that the path's precision (0.1 pixel) puts on the previous one: what the browser
    /// draws is the same, and a boundary of a million vertices costs what its pixels cost.
    ///
    /// ```swift
    /// SVGMap.points([Coordinate(x: 0, y: 0), Coordinate(x: 0.01, y: 0), Coordinate(x: 5, y: 0)], { $0 }, { $0 })  // ["0 0", "5 0"]
    /// ```
    static func points(_ coordinates: [Coordinate], _ x: (Double) -> Double, _ y: (Double) -> Double) -> [String] {
        var written: [String] = []
        // The last point's 0.1-pixel cell, when it surely is its text's: then a point in the same
        // cell, surely of the same text, is left out before the (costly) formatting.
        var lastCell: (x: Int, y: Int)?
        for c in coordinates {
            let (px, py) = (x(c.x), y(c.y))
            let cell = Self.cell(px, py)
            if let cell, let lastCell, cell == lastCell { continue }
            let point = "\(fmt(px)) \(fmt(py))"
            if point != written.last { written.append(point) }
            lastCell = cell
        }
        return written
    }

    /// The 0.1-pixel cell `fmt` writes a point in, as tenths of a pixel; nil when a coordinate
    /// lies so near a rounding tie (or is no map coordinate) that only the formatted text tells.
    static func cell(_ x: Double, _ y: Double) -> (x: Int, y: Int)? {
        func tenths(_ value: Double) -> Int? {
            let scaled = value * 10
            guard scaled.isFinite, abs(scaled) < 1e12, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else { return nil }
            return Int(scaled.rounded())
        }
        guard let x = tenths(x), let y = tenths(y) else { return nil }
        return (x, y)
    }

    /// One decimal, trailing zeros trimmed: small files, sub-pixel precision.
    ///
    /// ```swift
    /// SVGMap.fmt(12.34)  // "12.3"
    /// SVGMap.fmt(7.04)   // "7"
    /// ```
    static func fmt(_ value: Double) -> String {
        // A positive value away from a rounding tie (almost every map coordinate) is written
        // from its tenths (below 1e8 the product by 10 is exact to 1e-7, so the tenth is the
        // one %.1f picks); the rest as `FixedDecimal` (the same text as %.1f) writes them.
        let scaled = value * 10
        if scaled > 0.5, scaled < 1e9, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 {
            let tenths = Int(scaled.rounded())
            let (whole, tenth) = tenths.quotientAndRemainder(dividingBy: 10)
            return tenth == 0 ? String(whole) : "\(whole).\(tenth)"
        }
        let text = FixedDecimal.text(value, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func short(_ value: Double) -> String {
        abs(value) >= 100 || value == value.rounded() ? String(Int(value.rounded())) : String(format: "%.2f", value)
    }

    /// The text with `&`, `<` and `>` written as entities (most titles have none, and are
    /// returned as they are).
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

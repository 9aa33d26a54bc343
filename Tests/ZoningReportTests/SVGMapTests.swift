import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZoningProject
@testable import ZoningReport
import ZoningGeometry
import ZoningLayers
import ZoningSupport
import ZoningTestSupport

@Suite struct SVGMapTests {
    /// Counts elements by name while checking the document is well-formed XML.
    final class Census: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var texts: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }
    }

    func census(_ svg: String) throws -> Census {
        let parser = XMLParser(data: Data(svg.utf8))
        let census = Census()
        parser.delegate = census
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return census
    }

    /// The four-township fixture, 10 km × 10 km, coloured by kind. By hand: the frame is
    /// 690 × 590 px, so 0.059 px/m; a fifth of the frame is 2 339 m, rounded down to a 2 km bar;
    /// the first vertex (40 495 000, 4 020 000) lands at (20, 345).
    @Test func fixtureByKind() throws {
        var geometries: [Geometry?] = [], kinds: [AttributeValue] = []
        try LayerFile.open(checkoutRoot + "/Tests/Fixtures/townships.shp").forEach {
            geometries.append($0.geometry)
            kinds.append($0.attributes[2])
        }
        let svg = try SVGMap.render(features: geometries, values: kinds, title: "乡镇类型", metres: true)
        let result = try census(svg)
        #expect(result.counts["path", default: 0] == 4 + 1)  // four townships and the north arrow
        #expect(result.counts["rect", default: 0] == 1 + 4 + 1)  // background, four legend keys, scale bar
        #expect(result.texts.contains("2 km") && result.texts.contains("乡镇类型") && result.texts.contains("北 N"))
        #expect(Set(["街道", "镇", "乡", "开发区"]).isSubset(of: Set(result.texts)))
        #expect(svg.contains("M20 345 L"))
    }

    @Test func classColoursAndNumericRamp() throws {
        let squares = try (0..<10).map { k in try Geometry.rectangle(Bounds(minX: Double(k) * 10, minY: 0, maxX: Double(k) * 10 + 10, maxY: 10)) }
        let classes: [AttributeValue] = (0..<10).map { .string($0 < 3 ? "111" : "220") }
        let svg = try SVGMap.render(features: squares, values: classes, title: "classes", metres: false)
        #expect(svg.components(separatedBy: "fill=\"#b2182b\"").count - 1 == 3 + 1)  // three features and the legend key
        #expect(!svg.contains("scale-bar"))  // not metres: no scale bar
        let numbers = try census(SVGMap.render(features: squares, values: (0..<10).map { .integer(Int64($0 * 100)) }, title: "n", metres: false))
        #expect(numbers.counts["rect", default: 0] == 1 + 5)  // background and five classes
    }

    @Test func titlesAreEscaped() throws {
        let svg = try SVGMap.render(features: [Geometry.point(x: 0, y: 0), Geometry.point(x: 1, y: 1)], values: [.string("a"), .string("b")], title: "A & B <test>", metres: false)
        #expect(try census(svg).texts.joined().contains("A & B <test>"))
    }

    /// Layers draw in order, each feature one element of its group, which declares how many it
    /// holds; point legend entries are circles; tooltips and labels are escaped text.
    @Test func layersTooltipsLabelsAndPointLegend() throws {
        let squares = try (0..<3).map { k in try Geometry.rectangle(Bounds(minX: Double(k) * 1000, minY: 0, maxX: Double(k) * 1000 + 1000, maxY: 1000)) }
        let points = [Geometry.point(x: 500, y: 500), Geometry.point(x: 2500, y: 500)]
        let svg = try SVGMap.render(
            layers: [
                SVGMap.Layer(id: "areas", features: squares + [nil], fills: ["#111111", "#222222", "#333333", "#444444"], titles: ["a", "b", "c & d", "e"], labels: ["甲", "", "丙", ""]),
                SVGMap.Layer(id: "points", features: points, fills: ["#000000", "#000000"], titles: ["p1", "p2"]),
            ],
            legend: [SVGMap.LegendEntry(colour: "#111111", label: "area"), SVGMap.LegendEntry(colour: "circle:#000000", label: "point")],
            title: "layers", metres: true)
        let result = try census(svg)
        #expect(svg.contains(#"data-layer="areas" data-features="3""#) && svg.contains(#"data-layer="points" data-features="2""#))
        #expect(svg.range(of: "data-layer=\"areas\"")!.lowerBound < svg.range(of: "data-layer=\"points\"")!.lowerBound)
        #expect(result.counts["title", default: 0] == 5)  // three areas (the empty one is not drawn) and two points
        #expect(result.counts["circle", default: 0] == 2 + 1)  // two points and the legend's point symbol
        // 3 km across 690 px: a fifth of the frame is 600 m, rounded down to a 500 m bar.
        #expect(result.texts.joined().contains("c & d") && result.texts.contains("甲") && result.texts.contains("丙") && result.texts.contains("500 m"))
        #expect(!result.texts.contains("e"))
    }

    /// A boundary of 200,000 vertices 5 cm apart (a densified township ring) is written with
    /// one point per 0.1-pixel cell it passes through: exactly the points the naive path would
    /// write, with each point equal to the one before left out (computed here with
    /// `String(format:)`), so the browser draws the same line from a few thousand points.
    @Test func denseRingsAreWrittenAtThePathsPrecision() throws {
        let coordinates = (0..<200_000).map { Coordinate(x: Double($0) * 0.05, y: 1000 + sin(Double($0) / 5000) * 300) }
        let scale = 900.0 / 10_000  // 10 km across 900 pixels
        let x = { (value: Double) in value * scale }, y = { (value: Double) in 700 - (value - 1000) * scale }
        func text(_ value: Double) -> String {
            let formatted = String(format: "%.1f", value)
            return formatted.hasSuffix(".0") ? String(formatted.dropLast(2)) : formatted
        }
        var naive: [String] = []
        for c in coordinates {
            let point = "\(text(x(c.x))) \(text(y(c.y)))"
            if point != naive.last { naive.append(point) }
        }
        let written = SVGMap.points(coordinates, x, y)
        #expect(written == naive)
        #expect(written.count < 20_000 && written.count > 1_000)
        #expect(written.first == "0 700" && written.last == naive.last)
    }

    /// Generalised boundaries stay within the tolerance: every vertex left out lies within
    /// half a pixel of the drawn line (measured here against each kept segment, by brute force),
    /// the vertices that stray farther are kept, and a closed ring stays closed.
    @Test func generalisedLinesStayWithinTheTolerance() throws {
        // A jagged 40 × 30 px ring: 2,000 vertices wiggling 0.1 px, and one corner 5 px out.
        var ring: [Coordinate] = []
        for k in 0..<2_000 {
            let t = Double(k) / 2_000 * 2 * Double.pi
            let wiggle = (k % 2 == 0 ? 0.1 : -0.1)
            ring.append(Coordinate(x: 20 + (20 + wiggle) * cos(t), y: 15 + (15 + wiggle) * sin(t)))
        }
        ring[500] = Coordinate(x: ring[500].x + 5, y: ring[500].y + 5)
        ring.append(ring[0])
        let kept = SVGMap.generalised(ring, { $0 }, { $0 })
        #expect(kept.first == ring.first && kept.last == ring.last)
        #expect(kept.count < 200 && kept.count >= 4)
        #expect(kept.contains(ring[500]))
        func distance(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let t = dx == 0 && dy == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
            return ((p.x - a.x - t * dx) * (p.x - a.x - t * dx) + (p.y - a.y - t * dy) * (p.y - a.y - t * dy)).squareRoot()
        }
        let segments = zip(kept, kept.dropFirst()).map { ($0, $1) }
        let farthest = ring.map { p in segments.map { distance(p, $0.0, $0.1) }.min()! }.max()!
        #expect(SVGMap.generalisation == 0.5 && farthest <= 0.5 + 1e-9)
        // Straight lines of a few vertices are left as they are.
        let short = [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0.01), Coordinate(x: 2, y: 0)]
        #expect(SVGMap.generalised(short, { $0 }, { $0 }) == short)
    }

    /// The coordinates' text against C's %.1f (trailing ".0" trimmed) on values of every kind:
    /// map coordinates, exact ties in binary (x.25, x.75), values a hair from a tie, small,
    /// negative and huge ones.
    @Test func coordinatesAreWrittenAsPrintfWritesThem() {
        func printf(_ value: Double) -> String {
            let text = String(format: "%.1f", value)
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.04, 0.05, 0.06, 0.25, 0.75, 2.25, 2.35, 899.95, 1e14 + 0.25, 1e16, -3.25, -0.04]
        for _ in 0..<20_000 { values.append(Double.random(in: 0..<1000, using: &generator)) }
        for k in 0..<2_000 {
            let tie = Double(k) / 10 + 0.05
            values += [tie, tie.nextUp, tie.nextDown, tie + 1e-7, tie - 1e-7]
        }
        for value in values { #expect(SVGMap.fmt(value) == printf(value), "\(value)") }
        #expect(SVGMap.escape("a & b <c>") == "a &amp; b &lt;c&gt;")
        #expect(SVGMap.escape("370299 夏社区") == "370299 夏社区")
    }
}

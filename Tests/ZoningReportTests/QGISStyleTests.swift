import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ZoningReport

@Suite struct QGISStyleTests {
    @Test func coloursAsQGISWritesThem() {
        #expect(QGISStyle.colour("#b2182b") == "178,24,43,255")
        #expect(QGISStyle.colour("#3182bd40") == "49,130,189,64")
        #expect(QGISStyle.colour("none") == "0,0,0,0")
    }

    @Test func expressions() {
        #expect(QGISStyle.expression(.equals("NAME", "O'Hara")) == #""NAME" = 'O''Hara'"#)
        #expect(QGISStyle.expression(.any([.isNull("KG_WALK"), .above("KG_WALK", 300)])) == #"("KG_WALK" IS NULL) OR ("KG_WALK" > 300)"#)
        #expect(QGISStyle.expression(.atMost("SHARE", 0.25)) == #""SHARE" <= 0.25"#)
    }

    /// A well-formed document whose categories, ranges and labels read back.
    @Test func documentsParse() throws {
        let style = MapStyle(
            layer: "regions-coverage", title: "服务覆盖：幼儿园，300米",
            renderer: .ranges(field: "KG_RES", [MapStyle.Range(lower: 0, upper: 0.5, symbol: .fill("#eff3ff"), label: "0–50% <half>"),
                                                 MapStyle.Range(lower: 0.5, upper: 1, symbol: .fill("#08519c"), label: "50–100%")]),
            label: MapStyle.Label(field: "NAME", maxScale: 250_000))
        let document = try XMLDocument(xmlString: QGISStyle.document(style), options: [])
        let ranges = try document.nodes(forXPath: "//ranges/range").compactMap { $0 as? XMLElement }
        #expect(ranges.map { $0.attribute(forName: "upper")?.stringValue } == ["0.5", "1"])
        #expect(ranges.first?.attribute(forName: "label")?.stringValue == "0–50% <half>")
        let renderer = try #require(try document.nodes(forXPath: "//renderer-v2").first as? XMLElement)
        #expect(renderer.attribute(forName: "type")?.stringValue == "graduatedSymbol" && renderer.attribute(forName: "attr")?.stringValue == "KG_RES")
        let rendering = try #require(try document.nodes(forXPath: "//labeling/settings/rendering").first as? XMLElement)
        #expect(rendering.attribute(forName: "scaleMax")?.stringValue == "250000")
        let text = try #require(try document.nodes(forXPath: "//text-style").first as? XMLElement)
        #expect(text.attribute(forName: "fieldName")?.stringValue == "NAME" && text.attribute(forName: "fontFamily")?.stringValue == "Noto Sans CJK SC")
    }
}

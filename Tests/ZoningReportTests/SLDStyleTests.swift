import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ZoningReport

@Suite struct SLDStyleTests {
    @Test func opacityReadsBackAsTheSameByte() {
        for alpha in 0...255 {
            let (colour, opacity) = SLDStyle.split("#1a9850" + String(format: "%02x", alpha))
            #expect(colour == "#1a9850")
            #expect(Int((Double(opacity)! * 255).rounded()) == alpha, "\(alpha)")
        }
        #expect(SLDStyle.split("#b2182b") == ("#b2182b", "1"))
    }

    /// SLD 1.1: a rule per category with its filter and title, the subset joined to each, the
    /// label rule with every CJK font and the scale limit; strokes in pixels of 0.28 mm.
    @Test func rulesFiltersAndLabels() throws {
        let style = MapStyle(
            layer: "service-areas", title: "服务范围",
            renderer: .categories(field: "TYPE", [MapStyle.Category(value: "park", symbol: MapStyle.Symbol(fill: "#3182bd40", stroke: "#3182bd", strokeWidth: 0.28), label: "公园")]),
            label: MapStyle.Label(field: "TYPE", maxScale: 50_000), subset: .equals("TYPE", "park"))
        let document = try XMLDocument(xmlString: SLDStyle.document(style), options: [])
        let root = try #require(document.rootElement())
        #expect(root.localName == "StyledLayerDescriptor" && SLDStyle.document(style).contains(#"<StyledLayerDescriptor version="1.1.0""#))
        let rules = try document.nodes(forXPath: "//*[local-name()='Rule']")
        #expect(rules.count == 2)
        let sld = SLDStyle.document(style)
        #expect(sld.contains("<ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>TYPE</ogc:PropertyName><ogc:Literal>park</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo>"))
        #expect(sld.contains(#"<se:SvgParameter name="fill-opacity">0.251</se:SvgParameter>"#))
        #expect(sld.contains(#"<se:SvgParameter name="stroke-width">1</se:SvgParameter>"#))
        #expect(sld.contains("<se:MaxScaleDenominator>50000</se:MaxScaleDenominator>"))
        for font in MapStyle.fonts { #expect(sld.contains(#"<se:SvgParameter name="font-family">\#(font)</se:SvgParameter>"#)) }
        #expect(sld.contains("<se:Title>公园</se:Title>"))
    }
}

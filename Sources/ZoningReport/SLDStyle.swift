import Foundation

/// A `MapStyle` as an OGC Styled Layer Descriptor 1.1 with Symbology Encoding 1.1 (`NAME.sld`,
/// and `stylesld` in `layer_styles`), for GeoServer, MapServer and QGIS: one rule per
/// category, range or rule, each with its OGC filter and legend title, and a label rule
/// with the CJK fonts as fallbacks, shown from 1:`maxScale` closer in.
///
/// ```swift
/// let sld = SLDStyle.document(style)   // "<?xml …?><StyledLayerDescriptor version=\"1.1.0\" …"
/// ```
public enum SLDStyle {
    public static func document(_ style: MapStyle) -> String {
        var rules: [String] = []
        switch style.renderer {
        case let .categories(field, categories):
            rules = categories.map { rule(name: $0.value, title: $0.label, filter: .equals(field, $0.value), symbol: $0.symbol, style: style) }
        case let .ranges(field, ranges):
            rules = ranges.enumerated().map { index, range in
                let lower = index == 0 ? "PropertyIsGreaterThanOrEqualTo" : "PropertyIsGreaterThan"
                let filter = "<ogc:And><ogc:\(lower)>\(property(field))\(literal(QGISStyle.number(range.lower)))</ogc:\(lower)>"
                    + "<ogc:PropertyIsLessThanOrEqualTo>\(property(field))\(literal(QGISStyle.number(range.upper)))</ogc:PropertyIsLessThanOrEqualTo></ogc:And>"
                return rule(name: "\(QGISStyle.number(range.lower)) - \(QGISStyle.number(range.upper))", title: range.label, filterXML: filter, symbol: range.symbol, style: style)
            }
        case let .rules(list):
            rules = list.map { rule(name: $0.label, title: $0.label, filter: $0.condition, symbol: $0.symbol, style: style) }
        }
        if let label = style.label { rules.append(labelRule(label, style: style)) }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld" xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd">
              <NamedLayer>
                <se:Name>\(escape(style.layer))</se:Name>
                <UserStyle>
                  <se:Name>\(escape(style.layer))</se:Name>
                  <se:Description><se:Title>\(escape(style.title))</se:Title></se:Description>
                  <se:FeatureTypeStyle>
            \(rules.joined(separator: "\n"))
                  </se:FeatureTypeStyle>
                </UserStyle>
              </NamedLayer>
            </StyledLayerDescriptor>

            """
    }

    static func rule(name: String, title: String, filter: MapStyle.Condition, symbol: MapStyle.Symbol, style: MapStyle) -> String {
        rule(name: name, title: title, filterXML: self.filter(filter), symbol: symbol, style: style)
    }

    static func rule(name: String, title: String, filterXML: String, symbol: MapStyle.Symbol, style: MapStyle) -> String {
        let filter = style.subset.map { "<ogc:And>\(self.filter($0))\(filterXML)</ogc:And>" } ?? filterXML
        var parameters: [String] = []
        if symbol.fill != "none" {
            let (colour, opacity) = split(symbol.fill)
            parameters.append("<se:Fill><se:SvgParameter name=\"fill\">\(colour)</se:SvgParameter><se:SvgParameter name=\"fill-opacity\">\(opacity)</se:SvgParameter></se:Fill>")
        }
        if symbol.stroke != "none", symbol.strokeWidth > 0 {
            let (colour, opacity) = split(symbol.stroke)
            // Symbology Encoding measures in pixels (0.28 mm).
            let pixels = QGISStyle.number((symbol.strokeWidth / 0.28 * 100).rounded() / 100)
            parameters.append("<se:Stroke><se:SvgParameter name=\"stroke\">\(colour)</se:SvgParameter><se:SvgParameter name=\"stroke-opacity\">\(opacity)</se:SvgParameter>"
                + "<se:SvgParameter name=\"stroke-width\">\(pixels)</se:SvgParameter><se:SvgParameter name=\"stroke-linejoin\">bevel</se:SvgParameter></se:Stroke>")
        }
        return """
                    <se:Rule>
                      <se:Name>\(escape(name))</se:Name>
                      <se:Description><se:Title>\(escape(title))</se:Title></se:Description>
                      <ogc:Filter xmlns:ogc="http://www.opengis.net/ogc">\(filter)</ogc:Filter>
                      <se:PolygonSymbolizer>\(parameters.joined())</se:PolygonSymbolizer>
                    </se:Rule>
            """
    }

    static func labelRule(_ label: MapStyle.Label, style: MapStyle) -> String {
        let fonts = MapStyle.fonts.map { "<se:SvgParameter name=\"font-family\">\(escape($0))</se:SvgParameter>" }.joined()
        let subset = style.subset.map { "\n          <ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\">\(filter($0))</ogc:Filter>" } ?? ""
        return """
                    <se:Rule>
                      <se:Name>\(escape(label.field))</se:Name>\(subset)
                      <se:MaxScaleDenominator>\(QGISStyle.number(label.maxScale))</se:MaxScaleDenominator>
                      <se:TextSymbolizer>
                        <se:Label>\(property(label.field))</se:Label>
                        <se:Font>\(fonts)<se:SvgParameter name="font-size">\(QGISStyle.number((label.size * 4 / 3).rounded()))</se:SvgParameter></se:Font>
                        <se:LabelPlacement><se:PointPlacement><se:AnchorPoint><se:AnchorPointX>0.5</se:AnchorPointX><se:AnchorPointY>0.5</se:AnchorPointY></se:AnchorPoint></se:PointPlacement></se:LabelPlacement>
                        <se:Halo><se:Radius>2</se:Radius><se:Fill><se:SvgParameter name="fill">#ffffff</se:SvgParameter></se:Fill></se:Halo>
                        <se:Fill><se:SvgParameter name="fill">#222222</se:SvgParameter></se:Fill>
                      </se:TextSymbolizer>
                    </se:Rule>
            """
    }

    /// A condition as an OGC filter (Filter Encoding 1.1).
    public static func filter(_ condition: MapStyle.Condition) -> String {
        switch condition {
        case let .equals(field, value): "<ogc:PropertyIsEqualTo>\(property(field))\(literal(value))</ogc:PropertyIsEqualTo>"
        case let .atMost(field, value): "<ogc:PropertyIsLessThanOrEqualTo>\(property(field))\(literal(QGISStyle.number(value)))</ogc:PropertyIsLessThanOrEqualTo>"
        case let .above(field, value): "<ogc:PropertyIsGreaterThan>\(property(field))\(literal(QGISStyle.number(value)))</ogc:PropertyIsGreaterThan>"
        case let .isNull(field): "<ogc:PropertyIsNull>\(property(field))</ogc:PropertyIsNull>"
        case let .contains(field, value): #"<ogc:PropertyIsLike wildCard="*" singleChar="?" escapeChar="\">"# + property(field) + literal("*" + value + "*") + "</ogc:PropertyIsLike>"
        case let .all(parts): parts.count == 1 ? filter(parts[0]) : "<ogc:And>" + parts.map(filter).joined() + "</ogc:And>"
        case let .any(parts): parts.count == 1 ? filter(parts[0]) : "<ogc:Or>" + parts.map(filter).joined() + "</ogc:Or>"
        }
    }

    static func property(_ field: String) -> String { "<ogc:PropertyName>\(escape(field))</ogc:PropertyName>" }
    static func literal(_ value: String) -> String { "<ogc:Literal>\(escape(value))</ogc:Literal>" }
    static func escape(_ text: String) -> String { QGISStyle.escape(text) }

    /// `#rrggbbaa` as `#rrggbb` and an opacity 0…1 (three decimals: the same byte read back).
    static func split(_ hex: String) -> (colour: String, opacity: String) {
        guard hex.count == 9, let alpha = Int(hex.suffix(2), radix: 16) else { return (hex, "1") }
        return (String(hex.prefix(7)), QGISStyle.number((Double(alpha) / 255 * 1000).rounded() / 1000))
    }
}

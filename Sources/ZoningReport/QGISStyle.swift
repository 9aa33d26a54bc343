import Foundation

/// A `MapStyle` in QGIS's own conventions: the QML document QGIS applies when it opens
/// `NAME.shp` beside `NAME.qml` (or reads from a `layer_styles` table), and the renderer and
/// labelling elements a project's `<maplayer>` holds (`QGISProjectFile`). Written for QGIS 3.
///
/// ```swift
/// let qml = QGISStyle.document(style)   // "<!DOCTYPE qgis …><qgis version=\"3.22.0\" …><renderer-v2 type=\"categorizedSymbol\" attr=\"CLASS\" …"
/// ```
public enum QGISStyle {
    /// The QGIS version the documents say they are from (read by every QGIS 3).
    public static let version = "3.22.0"

    /// The whole `.qml` document.
    public static func document(_ style: MapStyle) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="\(version)" styleCategories="Symbology|Labeling" labelsEnabled="\(style.label == nil ? 0 : 1)">
        \(body(style, indent: "  "))
        </qgis>

        """
    }

    /// The renderer and labelling elements, as both a `.qml` and a project's layer hold them.
    static func body(_ style: MapStyle, indent: String) -> String {
        var lines: [String] = []
        var symbols: [MapStyle.Symbol] = []
        switch style.renderer {
        case let .categories(field, categories):
            lines.append(#"<renderer-v2 type="categorizedSymbol" attr="\#(escape(field))" symbollevels="0" forceraster="0" enableorderby="0">"#)
            lines.append("  <categories>")
            for (index, category) in categories.enumerated() {
                lines.append(#"    <category render="true" value="\#(escape(category.value))" symbol="\#(index)" label="\#(escape(category.label))"/>"#)
            }
            lines.append("  </categories>")
            symbols = categories.map(\.symbol)
        case let .ranges(field, ranges):
            lines.append(#"<renderer-v2 type="graduatedSymbol" attr="\#(escape(field))" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0">"#)
            lines.append("  <ranges>")
            for (index, range) in ranges.enumerated() {
                lines.append(#"    <range render="true" lower="\#(number(range.lower))" upper="\#(number(range.upper))" symbol="\#(index)" label="\#(escape(range.label))"/>"#)
            }
            lines.append("  </ranges>")
            symbols = ranges.map(\.symbol)
        case let .rules(rules):
            lines.append(#"<renderer-v2 type="RuleRenderer" symbollevels="0" forceraster="0" enableorderby="0">"#)
            lines.append(#"  <rules key="root">"#)
            for (index, rule) in rules.enumerated() {
                lines.append(#"    <rule key="rule\#(index)" symbol="\#(index)" label="\#(escape(rule.label))" filter="\#(escape(expression(rule.condition)))"/>"#)
            }
            lines.append("  </rules>")
            symbols = rules.map(\.symbol)
        }
        lines.append("  <symbols>")
        for (index, symbol) in symbols.enumerated() { lines += fillSymbol(symbol, name: String(index)).map { "    " + $0 } }
        lines.append("  </symbols>")
        if case .ranges = style.renderer { lines.append(#"  <mode name="quantile"/>"#) }
        lines.append("</renderer-v2>")
        if let label = style.label { lines += labeling(label) }
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    static func fillSymbol(_ symbol: MapStyle.Symbol, name: String) -> [String] {
        let options: [(String, String)] = [
            ("color", colour(symbol.fill)), ("style", symbol.fill == "none" ? "no" : "solid"),
            ("outline_color", colour(symbol.stroke)), ("outline_style", symbol.stroke == "none" || symbol.strokeWidth == 0 ? "no" : "solid"),
            ("outline_width", number(symbol.strokeWidth)), ("outline_width_unit", "MM"), ("joinstyle", "bevel"),
        ]
        return [#"<symbol type="fill" name="\#(name)" alpha="1" clip_to_extent="1" force_rhr="0">"#,
                #"  <layer class="SimpleFill" enabled="1" locked="0" pass="0">"#,
                #"    <Option type="Map">"#]
            + options.map { #"      <Option name="\#($0.0)" value="\#(escape($0.1))" type="QString"/>"# }
            + ["    </Option>", "  </layer>", "</symbol>"]
    }

    /// Labels in the first of `MapStyle.fonts` (Qt falls back per glyph), with a white halo,
    /// shown from 1:`maxScale` closer in.
    static func labeling(_ label: MapStyle.Label) -> [String] {
        [#"<labeling type="simple">"#,
         #"  <settings calloutType="simple">"#,
         #"    <text-style fieldName="\#(escape(label.field))" isExpression="0" fontFamily="\#(escape(MapStyle.fonts[0]))" fontSize="\#(number(label.size))" fontSizeUnit="Point" textColor="34,34,34,255" textOpacity="1" namedStyle="Regular" fontWeight="50" fontItalic="0" fontUnderline="0" fontStrikeout="0" fontLetterSpacing="0" fontWordSpacing="0" capitalization="0" blendMode="0" multilineHeight="1" allowHtml="0" previewBkgrdColor="255,255,255,255">"#,
         #"      <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.8" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0"/>"#,
         "    </text-style>",
         #"    <text-format wrapChar="" multilineAlign="1" autoWrapLength="0" useMaxLineLengthForAutoWrap="1" addDirectionSymbol="0" formatNumbers="0" decimals="3" plussign="0" reverseDirectionSymbol="0" placeDirectionSymbol="0" leftDirectionSymbol="&lt;" rightDirectionSymbol="&gt;"/>"#,
         #"    <placement placement="1" offsetType="0" dist="0" distUnits="MM" quadOffset="4" xOffset="0" yOffset="0" offsetUnits="MM" centroidInside="1" centroidWhole="0" fitInPolygonOnly="0" priority="5" repeatDistance="0" overrunDistance="0" lineAnchorPercent="0.5" polygonPlacementFlags="2" placementFlags="10" rotationAngle="0" preserveRotation="1" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25" layerType="PolygonGeometry"/>"#,
         #"    <rendering scaleVisibility="1" scaleMin="1" scaleMax="\#(number(label.maxScale))" obstacle="1" obstacleFactor="1" obstacleType="1" displayAll="0" upsidedownLabels="0" labelPerPart="0" mergeLines="0" minFeatureSize="0" limitNumLabels="0" maxNumLabels="2000" fontLimitPixelSize="0" fontMinPixelSize="3" fontMaxPixelSize="10000" drawLabels="1" zIndex="0" unplacedVisibility="0"/>"#,
         "  </settings>",
         "</labeling>"]
    }

    /// A condition as a QGIS expression: `"CLASS" = '111'`, `"KG_WALK" <= 300`.
    public static func expression(_ condition: MapStyle.Condition) -> String {
        switch condition {
        case let .equals(field, value): "\(quoted(field)) = '\(value.replacingOccurrences(of: "'", with: "''"))'"
        case let .atMost(field, value): "\(quoted(field)) <= \(number(value))"
        case let .above(field, value): "\(quoted(field)) > \(number(value))"
        case let .isNull(field): "\(quoted(field)) IS NULL"
        case let .contains(field, value): "\(quoted(field)) LIKE '%\(value.replacingOccurrences(of: "'", with: "''"))%'"
        case let .all(parts): parts.count == 1 ? expression(parts[0]) : parts.map { "(\(expression($0)))" }.joined(separator: " AND ")
        case let .any(parts): parts.count == 1 ? expression(parts[0]) : parts.map { "(\(expression($0)))" }.joined(separator: " OR ")
        }
    }

    static func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `#rrggbb` or `#rrggbbaa` as QGIS writes colours: `178,24,43,255`.
    static func colour(_ hex: String) -> String {
        guard hex != "none" else { return "0,0,0,0" }
        let digits = Array(hex.dropFirst())
        func byte(_ at: Int) -> Int { at + 2 <= digits.count ? Int(String(digits[at..<at + 2]), radix: 16) ?? 0 : 255 }
        return "\(byte(0)),\(byte(2)),\(byte(4)),\(byte(6))"
    }

    /// A number as written in styles: the shortest text that reads back the same.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
    }
}

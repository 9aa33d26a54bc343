/// How a map tool draws one layer a run writes: the renderer (categories of a field's values,
/// graduated ranges, or rules), each class's fill, outline and legend label, and the label
/// field. Made from the report's own tables (`LayerStyles`), and written as QGIS's QML
/// (`QGISStyle`), as SLD 1.1 / Symbology Encoding (`SLDStyle`) and into `zoning.qgs`
/// (`QGISProjectFile`).
///
/// ```swift
/// let style = MapStyle(layer: "villages-classified", title: "城乡分类：村级单位",
///                      renderer: .categories(field: "CLASS", [.init(value: "111", symbol: .fill("#b2182b"), label: "111 主城区")]))
/// style.fields  // ["CLASS"]
/// ```
public struct MapStyle: Sendable, Equatable {
    /// The layer's name: the shapefile's stem and the GeoPackage's or PostGIS's table, e.g. `villages-classified`.
    public var layer: String
    /// The legend's and the project's title for the layer (the report's map title).
    public var title: String
    public var renderer: Renderer
    /// A field whose values label the features, shown only at scales up to `labelScale`.
    public var label: Label?
    /// An attribute filter restricting the layer to some features (a facility type, a life
    /// circle), as both QGIS and SLD write it; nil for every feature.
    public var subset: Condition?

    public init(layer: String, title: String, renderer: Renderer, label: Label? = nil, subset: Condition? = nil) {
        self.layer = layer
        self.title = title
        self.renderer = renderer
        self.label = label
        self.subset = subset
    }

    /// A polygon symbol: fill and outline as `#rrggbb` or `#rrggbbaa` (`none` for no fill),
    /// the outline's width in millimetres.
    public struct Symbol: Sendable, Equatable {
        public var fill: String
        public var stroke: String
        public var strokeWidth: Double

        public init(fill: String, stroke: String = "#444444", strokeWidth: Double = 0.1) {
            self.fill = fill
            self.stroke = stroke
            self.strokeWidth = strokeWidth
        }

        public static func fill(_ colour: String) -> Symbol { Symbol(fill: colour) }
    }

    /// One value of a categorised field.
    public struct Category: Sendable, Equatable {
        public var value: String
        public var symbol: Symbol
        public var label: String

        public init(value: String, symbol: Symbol, label: String) {
            self.value = value
            self.symbol = symbol
            self.label = label
        }
    }

    /// One class of a graduated field: `lower ≤ value ≤ upper` (the first range taking a value
    /// on a shared bound).
    public struct Range: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var symbol: Symbol
        public var label: String

        public init(lower: Double, upper: Double, symbol: Symbol, label: String) {
            self.lower = lower
            self.upper = upper
            self.symbol = symbol
            self.label = label
        }
    }

    /// One rule: the features meeting `condition`.
    public struct Rule: Sendable, Equatable {
        public var condition: Condition
        public var symbol: Symbol
        public var label: String

        public init(condition: Condition, symbol: Symbol, label: String) {
            self.condition = condition
            self.symbol = symbol
            self.label = label
        }
    }

    public enum Renderer: Sendable, Equatable {
        /// Each value of `field` its own symbol (QGIS `categorizedSymbol`).
        case categories(field: String, [Category])
        /// Ranges of the numeric `field` (QGIS `graduatedSymbol`).
        case ranges(field: String, [Range])
        /// Rules over several fields (QGIS `RuleRenderer`).
        case rules([Rule])
    }

    /// A condition on a feature's attributes, written as a QGIS expression and an OGC filter.
    public indirect enum Condition: Sendable, Equatable {
        /// `field` equals the text `value`.
        case equals(String, String)
        /// `field` is a number at most `value`.
        case atMost(String, Double)
        /// `field` is a number greater than `value`.
        case above(String, Double)
        case isNull(String)
        /// The text `field` contains `value` (e.g. `TYPES` holding `elderly`).
        case contains(String, String)
        case all([Condition])
        case any([Condition])

        /// The fields it reads.
        public var fields: [String] {
            switch self {
            case .equals(let field, _), .atMost(let field, _), .above(let field, _), .isNull(let field), .contains(let field, _): [field]
            case .all(let parts), .any(let parts): parts.flatMap(\.fields)
            }
        }
    }

    /// Labels of a field's values, in a CJK font, at scales up to 1:`maxScale`.
    public struct Label: Sendable, Equatable {
        public var field: String
        /// The largest scale denominator at which labels show (e.g. 50 000: from 1:50 000 closer in).
        public var maxScale: Double
        /// In points.
        public var size: Double

        public init(field: String, maxScale: Double, size: Double = 9) {
            self.field = field
            self.maxScale = maxScale
            self.size = size
        }
    }

    /// The CJK fonts labels ask for, in order of preference, as the report's maps do
    /// (SLD lists them all as fallbacks; QGIS takes the first and Qt falls back per glyph).
    public static let fonts = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "sans-serif"]

    /// Every field the style reads: the renderer's, the label's and the subset's.
    public var fields: [String] {
        var fields: [String]
        switch renderer {
        case .categories(let field, _), .ranges(let field, _): fields = [field]
        case .rules(let rules): fields = rules.flatMap(\.condition.fields)
        }
        fields += (label.map { [$0.field] } ?? []) + (subset?.fields ?? [])
        var seen = Set<String>()
        return fields.filter { seen.insert($0).inserted }
    }

    /// Checks that the layer has every field the style reads.
    /// - Throws: `MapStyleError.missingField` naming the layer, the field and the fields it has.
    public func check(layerFields: [String]) throws {
        for field in fields where !layerFields.contains(field) {
            throw MapStyleError.missingField(layer: layer, field: field, has: layerFields)
        }
    }
}

/// Why a style cannot be written for a layer.
public enum MapStyleError: Error, Equatable, CustomStringConvertible {
    /// The style reads `field`, which the layer does not have (`has`): a style would leave it
    /// silently unstyled.
    case missingField(layer: String, field: String, has: [String])
    /// The style names a layer the run did not write.
    case missingLayer(layer: String, path: String)

    public var description: String {
        switch self {
        case let .missingField(layer, field, has):
            "The style of \(layer) reads the field \(field), which \(layer) does not have (it has \(has.joined(separator: ", "))); "
                + "no style was written. This is a bug in zoning: please report it with the run's manifest.json"
        case let .missingLayer(layer, path):
            "The style of \(layer) is for \(path), which the run did not write; no style was written. This is a bug in zoning: please report it"
        }
    }
}

import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningProjection
import ZoningReport
import ZoningSupport

/// The run's layers styled for map tools (`LayerStyles`, from the report's own tables) and
/// the QGIS project of the run:
///
/// | file | contents |
/// |---|---|
/// | `NAME.qml` | beside each shapefile: QGIS's style, applied when QGIS opens `NAME.shp` |
/// | `NAME.sld` | beside each shapefile: the same as SLD 1.1 / Symbology Encoding (GeoServer, MapServer) |
/// | `layer_styles` | in `results.gpkg` (`outputs: {format: gpkg}`), instead of the files: QGIS's table, each layer's style its default |
/// | `zoning.qgs` | the QGIS project: the analysis CRS, a group per report section, every layer styled and titled as the report's map, relative paths |
///
/// Every field a style reads is checked against the layer as written: a style for a field
/// the layer lacks is an error (`MapStyleError.missingField`), never a silently unstyled layer.
///
/// ```swift
/// let written = try StyleOutputs.write(run.report, to: folder, format: .shapefile, date: nil)
/// written.project   // "zoning.qgs"
/// ```
public enum StyleOutputs {
    public static let projectFile = "zoning.qgs"
    /// QGIS's table of styles in a GeoPackage or a database.
    public static let stylesTable = "layer_styles"

    /// The styles of `report`'s layers, grouped as the report's sections.
    public static func groups(_ report: ReportRun) -> [LayerStyles.Group] {
        LayerStyles.groups(report)
    }

    /// Checks every style against the fields of the shapefiles in `folder`, read from each
    /// layer's .dbf header only (`LayerFieldNames`): neither its records nor its CRS.
    /// - Throws: `MapStyleError` for a missing layer or field.
    public static func check(_ styles: [MapStyle], folder: String) throws {
        var fieldsOf: [String: [String]] = [:]
        for style in styles {
            if fieldsOf[style.layer] == nil {
                let path = "\(folder)/\(style.layer).shp"
                guard FileManager.default.fileExists(atPath: path) else { throw MapStyleError.missingLayer(layer: style.layer, path: path) }
                fieldsOf[style.layer] = try LayerFieldNames.shapefile(path)
            }
            try style.check(layerFields: fieldsOf[style.layer] ?? [])
        }
    }

    /// Writes `NAME.qml` and `NAME.sld` beside each shapefile of `folder`.
    static func writeFiles(_ styles: [MapStyle], to folder: String, overwrite: Bool = false) throws {
        for style in styles {
            try OutputFiles.write(Data(QGISStyle.document(style).utf8), to: "\(folder)/\(style.layer).qml", overwrite: overwrite)
            try OutputFiles.write(Data(SLDStyle.document(style).utf8), to: "\(folder)/\(style.layer).sld", overwrite: overwrite)
        }
    }

    /// The styles of the layers `steps` wrote into `folder`, beside them (`NAME.qml`,
    /// `NAME.sld`; no QGIS project): for the commands that run analyses without a project
    /// (`zoning classify`, `builtup`, `coverage`), the same styles as `zoning run` writes for
    /// those layers, checked against them the same way.
    ///
    /// ```swift
    /// try StyleOutputs.writeBesideLayers(steps: steps, results: results, inputs: data, language: .zh, codes: codes, to: "/tmp/classes", overwrite: false)
    /// // /tmp/classes/villages-classified.qml, .sld; builtup-regions.qml, .sld
    /// ```
    public static func writeBesideLayers(
        steps: [any AnalysisStep], results: StepResults, inputs: AnalysisInputs, language: ReportLanguage, codes: LandUseCodes,
        to folder: String, overwrite: Bool
    ) throws {
        let report = ReportRun(name: "", language: language, version: ZoningVersion.current, fields: FieldNames(), codes: codes, steps: steps,
                               reports: Analyses.all.flatMap(\.reports), inputs: inputs, results: results)
        let styles = LayerStyles.defaults(groups(report))
        try check(styles, folder: folder)
        try writeFiles(styles, to: folder, overwrite: overwrite)
    }

    /// QGIS's `layer_styles` rows for `styles`, each the default of its table.
    /// - Parameters:
    ///   - catalog, schema: as QGIS names the tables' place: empty for a GeoPackage; the
    ///     database and the schema for PostGIS.
    ///   - table: a style's table name (`villages-classified`, or `villages_classified` in PostGIS).
    ///   - date: the rows' `update_time` (`YYYY-MM-DDT00:00:00`), so that the same inputs give the same file.
    public static func styleRows(_ styles: [MapStyle], catalog: String, schema: String, geometryColumn: String,
                                 table: (String) -> String, date: String) -> [[AttributeValue]] {
        styles.map { style in
            [.string(catalog), .string(schema), .string(table(style.layer)), .string(geometryColumn), .string(style.layer),
             .string(QGISStyle.document(style)), .string(SLDStyle.document(style)), .boolean(true), .string(style.title),
             .string("zoning"), .null, .string(date)]
        }
    }

    /// The columns of QGIS's `layer_styles` table, in its order.
    public static let styleColumns = ["f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "stylename", "styleqml",
                                      "stylesld", "useasdefault", "description", "owner", "ui", "update_time"]

    /// The `layer_styles` table of a GeoPackage, as a layer without geometry for `GDALLayerWriter`.
    static func styleTable(_ styles: [MapStyle], date: String) -> FeatureSource {
        let schema = Schema(styleColumns.map { Field(name: $0, type: $0 == "useasdefault" ? .boolean : .string) })
        let rows = styleRows(styles, catalog: "", schema: "", geometryColumn: "geom", table: { $0 }, date: date)
        return RowSource(name: stylesTable, schema: schema, rows: rows)
    }

    /// `update_time` for the styles of a run whose newest input is of `date` (midnight UTC), or
    /// the Unix epoch without one.
    static func updateTime(_ date: CalendarDate?) -> String {
        guard let date else { return "1970-01-01T00:00:00" }
        return String(format: "%04d-%02d-%02dT00:00:00", date.year, date.month, date.day)
    }

    /// `zoning.qgs` for the layers in `folder`, as shapefiles or in `results.gpkg`.
    static func writeProject(_ report: ReportRun, groups: [LayerStyles.Group], format: LayerOutputFormat, to folder: String) throws {
        let crs = report.crs
        let document = QGISProjectFile.document(
            title: report.name, crs: (crs.epsg.map { "EPSG:\($0)" } ?? "", try crs.wkt2()), groups: groups
        ) { style in
            switch format {
            case .shapefile: .file("./\(style.layer).shp")
            case .geoPackage: .file("./\(LayerOutputFormat.geoPackageName)|layername=\(style.layer)")
            }
        }
        try OutputFiles.write(Data(document.utf8), to: "\(folder)/\(projectFile)", overwrite: false)
    }
}

/// Rows in memory as a `FeatureSource` (QGIS's `layer_styles` table for a GeoPackage).
final class RowSource: FeatureSource {
    let name: String
    let schema: Schema
    let rows: [[AttributeValue]]
    var crs: CoordinateReferenceSystem? { nil }
    var files: [String] { [] }

    init(name: String, schema: Schema, rows: [[AttributeValue]]) {
        self.name = name
        self.schema = schema
        self.rows = rows
    }

    func forEach(_ body: (Feature) throws -> Void) throws {
        for (index, row) in rows.enumerated() { try body(Feature(id: index, geometry: nil, attributes: row)) }
    }
}

import ArgumentParser
import Foundation
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// `zoning convert IN OUT`: a layer in another format, CRS or selection.
public struct Convert: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Convert a layer between shapefile, GeoJSON, CSV, GeoPackage, FlatGeobuf (and from FileGDB), optionally reprojecting and filtering.",
        discussion: """
            Formats follow the file names: .shp, .geojson/.json, .csv (CSV input is a
            point list with longitude/latitude columns; CSV output is the attribute table,
            with X, Y for points, in UTF-8 with a byte-order mark for Excel), and
            postgresql://…?table=schema.name for a PostGIS table, read or written
            (--overwrite replaces the table; docs/DATABASE.md). Through GDAL: .gpkg
            (GeoPackage) and .fgb (FlatGeobuf), read and written, and .gdb (a File
            Geodatabase folder), read; file.gpkg#LAYER names a layer of a container, and
            a written GeoPackage holds one layer, named after # or the file.

            Shapefile output: attribute text in UTF-8 (or --output-encoding GBK), a .cpg
            always, field names cut to 10 bytes and reported, strings over 254 bytes
            refused unless --truncate-strings. The output appears only when complete;
            inputs are never overwritten.

            Examples:
              zoning convert DLTB.shp housing.shp --where "DLBM ^= '07' OR DLBM = '1004'"
              zoning convert schools.csv schools.shp --src-crs GCJ02 --dst-crs EPSG:4528
              zoning convert villages.shp villages.geojson --dst-crs EPSG:4490
              zoning convert villages.shp villages.csv
              zoning convert 县级数据库.gdb#DLTB dltb.gpkg
              zoning convert 'postgresql://gis@localhost/county?table=sample.villages' villages.geojson
            """)

    @Argument(help: "The layer to read (.shp, .geojson, .json, .csv, .gpkg[#LAYER], .fgb, .gdb[#LAYER], postgresql://…?table=…).")
    var input: String

    @Argument(help: "The layer to write (.shp, .geojson, .csv, .gpkg[#LAYER], .fgb, postgresql://…?table=…), or - for standard output with --format.")
    var output: String

    @OptionGroup var standardOutput: StandardOutputOption

    @Option(name: .customLong("dst-crs"), help: "Reproject to this CRS, e.g. EPSG:4528.")
    var targetCRS: String?

    @Option(name: .customLong("src-crs"), help: "The input's CRS, overriding what the file says (CSV default: EPSG:4326; GCJ02 and BD09 for web maps).")
    var sourceCRS: String?

    @Option(name: .customLong("where"), help: "Keep the features meeting a condition: DLBM = '0701' OR DLBM ^= '05', POP >= 1000, XZQMC LIKE '%村', KIND IN ('镇', '乡'), CXFLDM IS NULL; AND, OR, NOT, parentheses.")
    var conditions: [String] = []

    /// The one `--where` condition; two would have to be joined with AND or OR, so they are refused.
    var condition: String? { conditions.first }

    @OptionGroup var encoding: InputEncodingOption

    @Option(name: .customLong("x-field"), help: "CSV input: the longitude (x) column.")
    var xField: String?

    @Option(name: .customLong("y-field"), help: "CSV input: the latitude (y) column.")
    var yField: String?

    @OptionGroup var out: OutputOptions

    public init() {}

    public func validate() throws {
        try standardOutput.validate(output: output)
        if conditions.count > 1 {
            throw ValidationError("Give one --where and join conditions in it with AND or OR, e.g. --where \"\(conditions.joined(separator: " OR "))\".")
        }
    }

    public func run() throws {
        let source = try LayerFile.open(input, options: .init(
            encoding: encoding.value,
            crs: try sourceCRS.map { try CoordinateReferenceSystem($0) },
            xField: xField, yField: yField))
        let keep = try condition.map { try FeatureFilter($0).bind(to: source.schema) }
        var transform: CoordinateTransform?
        var targetSystem = source.crs
        if let targetCRS {
            let target = try CoordinateReferenceSystem(targetCRS)
            guard let from = source.crs else {
                throw LayerError.unknownSourceCRS(path: LayerFile.shown(input), suggestion: nil)
            }
            transform = try CoordinateTransform(from: from, to: target)
            targetSystem = target
        }
        var total = 0
        // The writer reprojects each geometry once, as it writes it (shapefiles and CSV read
        // the features twice: first for field sizes and geometry types).
        let result = try standardOutput.write(to: output) { path in
            try LayerFile.write(
                to: path, schema: source.schema, crs: targetSystem, options: out.writeOptions(inputs: source.files, standardOutput: output == "-"),
                geometryTransform: transform.map { transform in { try transform.apply(to: $0) } }
            ) { emit in
                total = 0
                try source.forEach { feature in
                    total += 1
                    guard keep?(feature) ?? true else { return }
                    try emit(feature)
                }
            }
        }
        let selection = condition.map { " (where \($0))" } ?? ""
        let systems = transform.map { " from \($0.source.shortDescription) to \($0.target.shortDescription)" } ?? ""
        let destination = output == "-" ? "standard output" : LayerFile.shown(output)
        out.say("Wrote \(result.records) of \(total) features\(selection)\(systems): \(destination)", layerOn: output)
        for note in result.notes { out.say("Note: \(note)", layerOn: output) }
    }
}

import Foundation
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// What `zoning info` prints about a layer read through its driver — a GeoPackage, File
/// Geodatabase or FlatGeobuf layer, a GeoJSON file, a CSV point list — in the rows and order
/// of the shapefile report (`InfoReport`). Counts, extent, geometry types and validity are
/// measured by reading every feature; the extent is in the layer's units (metres, or degrees
/// for a geographic CRS).
///
/// ```swift
/// let reports = try LayerInfoReport.all(location: "results.gpkg")   // one per layer
/// print(reports.map { $0.render() }.joined(separator: "\n"))
/// ```
struct LayerInfoReport {
    let source: FeatureSource
    /// `GeoPackage (GDAL GPKG)`, `GeoJSON`, …
    let format: String
    /// The file or folder, with `#LAYER` for a layer of a container.
    let location: String
    /// What the file declares (`Multi Polygon`); nil when the format declares nothing.
    let declaredGeometry: String?
    let count: Int
    /// The geometry types found, with their counts, most frequent first.
    let geometryTypes: [(type: String, count: Int)]
    let withoutGeometry: Int
    let extent: Bounds?
    let validity: (valid: Int, invalid: Int, empty: Int)?
    /// The first record's values as text; nil for an empty layer.
    let example: [String]?
    /// The CRS text the file holds (WKT), when it holds one.
    let projectionText: String?

    init(source: FeatureSource, format: String, location: String, declaredGeometry: String? = nil, projectionText: String? = nil, checkValidity: Bool = true) throws {
        self.source = source
        self.format = format
        self.location = location
        self.declaredGeometry = declaredGeometry
        self.projectionText = projectionText
        var count = 0, withoutGeometry = 0, types: [String: Int] = [:], extent: Bounds?
        var first: [String]?
        var counts = (valid: 0, invalid: 0, empty: 0)
        try source.forEach { feature in
            count += 1
            if first == nil { first = feature.attributes.map(\.description) }
            guard let geometry = feature.geometry else { withoutGeometry += 1; return }
            types[geometry.type.description, default: 0] += 1
            if let bounds = geometry.bounds { extent = extent.map { $0.union(bounds) } ?? bounds }
            guard checkValidity else { return }
            if geometry.isEmpty { counts.empty += 1 } else if geometry.isValid { counts.valid += 1 } else { counts.invalid += 1 }
        }
        self.count = count
        self.withoutGeometry = withoutGeometry
        geometryTypes = types.map { (type: $0.key, count: $0.value) }.sorted { ($0.count, $1.type) > ($1.count, $0.type) }
        self.extent = extent
        example = first
        validity = checkValidity ? counts : nil
    }

    /// The most layers of a container `zoning info` reports in full (reading every feature
    /// of each) when none is named; above it, each is listed in a line (`layerList`).
    static let fullReportLimit = 20

    /// The listing of a container holding more than `fullReportLimit` layers when none is
    /// named: one line per layer (name, declared geometry, the count the file states),
    /// nothing read; nil for any other location, which gets full reports.
    static func layerList(location: String) throws -> String? {
        guard let gdal = LayerDrivers.driver(for: location) as? GDALFormatDriver, gdal.isContainer, LayerLocation(location).layer == nil else { return nil }
        let (gdalDriverName, layers) = try GDALLayerReader.summaries(in: location, driver: gdal)
        guard layers.count > fullReportLimit else { return nil }
        var lines = [
            "File:      \(location)", "Format:    \(gdal.name) (GDAL \(gdalDriverName))",
            "Layers:    \(layers.count): more than \(fullReportLimit), so each is listed without being read; name one as \(location)#LAYER for its full report",
        ]
        let width = min(40, layers.map { $0.name.count }.max() ?? 0)
        for layer in layers {
            let count = layer.declaredCount.map { "\($0) features" } ?? "features not counted by the file"
            lines.append("  " + layer.name.padding(toLength: max(width, layer.name.count), withPad: " ", startingAt: 0) + "  \(layer.geometryType), \(count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The reports for a location: every layer of a GeoPackage or File Geodatabase (or the
    /// one named after `#`), else the one layer its driver reads.
    static func all(location: String, encoding: TextEncoding? = nil, checkValidity: Bool = true) throws -> [LayerInfoReport] {
        guard let driver = LayerDrivers.driver(for: location) else {
            throw LayerError.unreadable(path: location, problem: "zoning reads .shp (also zipped), .geojson, .json, .csv, .gpkg and .fgb files, .gdb folders and folders of shapefiles")
        }
        if let gdal = driver as? GDALFormatDriver {
            let parsed = LayerLocation(location)
            let readers = parsed.layer == nil
                ? try GDALLayerReader.all(in: parsed.path, driver: gdal)
                : [try GDALLayerReader(location: location, driver: gdal)]
            return try readers.map { reader in
                try LayerInfoReport(
                    source: reader, format: "\(gdal.name) (GDAL \(reader.gdalDriverName))",
                    location: gdal.isContainer ? LayerLocation(path: parsed.path, layer: reader.name).text : parsed.path,
                    declaredGeometry: reader.geometryTypeName, projectionText: reader.crsText, checkValidity: checkValidity)
            }
        }
        let source = try driver.open(location, options: .init(encoding: encoding))
        return [try LayerInfoReport(source: source, format: driver.name, location: location, checkValidity: checkValidity)]
    }

    func render(includeProjectionText: Bool = true) -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 11, withPad: " ", startingAt: 0) + value)
        }
        row("Layer:", source.name)
        row("File:", location)
        row("Format:", format)
        let found = geometryTypes.map { "\($0.type) (\($0.count))" }.joined(separator: ", ")
        var geometry = declaredGeometry.map { found.isEmpty || geometryTypes.count == 1 && $0.replacingOccurrences(of: " ", with: "") == geometryTypes[0].type ? $0 : "\($0); found \(found)" } ?? found
        if geometry.isEmpty { geometry = "none" }
        if withoutGeometry > 0, withoutGeometry < count { geometry += "; \(withoutGeometry) records without geometry" }
        row("Geometry:", geometry)
        row("Features:", String(count))
        if let b = extent {
            let digits = source.crs?.isGeographic == true ? 6 : 3
            func fixed(_ value: Double) -> String { String(format: "%.\(digits)f", value) }
            row("Extent:", "\(fixed(b.minX)), \(fixed(b.minY)) – \(fixed(b.maxX)), \(fixed(b.maxY))  (minX, minY – maxX, maxY)")
        }
        row("CRS:", source.crs.map { system in system.epsg.map { "EPSG:\($0) — \(system.name)" } ?? "\(system.name) (no EPSG code identified)" } ?? "unknown: the file names none")
        if let validity {
            row("Validity:", "\(validity.valid) valid, \(validity.invalid) invalid, \(validity.empty) empty")
        }
        row("Fields:", String(source.schema.fields.count))
        if !source.schema.fields.isEmpty {
            // Chinese characters take two columns in a terminal.
            func columns(_ text: String) -> Int { text.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x1100 ? 2 : 1) } }
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - columns(text))) }
            func leftPad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
            let nameWidth = max(4, source.schema.fields.map { columns($0.name) }.max() ?? 0)
            lines.append("  " + pad("Name", nameWidth) + "  Type      Width  Decimals")
            for field in source.schema.fields {
                lines.append("  " + pad(field.name, nameWidth) + "  " + pad(field.type.rawValue, 8) + leftPad(String(field.width), 7) + leftPad(String(field.precision), 10))
            }
        }
        if let example {
            let pairs = zip(source.schema.names, example).map { "\($0)=\($1)" }.joined(separator: ", ")
            row("Record 0:", pairs.count > 160 ? String(pairs.prefix(157)) + "…" : pairs)
        }
        if includeProjectionText, let text = projectionText {
            lines.append("CRS text:")
            lines.append("  " + text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

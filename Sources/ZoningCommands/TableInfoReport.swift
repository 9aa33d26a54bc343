import Foundation
import ZoningGeometry
import ZoningLayers
import ZoningProjection

/// What `zoning info` prints about a PostGIS table (`postgresql://…?table=schema.name`): the
/// counterpart of `InfoReport` for a database layer.
///
/// ```swift
/// let report = try TableInfoReport(location: "postgresql:///county?table=sample.villages")
/// print(report.render())
/// ```
struct TableInfoReport {
    let layer: PostGISLayerReader
    let count: Int
    let extent: Bounds?
    let validity: (valid: Int, invalid: Int, empty: Int)?
    /// The first record's values as text; nil for an empty table.
    let example: [String]?

    init(location: String, checkValidity: Bool = true) throws {
        guard let reader = try LayerFile.open(location) as? PostGISLayerReader else {
            throw CommandError(message: "\(LayerFile.shown(location)) is not a PostGIS table")
        }
        layer = reader
        count = try reader.count()
        extent = try reader.extent()
        var first: [String]?
        var counts = (valid: 0, invalid: 0, empty: 0)
        try reader.forEach { feature in
            if first == nil { first = feature.attributes.map(\.description) }
            guard checkValidity, let geometry = feature.geometry else { return }
            if geometry.isEmpty { counts.empty += 1 } else if geometry.isValid { counts.valid += 1 } else { counts.invalid += 1 }
        }
        example = first
        validity = checkValidity ? counts : nil
    }

    func render() -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 11, withPad: " ", startingAt: 0) + value)
        }
        row("Layer:", layer.name)
        row("Table:", layer.table.description)
        row("Database:", layer.url.masked + " (PostGIS \(layer.postgisVersion))")
        row("Geometry:", layer.geometryColumn.map { "\($0.type) in column \($0.name)" } ?? "none: the table has no geometry column")
        row("Features:", String(count))
        if let b = extent {
            let digits = layer.crs?.isGeographic == true ? 6 : 3
            func fixed(_ value: Double) -> String { String(format: "%.\(digits)f", value) }
            row("Extent:", "\(fixed(b.minX)), \(fixed(b.minY)) – \(fixed(b.maxX)), \(fixed(b.maxY))  (minX, minY – maxX, maxY)")
        }
        let crs = layer.crs.map { system in system.epsg.map { "EPSG:\($0) — \(system.name)" } ?? system.name } ?? "unknown: SRID 0"
        row("CRS:", crs + (layer.srid > 0 ? " (SRID \(layer.srid))" : ""))
        row("Encoding:", "UTF-8 (the database's text, as zoning reads it)")
        if let validity {
            row("Validity:", "\(validity.valid) valid, \(validity.invalid) invalid, \(validity.empty) empty")
        }
        row("Fields:", String(layer.schema.fields.count))
        if !layer.schema.fields.isEmpty {
            func columns(_ text: String) -> Int { text.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x1100 ? 2 : 1) } }
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - columns(text))) }
            let nameWidth = max(4, layer.schema.fields.map { columns($0.name) }.max() ?? 0)
            lines.append("  " + pad("Name", nameWidth) + "  Type      Width  Decimals")
            for field in layer.schema.fields {
                let width = String(field.width), decimals = String(field.precision)
                lines.append(
                    "  " + pad(field.name, nameWidth) + "  " + pad(field.type.rawValue, 8)
                        + String(repeating: " ", count: max(0, 7 - width.count)) + width
                        + String(repeating: " ", count: max(0, 10 - decimals.count)) + decimals)
            }
        }
        if let example {
            let pairs = zip(layer.schema.names, example).map { "\($0)=\($1)" }.joined(separator: ", ")
            row("Record 0:", pairs.count > 160 ? String(pairs.prefix(157)) + "…" : pairs)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningShapefile
import ZoningSupport

/// What `zoning info` prints about a shapefile, gathered first and rendered as text after.
///
/// ```swift
/// let report = try InfoReport(path: "Shapefiles/townships.shp")
/// print(report.render())
/// ```
struct InfoReport {
    let dataset: ShapefileDataset
    /// The unpacked archive when the file is a .zip, kept while the dataset is read.
    let delivery: ZipDelivery?
    /// The CRS read from the .prj, or why it could not be read; nil without a .prj.
    let crs: Result<CoordinateReferenceSystem, any Error>?
    let encoding: EncodingDecision
    /// nil when there is no .shp, or when the check was not asked for.
    let validity: ValiditySummary?
    /// Field names in the attribute encoding.
    let fieldNames: [String]
    /// The first record's values as text, or why they cannot be read; nil for an empty table.
    let example: Result<[String], any Error>?

    init(path: String, encoding option: TextEncoding? = nil, checkValidity: Bool = true) throws {
        delivery = path.lowercased().hasSuffix(".zip") ? try ZipDelivery(archive: path) : nil
        dataset = try ShapefileDataset(path: delivery?.shapefile ?? path)
        crs = dataset.projectionText.map { text in Result { try CoordinateReferenceSystem(prj: text) } }
        encoding = dataset.encodingDecision(option: option)
        validity = checkValidity && dataset.shapeType != nil ? try ValiditySummary(dataset) : nil
        let decoder = try TextDecoder(encoding.encoding)
        fieldNames = dataset.fieldNames(decoder: decoder)
        let dataset = self.dataset
        example = (dataset.dbfRecordCount ?? 0) > 0
            ? Result { try dataset.attributes(at: 0, decoder: decoder).map(\.description) } : nil
    }

    func render(includeProjectionText: Bool = true) -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 11, withPad: " ", startingAt: 0) + value)
        }
        row("Layer:", URL(fileURLWithPath: dataset.basePath).lastPathComponent)
        row("File:", dataset.shpPath ?? dataset.dbfPath ?? dataset.basePath)
        if let type = dataset.shapeType {
            row("Geometry:", type.description)
        } else {
            row("Geometry:", "none: the .shp is missing, so only the attribute table (.dbf) was read")
        }
        row("Features:", String(dataset.recordCount))
        if let dbfCount = dataset.dbfRecordCount, dataset.shapeType != nil, dbfCount != dataset.recordCount {
            row("Warning:", "the .dbf has \(dbfCount) records but the .shp has \(dataset.recordCount)")
        }
        if dataset.indexRebuilt {
            row("Index:", "the .shx file is missing; zoning rebuilt it from the .shp (in a temporary folder)")
        }
        if let b = dataset.bounds {
            let digits = isGeographic ? 6 : 3
            row("Extent:", "\(fixed(b.minX, digits)), \(fixed(b.minY, digits)) – \(fixed(b.maxX, digits)), \(fixed(b.maxY, digits))  (minX, minY – maxX, maxY)")
        }
        if let z = dataset.zRange {
            row("Z range:", "\(fixed(z.lowerBound, 3)) – \(fixed(z.upperBound, 3))")
        }
        row("CRS:", crsLine)
        row("Encoding:", dataset.dbfPath == nil ? "no .dbf file" : encoding.description)
        if let validity {
            var counts = "\(validity.valid) valid, \(validity.invalid) invalid, \(validity.empty) empty"
            if validity.unbuildable > 0 { counts += ", \(validity.unbuildable) unreadable" }
            row("Validity:", counts)
            if let first = validity.firstInvalid { row("", "first invalid: \(first)") }
            if let first = validity.firstUnbuildable { row("", "first unreadable: \(first)") }
        }
        row("Fields:", String(dataset.fields.count))
        if !dataset.fields.isEmpty {
            // Chinese characters take two columns in a terminal.
            func columns(_ text: String) -> Int { text.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x1100 ? 2 : 1) } }
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - columns(text))) }
            let nameWidth = max(4, fieldNames.map(columns).max() ?? 0)
            lines.append("  " + pad("Name", nameWidth) + "  Type      Width  Decimals")
            for (field, name) in zip(dataset.fields, fieldNames) {
                let type = field.kind?.description ?? "'\(field.typeLetter)'"
                lines.append(
                    "  " + pad(name, nameWidth)
                        + "  " + type.padding(toLength: 8, withPad: " ", startingAt: 0)
                        + leftPad(String(field.width), 7) + leftPad(String(field.decimals), 10))
            }
        }
        switch example {
        case .success(let values)?:
            let pairs = zip(fieldNames, values).map { "\($0)=\($1)" }.joined(separator: ", ")
            row("Record 0:", pairs.count > 160 ? String(pairs.prefix(157)) + "…" : pairs)
        case .failure(let error)?:
            row("Record 0:", "cannot be read: \(error)")
        case nil:
            break
        }
        if includeProjectionText, let text = dataset.projectionText {
            lines.append(".prj:")
            lines.append("  " + text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var isGeographic: Bool {
        (try? crs?.get())?.isGeographic ?? false
    }

    private var crsLine: String {
        switch crs {
        case nil:
            let suggestion = dataset.bounds
                .flatMap { GaussKruger.prefixedZone(minX: $0.minX, maxX: $0.maxX) }
                .flatMap { GaussKruger.epsg(zone: $0, prefixed: true) }
                .map { "; its x values look like EPSG:\($0) (Gauss–Krüger with the zone prefix)" } ?? ""
            return "unknown: there is no .prj file" + suggestion
        case .success(let system)?:
            return system.epsg.map { "EPSG:\($0) — \(system.name)" } ?? "\(system.name) (no EPSG code identified)"
        case .failure(let error)?:
            return "the .prj could not be read: \(error)"
        }
    }

    private func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

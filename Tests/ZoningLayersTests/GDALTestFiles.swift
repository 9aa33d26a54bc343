import Foundation
import ZoningTestSupport

/// Inputs for the GDAL tests, made with ogr2ogr from the sample's shapefiles (never committed).
enum GDALTestFiles {
    /// Runs `ogr2ogr` with `arguments`.
    static func convert(_ arguments: [String]) throws {
        _ = try ExternalTool.ogr2ogr.run(arguments)
    }

    /// The sample's shapefile `name` (e.g. `villages`).
    static func sample(_ name: String) -> String { checkoutRoot + "/Shapefiles/\(name).shp" }

    /// ogr2ogr's open options for the sample's shapefile `name`: DLTB has no .cpg and is GBK.
    static func openOptions(_ name: String) -> [String] { name == "DLTB" ? ["-oo", "ENCODING=CP936"] : [] }

    /// Adds the sample's layer `name` to `path` (created when missing) in GDAL's format
    /// `format` (`GPKG`, `OpenFileGDB`, `FlatGeobuf`), as layer `layer`.
    static func add(_ name: String, to path: String, format: String, layer: String? = nil) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        try convert(["-f", format] + (exists ? ["-update"] : []) + openOptions(name) + ["-nln", layer ?? name, path, sample(name)])
    }

    /// The sample's land use (DLTB, 20,280 parcels) converted to `path` in GDAL's `format`,
    /// as layer DLTB (FlatGeobuf without its spatial index, so that its features follow the
    /// header).
    static func landUse(to path: String, format: String) throws {
        let options = format == "FlatGeobuf" ? ["-lco", "SPATIAL_INDEX=NO"] : []
        try convert(["-f", format] + options + openOptions("DLTB") + ["-nln", "DLTB", path, sample("DLTB")])
    }

    /// Overwrites `bytes` of the file at `offset` (negative: from the end).
    static func overwrite(_ path: String, at offset: Int, with bytes: [UInt8]) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let start = offset < 0 ? data.count + offset : offset
        data.replaceSubrange(start..<start + bytes.count, with: bytes)
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Keeps the first `count` bytes of the file.
    static func truncate(_ path: String, to count: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(count))
        try handle.close()
    }

    /// The size of the file in bytes.
    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The feature count GDAL's own ogrinfo states for `layer` (nil when it states none).
    static func ogrinfoCount(_ path: String, layer: String?) throws -> Int? {
        let text = try ExternalTool.ogrinfo.run(["-ro", "-so", path] + (layer.map { [$0] } ?? ["-al"]))
        return text.split(separator: "\n").first { $0.hasPrefix("Feature Count: ") }.flatMap { Int($0.dropFirst("Feature Count: ".count)) }
    }

    /// Runs SQL on a GeoPackage through ogrinfo (GDAL's SQLite functions make its R-tree
    /// triggers work).
    static func sql(_ path: String, _ statement: String) throws -> String {
        try ExternalTool.ogrinfo.run(["-q", path, "-dialect", "SQLITE", "-sql", statement])
    }

    /// The GeoPackage geometry blob of one record, as hex.
    static func geometryHex(_ path: String, table: String, fid: Int) throws -> String {
        let text = try ExternalTool.ogrinfo.run(["-ro", "-q", path, "-dialect", "SQLITE", "-sql", "SELECT hex(geom) AS h FROM \"\(table)\" WHERE fid = \(fid)"])
        guard let line = text.split(separator: "\n").first(where: { $0.contains("h (String) = ") }) else { return "" }
        return String(line.split(separator: "=", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces))
    }
}

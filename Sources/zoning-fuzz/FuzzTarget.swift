import ArgumentParser
import Foundation
import ZoningCommands
import ZoningGeometry
import ZoningProject

/// What the fuzzers feed: each target takes any bytes and runs them through zoning the way a
/// user's file would go, through the same commands (`info`, `convert`) or readers. A target
/// passes when zoning returns or throws; a crash, a sanitizer report or a hang is a finding.
///
/// ```swift
/// let workspace = try FuzzWorkspace()
/// FuzzTarget.shapefile.run(bytes, in: workspace)   // info, then convert to GeoJSON and to a shapefile
/// FuzzTarget.geopackage.run(bytes, in: workspace)  // info, then convert its layer to GeoJSON
/// ```
enum FuzzTarget: String, CaseIterable {
    /// A shapefile's `.shp`, `.shx`, `.dbf` and `.prj` together (`ShapefileBundle`); the
    /// seeds carry no `.prj`, and an input without one gets the sample's.
    case shapefile
    /// A GeoJSON file.
    case geojson
    /// A CSV point list (x/y or lon/lat columns, as `zoning` detects them).
    case csv
    /// Well-known text.
    case wkt
    /// Well-known binary.
    case wkb
    /// A project file (YAML), in a folder where the sample's layers are, so that a valid file
    /// reads its layers.
    case project
    /// A GeoPackage (SQLite) file, read through GDAL.
    case geopackage

    /// The largest input worth trying (bytes): shapefiles need room for records, texts less.
    var maximumLength: Int {
        switch self {
        case .geopackage: return 262_144  // GDAL writes at least 96 KiB of tables and pages
        case .shapefile, .geojson: return 65_536
        case .csv, .project: return 16_384
        case .wkt, .wkb: return 4_096
        }
    }

    func run(_ bytes: [UInt8], in workspace: FuzzWorkspace) {
        switch self {
        case .shapefile:
            let base = workspace.path + "/layer"
            var bundle = ShapefileBundle(unpacking: bytes)
            // Without a .prj of its own, the input gets the sample's: the fuzzing goes to the
            // records, not to PROJ's parser (whose answers zoning keeps per text).
            if bundle.prj.isEmpty { bundle.prj = workspace.samplePrj }
            guard (try? bundle.write(to: base)) != nil else { return }
            workspace.command(["info", base + ".shp"])
            workspace.command(["convert", base + ".shp", workspace.path + "/out.geojson", "--overwrite", "--src-crs", "EPSG:4528"])
            workspace.command(["convert", base + ".shp", workspace.path + "/out.shp", "--overwrite"])
        case .geojson:
            let path = workspace.path + "/layer.geojson"
            guard (try? Data(bytes).write(to: URL(fileURLWithPath: path))) != nil else { return }
            workspace.command(["info", path])
            workspace.command(["convert", path, workspace.path + "/out.shp", "--overwrite"])
        case .csv:
            let path = workspace.path + "/points.csv"
            guard (try? Data(bytes).write(to: URL(fileURLWithPath: path))) != nil else { return }
            workspace.command(["info", path])
            workspace.command(["convert", path, workspace.path + "/out.shp", "--overwrite"])
            workspace.command(["convert", path, workspace.path + "/out.geojson", "--overwrite"])
        case .wkt:
            Self.exercise(try? Geometry(wkt: String(decoding: bytes, as: UTF8.self)))
        case .wkb:
            Self.exercise(try? Geometry(wkb: bytes))
        case .geopackage:
            let path = workspace.path + "/layers.gpkg"
            // An input whose header says WAL mode must not find the previous input's -wal.
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            guard (try? Data(bytes).write(to: URL(fileURLWithPath: path))) != nil else { return }
            workspace.command(["info", path])
            workspace.command(["convert", path, workspace.path + "/out.geojson", "--overwrite"])
        case .project:
            let path = workspace.path + "/project.yaml"
            guard (try? Data(bytes).write(to: URL(fileURLWithPath: path))) != nil else { return }
            _ = try? Project(contentsOf: path)
        }
    }

    /// What the analyses ask of a geometry read from outside.
    static func exercise(_ geometry: Geometry?) {
        guard let geometry else { return }
        _ = geometry.isValid
        _ = geometry.area
        _ = try? geometry.wkb()
        _ = try? geometry.geoJSON()
        _ = try? geometry.makeValid().area
        _ = try? geometry.buffer(1).area
    }
}

/// A private folder for one fuzzing process, holding the current input's files, the outputs
/// and links to the sample's layers (for the project target). Standard output goes to
/// /dev/null so that `info` does not flood the fuzzer's log.
final class FuzzWorkspace {
    let path: String
    /// The sample's `.prj` (CGCS2000, Gauss–Krüger zone 40), or nothing without the sample.
    let samplePrj: [UInt8]

    /// - Parameter sample: the folder of the sample's layers to link in (`Shapefiles/`).
    init(sample: String?) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-fuzz-\(getpid())").path
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        samplePrj = sample.flatMap { FileManager.default.contents(atPath: $0 + "/villages.prj") }.map { [UInt8]($0) } ?? []
        if let sample, let names = try? FileManager.default.contentsOfDirectory(atPath: sample) {
            for name in names where !name.hasSuffix(".yaml") {
                try? FileManager.default.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: sample + "/" + name)
            }
        }
        let null = open("/dev/null", O_WRONLY)
        if null >= 0 { dup2(null, STDOUT_FILENO); close(null) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The commands parsed so far, by their arguments: a target runs the same few command
    /// lines for every input, and parsing one (ArgumentParser reflects over the command's
    /// options) cost more than running it on most inputs.
    private var parsed: [[String]: any ParsableCommand] = [:]

    /// Runs a `zoning` subcommand in this process; its errors are the expected outcome of most
    /// inputs. Each run gets a fresh copy of the parsed command (commands are values).
    func command(_ arguments: [String]) {
        if parsed[arguments] == nil { parsed[arguments] = try? Zoning.parseAsRoot(arguments) }
        guard var command = parsed[arguments] else { return }
        try? command.run()
    }
}

import ArgumentParser
import Foundation
import ZoningLayers
import ZoningSupport

/// `-` as a command's output: the layer goes to standard output as GeoJSON or CSV, for piping
/// (`zoning query DLTB.shp - --format geojson --where … | jq …`), and the command's own lines
/// go to standard error.
struct StandardOutputOption: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case geojson, csv
    }

    @Option(help: "With - as the output: write \(Format.allCases.map(\.rawValue).joined(separator: " or ")) to standard output.")
    var format: Format?

    /// Whether `output` asks for standard output.
    static func isStandardOutput(_ output: String?) -> Bool { output == "-" }

    func validate(output: String?) throws {
        if Self.isStandardOutput(output), format == nil { throw ValidationError("- writes to standard output: say which format with --format geojson or --format csv.") }
        if !Self.isStandardOutput(output), format != nil { throw ValidationError("--format goes with - as the output; a file's extension says its format.") }
    }

    /// Writes through `write(path)`: to `output` itself, or for `-` to a private temporary file
    /// of the format, copied to standard output once complete (so a failed write prints nothing).
    func write<Result>(to output: String, _ write: (String) throws -> Result) throws -> Result {
        guard Self.isStandardOutput(output), let format else { return try write(output) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-stdout-\(UUID().uuidString)")
        Interruption.register(folder.path)  // removed on Ctrl-C too
        defer {
            try? FileManager.default.removeItem(at: folder)
            Interruption.unregister(folder.path)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("layer.\(format.rawValue)").path
        let result = try write(file)
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CommandError(message: "the temporary output \(file) vanished") }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { FileHandle.standardOutput.write(chunk) }
        return result
    }
}

extension OutputOptions {
    /// Prints `line` unless --quiet: to standard error when the layer itself goes to standard output.
    func say(_ line: String, layerOn output: String?) {
        guard !quiet else { return }
        if StandardOutputOption.isStandardOutput(output) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            print(line)
        }
    }
}

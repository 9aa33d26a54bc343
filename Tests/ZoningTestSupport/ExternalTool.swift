import Foundation

/// Programs from Debian that tests use to check zoning's outputs the way other software reads
/// them (Scripts/test.sh installs them). Tests carry `.enabled(if: ExternalTool.ogrinfo.isAvailable)`;
/// in CI a missing tool fails `SharedDataTests` instead of skipping silently.
public enum ExternalTool: String, CaseIterable, Sendable {
    /// GDAL's `ogrinfo` (Debian package gdal-bin).
    case ogrinfo
    /// GDAL's `ogr2ogr` (Debian package gdal-bin), to make GeoPackages and File Geodatabases
    /// from the sample's shapefiles inside the tests.
    case ogr2ogr
    /// Headless Chromium (Debian package chromium), to open the HTML report as a person would.
    case chromium
    /// coreutils' `sha256sum`, a second way to compute the manifest's checksums.
    case sha256sum
    /// poppler's `pdftotext` (Debian package poppler-utils), to read the report printed to PDF page by page.
    case pdftotext

    /// The absolute path, when the program is on PATH.
    public var path: String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return folders.map { "\($0)/\(rawValue)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public var isAvailable: Bool { path != nil }

    /// Runs the tool and returns its standard output; throws when it exits non-zero.
    public func run(_ arguments: [String]) throws -> String {
        guard let path else { throw ToolFailure(message: "\(rawValue) is not installed") }
        let outcome = try ProcessOutcome.run(path, arguments)
        guard outcome.status == 0 else {
            throw ToolFailure(message: "\(rawValue) \(arguments.joined(separator: " ")) failed: \(outcome.errors)")
        }
        return outcome.output
    }

    public struct ToolFailure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

/// What a program printed and how it ended.
public struct ProcessOutcome: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String

    /// Runs `executable` with `arguments` and waits for it.
    /// - Parameter environment: variables to set on top of this process's environment.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes at once before waiting, so that neither full pipe can block the
        // child (reading one to its end first hung on more than 64 KB on the other).
        let err = ErrorBytes()
        let reader = Thread { err.data = errors.fileHandleForReading.readDataToEndOfFile(); err.done.signal() }
        reader.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        err.done.wait()
        process.waitUntilExit()
        return ProcessOutcome(
            status: process.terminationStatus,
            output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err.data, as: UTF8.self))
    }

    /// Standard error as read by its own thread.
    private final class ErrorBytes: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}

/// A fresh temporary folder, deleted when the value is released.
public final class TemporaryFolder {
    public let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `path/name`.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// The names in the folder, hidden ones included, sorted.
    public var contents: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

/// The checkout's root, for tests that read files it ships (e.g. `Shapefiles/`).
public let checkoutRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

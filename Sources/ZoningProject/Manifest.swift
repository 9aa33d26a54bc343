import Foundation
import ZoningAnalysis
import ZoningChecksum
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// `manifest.json`: what a run read, with which parameters and toolkit, and what it wrote, so
/// that a result can be audited and reproduced.
///
/// | key | contents |
/// |---|---|
/// | `toolkit` | zoning, GEOS and PROJ versions |
/// | `project` | name, analysis CRS |
/// | `inputs` | per role (land_use, villages, townships, seats, facilities, population, targets, project): each file's path relative to the project file's folder, size in bytes and SHA-256; a PostGIS table's URL (password masked), `rows` and the SHA-256 of its rows (the MD5 of each row's text, sorted, hashed together; the same rows give the same checksum in any order) |
/// | `parameters` | every analysis parameter as used (defaults filled in) |
/// | `checks` | every finding of the input checks: severity, id, layer, field, message, fix, examples |
/// | `outputs` | every file written: path relative to the output folder, bytes, SHA-256 |
/// | `timings` | seconds per step and the time the run finished (UTC); the only part that differs between runs of the same inputs |
public enum Manifest {
    /// The manifest of `result`, whose outputs are already in `outputFolder`.
    public static func document(_ result: RunResult, inputs: [InputFile], outputFolder: String) throws -> JSONValue {
        let project = result.project
        // Hashed on every core, listed in the folder's order.
        let outputs = try Parallel.map(outputFiles(in: outputFolder)) { path -> JSONValue in
            let (bytes, digest) = try sha256(of: outputFolder + "/" + path)
            return .object([("path", .string(path)), ("bytes", .integer(Int64(bytes))), ("sha256", .string(digest))])
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return .object([
            ("toolkit", .object([
                ("zoning", .string(ZoningVersion.current)), ("geos", .string(GEOSLibrary.version)), ("proj", .string(PROJLibrary.version)),
            ])),
            ("project", .object([("name", .string(project.name)), ("analysis_crs", .string(result.crs.description))])),
            ("inputs", .array(Dictionary(grouping: inputs, by: \.role).sorted { order($0.key) < order($1.key) }.map { role, files in
                .object([("role", .string(role)), ("files", .array(files.map { .object([
                    ("path", .string($0.path)), $0.rows.map { ("rows", .integer(Int64($0))) } ?? ("bytes", .integer(Int64($0.bytes))),
                    ("sha256", .string($0.sha256))]) }))])
            })),
            ("parameters", parameters(project)),
            ("checks", .array(result.checks.checks.map(CheckOutputs.json))),
            ("outputs", .array(outputs)),
            ("timings", .object(result.timings.map { (key: "\($0.step)_s", value: .number(($0.seconds * 1000).rounded() / 1000)) }
                + [(key: "finished_at", value: .string(formatter.string(from: Date())))])),
        ])
    }

    /// Every parameter of the run, defaults included, with the project file's keys: each
    /// section of a step that runs (`builtup`, `classification`, `coverage`, `life_circles`)
    /// reads back as that section of a project file.
    public static func parameters(_ project: Project) -> JSONValue {
        let fields = LayerRole.allCases.compactMap { role -> (key: String, value: JSONValue)? in
            let roles = FieldRole.of(role)
            guard !roles.isEmpty else { return nil }
            return (role.rawValue, .object(roles.map { (key: $0.key, value: .string(project.fields[$0])) }))
        }
        return .object([
            ("fields", .object(fields + [
                ("facilities", .object([
                    ("type_field", project.facilityTypeField.map(JSONValue.string) ?? .null),
                    ("type_map", .object(
                        project.facilityTypes.types.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value.rawValue)) }
                            + project.facilityTypes.ignored.sorted().map { (key: $0, value: .string(FacilityTypeMap.ignore)) })),
                ])),
            ])),
            ("strict", .bool(project.strict)),
            ("engine", .string(project.engine.rawValue)),
            ("language", .string(project.language.rawValue)),
        ] + project.steps.compactMap(ParameterSections.section) + [
            ("targets", .integer(Int64(project.targets?.targets.count ?? 0))),
            ("outputs", .object([
                ("encoding", .string(project.outputEncoding.name)), ("csv_bom", .bool(project.csvByteOrderMark)),
                ("format", .string(project.layerOutputFormat.rawValue)),
            ])),
        ])
    }

    /// The files under `folder` (recursively), relative and sorted, leaving out the manifest itself.
    static func outputFiles(in folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue, path != "manifest.json" {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// One input file: its role, path relative to the project file's folder, size and SHA-256;
    /// or one PostGIS table: its URL (password masked), its rows and the SHA-256 of its rows
    /// (`PostGISLayerReader.contentChecksum`).
    public struct InputFile: Sendable, Equatable {
        public var role: String
        public var path: String
        /// The file's size; 0 for a table.
        public var bytes: Int
        public var sha256: String
        /// A table's rows; nil for a file.
        public var rows: Int? = nil

        /// The file as the report's list of inputs shows it.
        public var reportRow: ReportInputFile { ReportInputFile(role: role, path: path, bytes: bytes, sha256: sha256, rows: rows) }
    }

    static let roles = LayerRole.allCases.map(\.rawValue) + ["targets", "project"]
    static func order(_ role: String) -> Int { roles.firstIndex(of: role) ?? roles.count }

    /// Every file a run read (each layer's sidecars included), with checksums: those hashed
    /// while the run read them (`InputHashing`), else hashed now.
    public static func inputFiles(_ result: RunResult) throws -> [InputFile] {
        let project = result.project
        let base = URL(fileURLWithPath: project.file ?? project.output).deletingLastPathComponent().path
        let digests = try result.inputHashing?.digests() ?? result.inputFiles.map { try sha256(of: $0.path) }
        return zip(result.inputFiles, digests).map { file, digest in
            InputFile(role: file.role, path: relative(file.path, to: base), bytes: digest.bytes, sha256: digest.hex)
        } + result.inputTables
    }

    /// The SHA-256 of a file (lowercase hex) and its size, read in 1 MiB chunks.
    public static func sha256(of path: String) throws -> (bytes: Int, hex: String) {
        guard let digest = try SHA256Digest.file(path) else { throw RunError.cannotRead(path: path, problem: FileAccess.readProblem(path)) }
        return digest
    }

    /// `path` relative to the folder `base` (with `..` where needed), both absolute.
    static func relative(_ path: String, to base: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let from = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, from.count), target[common] == from[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + target[common...]).joined(separator: "/")
    }
}

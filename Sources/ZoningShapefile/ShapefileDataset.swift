import CShapelib
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZoningGeometry
import ZoningSupport

/// A shapefile opened read-only: the .shp/.shx geometry, the .dbf table and the sidecar files
/// (.prj, .cpg). The files are never written to.
///
/// ```swift
/// let parcels = try ShapefileDataset(path: "Shapefiles/DLTB.shp")
/// parcels.shapeType    // .polygon
/// parcels.recordCount  // 20 000
/// parcels.fields.map(\.name)  // ["BSM", "DLBM", ...]
/// ```
///
/// A shapefile whose .shp is missing but whose .dbf is present opens as an attribute table
/// (`shapeType == nil`), so that its records can still be described. A missing .shx index is
/// rebuilt from a copy of the .shp in a private temporary folder (`indexRebuilt`), never
/// beside the input.
///
/// Not `Sendable`: shapelib handles hold file positions. Open one per task.
public final class ShapefileDataset {
    /// The path without extension, as given (e.g. `Shapefiles/DLTB`).
    public let basePath: String
    /// The .shp path actually found (its case as on disk), or nil when there is none.
    public let shpPath: String?
    /// The .dbf path found, or nil when there is none.
    public let dbfPath: String?
    /// The shape type in the .shp header; nil when there is no .shp.
    public let shapeType: ShapeType?
    /// The number of records: the .shp's, or the .dbf's when there is no .shp.
    public let recordCount: Int
    /// The number of records in the .dbf; nil when there is no .dbf.
    public let dbfRecordCount: Int?
    /// x/y extent from the .shp header, in the layer's CRS; nil when there is no .shp or it
    /// holds no shapes.
    public let bounds: Bounds?
    /// z range from the header, for Z types.
    public let zRange: ClosedRange<Double>?
    /// The attribute fields, in table order.
    public let fields: [FieldDefinition]
    /// The text of the .prj file, if there is one.
    public let projectionText: String?
    /// The text of the .cpg file (the DBF's code page, e.g. `UTF-8`, `GBK`), if there is one.
    public let codePageText: String?
    /// The DBF header's language-driver byte (0 = none declared; 0x4D = GBK, …).
    public let languageDriver: UInt8?
    /// True when the .shx was missing and zoning rebuilt it from the .shp.
    public let indexRebuilt: Bool
    /// The private folder holding the .shp copy and rebuilt .shx; deleted with the dataset.
    private let rebuildFolder: String?

    let shpHandle: SHPHandle?
    let dbfHandle: DBFHandle?
    /// The .shp shapelib opened: `shpPath`, or the copy beside a rebuilt index.
    let openedShpPath: String?

    /// Opens `path`, given as `name.shp`, `name.dbf` or `name` (any case of the extension).
    ///
    /// - Throws: `ShapefileError.notFound` when neither .shp nor .dbf exists,
    ///   `.missingIndex` when the .shx is missing, `.unreadable` when shapelib rejects a file,
    ///   `.noAccess` when one of its files (or a folder above) may not be read, or is not a
    ///   regular file (a FIFO, a link to a device), even a .prj or .cpg.
    public init(path: String) throws {
        let base = Self.stripExtension(path)
        basePath = base
        // A file or folder zoning may not read is said so, not taken for a missing .prj or .cpg
        // (which would change the CRS or the encoding) or a missing shapefile.
        // Nor is a FIFO or a device (a link to /dev/zero) opened: shapelib would wait on it forever.
        for file in [path] + ["shp", "shx", "dbf", "prj", "cpg"].compactMap({ Self.sidecar(base, $0) }) {
            if let problem = FileAccess.readProblem(file) { throw ShapefileError.noAccess(path: file, problem: problem) }
        }
        for file in ["shp", "shx", "dbf", "prj", "cpg"].compactMap({ Self.sidecar(base, $0) }) {
            if let problem = FileAccess.notRegularProblem(file) { throw ShapefileError.noAccess(path: file, problem: problem) }
        }
        shpPath = Self.sidecar(base, "shp")
        dbfPath = Self.sidecar(base, "dbf")
        guard shpPath != nil || dbfPath != nil else { throw ShapefileError.notFound(path: path) }

        var hooks = ShapelibHooks.make()
        var shpHandle: SHPHandle?
        var rebuildFolder: String?
        if let shpPath {
            var openPath = shpPath
            if Self.sidecar(base, "shx") == nil {
                let folder = try Self.rebuildIndex(of: shpPath, &hooks)
                rebuildFolder = folder
                openPath = folder + "/layer.shp"
            }
            shpHandle = SHPOpenLL(openPath, "rb", &hooks)
            guard shpHandle != nil else {
                if let rebuildFolder { try? FileManager.default.removeItem(atPath: rebuildFolder) }
                throw ShapefileError.unreadable(path: shpPath, message: ShapelibHooks.takeMessage())
            }
        }
        self.indexRebuilt = rebuildFolder != nil
        self.rebuildFolder = rebuildFolder
        var dbfHandle: DBFHandle?
        if let dbfPath {
            dbfHandle = DBFOpenLL(dbfPath, "rb", &hooks)
            guard dbfHandle != nil else {
                if let shpHandle { SHPClose(shpHandle) }
                if let rebuildFolder { try? FileManager.default.removeItem(atPath: rebuildFolder) }
                throw ShapefileError.unreadable(path: dbfPath, message: ShapelibHooks.takeMessage())
            }
        }
        self.shpHandle = shpHandle
        self.dbfHandle = dbfHandle

        if let shpHandle {
            var count: Int32 = 0, type: Int32 = 0
            var minimum = [Double](repeating: 0, count: 4), maximum = [Double](repeating: 0, count: 4)
            SHPGetInfo(shpHandle, &count, &type, &minimum, &maximum)
            guard let known = ShapeType(rawValue: type) else {
                SHPClose(shpHandle)
                if let dbfHandle { DBFClose(dbfHandle) }
                if let rebuildFolder { try? FileManager.default.removeItem(atPath: rebuildFolder) }
                throw ShapefileError.unreadable(path: shpPath ?? path, message: "unknown shape type \(type) in the header")
            }
            if let problem = ShapefileIndexCheck.problem(shpHandle, shp: rebuildFolder.map { $0 + "/layer.shp" } ?? shpPath ?? path, type: known) {
                SHPClose(shpHandle)
                if let dbfHandle { DBFClose(dbfHandle) }
                if let rebuildFolder { try? FileManager.default.removeItem(atPath: rebuildFolder) }
                throw ShapefileError.badIndex(shp: shpPath ?? path, problem: problem)
            }
            shapeType = known
            openedShpPath = rebuildFolder.map { $0 + "/layer.shp" } ?? shpPath
            recordCount = Int(count)
            bounds = count > 0 ? Bounds(minX: minimum[0], minY: minimum[1], maxX: maximum[0], maxY: maximum[1]) : nil
            zRange = known.hasZ && count > 0 && minimum[2] <= maximum[2] ? minimum[2]...maximum[2] : nil
        } else {
            shapeType = nil
            openedShpPath = nil
            recordCount = dbfHandle.map { Int(DBFGetRecordCount($0)) } ?? 0
            bounds = nil
            zRange = nil
        }

        if let dbfHandle, let dbfPath {
            // The header's record count must fit the file: a damaged header would otherwise read
            // millions of empty records past the end (or records as nulls).
            let header = dbfHandle.pointee
            let claimed = Int(header.nHeaderLength) + Int(header.nRecords) * Int(header.nRecordLength)
            // The size of the file itself: a .dbf given as a symbolic link is sized through it.
            var info = stat()
            let size: Int? = stat(dbfPath, &info) == 0 ? Int(info.st_size) : nil
            if let size, size < claimed {
                let holds = header.nRecordLength > 0 ? max(0, (size - Int(header.nHeaderLength)) / Int(header.nRecordLength)) : 0
                DBFClose(dbfHandle)
                if let shpHandle { SHPClose(shpHandle) }
                if let rebuildFolder { try? FileManager.default.removeItem(atPath: rebuildFolder) }
                throw ShapefileError.unreadable(
                    path: dbfPath, message: "its header claims \(header.nRecords) records of \(header.nRecordLength) bytes, but the file holds \(holds): it is truncated or its header is damaged")
            }
            dbfRecordCount = Int(DBFGetRecordCount(dbfHandle))
            fields = Self.readFields(dbfHandle)
            languageDriver = UInt8(truncatingIfNeeded: dbfHandle.pointee.iLanguageDriver)
        } else {
            dbfRecordCount = nil
            fields = []
            languageDriver = nil
        }
        // A .prj or .cpg that exists but cannot be read is an error, never taken as absent
        // (which would guess the CRS or the encoding).
        do {
            projectionText = try Self.sidecar(base, "prj").map(Self.readText)
            codePageText = try Self.sidecar(base, "cpg").map(Self.readText)?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            if let shpHandle { SHPClose(shpHandle) }
            if let dbfHandle { DBFClose(dbfHandle) }
            if let rebuildFolder { try? FileManager.default.removeItem(atPath: rebuildFolder) }
            throw error
        }
    }

    /// Whether record `index` is flagged deleted in the .dbf (a `*` as its first byte, left by
    /// an edit that was never packed). GDAL, QGIS and ArcGIS skip such records, and so does
    /// `ShapefileLayerReader.forEach`. False without a .dbf.
    public func isDeleted(_ index: Int) -> Bool {
        guard let dbfHandle, (0..<(dbfRecordCount ?? 0)).contains(index) else { return false }
        return DBFIsRecordDeleted(dbfHandle, Int32(index)) != 0
    }

    deinit {
        if let shpHandle { SHPClose(shpHandle) }
        if let dbfHandle { DBFClose(dbfHandle) }
        if let rebuildFolder {
            try? FileManager.default.removeItem(atPath: rebuildFolder)
            Interruption.unregister(rebuildFolder)
        }
    }

    /// Copies the .shp into a new temporary folder and has shapelib rebuild the .shx there by
    /// walking the records. Returns the folder, which holds `layer.shp` and `layer.shx`; it is
    /// removed with the dataset, or on Ctrl-C and SIGTERM (`Interruption`).
    private static func rebuildIndex(of shpPath: String, _ hooks: inout SAHooks) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("zoning-shx-\(UUID().uuidString)").path
        Interruption.register(folder)
        var kept = false
        defer { if !kept { Interruption.unregister(folder) } }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: shpPath, toPath: folder + "/layer.shp")
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw ShapefileError.missingIndex(shp: shpPath)
        }
        if let problem = ShapefileIndexCheck.walkProblem(shp: folder + "/layer.shp") {
            try? FileManager.default.removeItem(atPath: folder)
            throw ShapefileError.unreadable(path: shpPath, message: "its .shx is missing, and " + problem)
        }
        guard SHPRestoreSHX(folder + "/layer.shp", "rb", &hooks) != 0 else {
            try? FileManager.default.removeItem(atPath: folder)
            throw ShapefileError.unreadable(
                path: shpPath, message: "its .shx is missing and could not be rebuilt: " + (ShapelibHooks.takeMessage() ?? "the records are damaged"))
        }
        kept = true
        return folder
    }

    // MARK: Internals

    private static func readFields(_ dbf: DBFHandle) -> [FieldDefinition] {
        (0..<DBFGetFieldCount(dbf)).map { index in
            var name = [CChar](repeating: 0, count: Int(XBASE_FLDNAME_LEN_READ) + 1)
            var width: Int32 = 0, decimals: Int32 = 0
            _ = DBFGetFieldInfo(dbf, index, &name, &width, &decimals)
            let bytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            let letter = Character(Unicode.Scalar(UInt8(bitPattern: DBFGetNativeFieldType(dbf, index))))
            return FieldDefinition(
                nameBytes: bytes, typeLetter: letter, width: Int(width), decimals: Int(decimals))
        }
    }

    /// `a/b.shp` → `a/b`; other names are kept whole (a layer may have dots in its name).
    static func stripExtension(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let known: Set<String> = ["shp", "shx", "dbf", "prj", "cpg"]
        guard known.contains(url.pathExtension.lowercased()) else { return path }
        return String(path.dropLast(url.pathExtension.count + 1))
    }

    /// The existing file `base.ext` (extension in lower or upper case), or nil.
    public static func sidecar(_ base: String, _ ext: String) -> String? {
        [ext, ext.uppercased()].map { "\(base).\($0)" }.first {
            FileManager.default.fileExists(atPath: $0)
        }
    }

    private static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShapefileError.noAccess(path: path, problem: FileAccess.readProblem(path) ?? FileAccess.notRegularProblem(path) ?? "the file cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

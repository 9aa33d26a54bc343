import Foundation
import ZIPFoundation
import ZoningProjection
import ZoningSupport

/// A shapefile delivered as a .zip, as offices often send them. The shapefile's own files are
/// unpacked into a private temporary folder, removed when this object is released, or on
/// Ctrl-C and SIGTERM (`Interruption`); the archive itself is never changed.
///
/// The archive must hold exactly one .shp, in any folder inside it (macOS `__MACOSX/` copies
/// aside); an archive with several is refused with their names, to be unpacked by hand.
///
/// Entry names are decoded before they are compared: UTF-8 when they are valid UTF-8, else
/// GBK (what Windows' zipper writes on a Chinese system, without the UTF-8 flag), else as
/// ZIPFoundation reads them (code page 437). The parts are those beside the .shp with its
/// name, case aside (`Villages.SHP`, `VILLAGES.dbf`), unpacked under the .shp's name with
/// lower-case extensions, so shapelib finds them. Refused, naming the entries: a part that is
/// a symbolic link, two parts differing only in case, and a part (.shx, .dbf, .prj, .cpg) the
/// .shp lacks while the archive holds one under another name.
///
/// What is unpacked is limited (`Limits`): a `.prj` or `.cpg` to 1 MB each, the whole to 8 GB
/// and to half the free space of the temporary folder, first by the sizes the archive
/// declares (before anything is written), then by the bytes actually unpacked, which may not
/// exceed the declared size of their entry (a damaged or hostile archive is stopped there).
///
/// ```swift
/// let delivery = try ZipDelivery(archive: "DLTB_370881.zip")
/// let dataset = try ShapefileDataset(path: delivery.shapefile)   // while `delivery` lives
/// ```
public final class ZipDelivery {
    public let archive: String
    /// The unpacked .shp.
    public let shapefile: String
    private let folder: URL

    /// How much a delivery may unpack.
    public struct Limits: Sendable {
        /// A `.prj` or a `.cpg`: a few hundred bytes in every real delivery.
        public var sidecar: Int64
        /// The shapefile's parts together.
        public var whole: Int64
        /// The share of the temporary folder's free space the parts may take together.
        public var freeSpaceShare: Double

        public init(sidecar: Int64 = 1_000_000, whole: Int64 = 8_000_000_000, freeSpaceShare: Double = 0.5) {
            self.sidecar = sidecar
            self.whole = whole
            self.freeSpaceShare = freeSpaceShare
        }

        public static let standard = Limits()
    }

    /// An entry and its decoded name.
    private struct Part {
        var entry: Entry
        var name: String
        var stem: String { (name as NSString).deletingPathExtension.lowercased() }
        var suffix: String { (name as NSString).pathExtension.lowercased() }
    }

    /// The parts of a shapefile zoning reads (besides the .shp).
    private static let partKinds = ["shx", "dbf", "prj", "cpg"]

    /// - Throws: `LayerError.unreadable` for an archive that cannot be read, that holds no
    ///   .shp or several (naming them), or whose parts cannot be matched to the .shp.
    public init(archive path: String, limits: Limits = .standard) throws {
        archive = path
        let zip: Archive
        do {
            zip = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw LayerError.unreadable(path: path, problem: "not a readable .zip archive (\(error))")
        }
        let entries = zip.map { Part(entry: $0, name: Self.decodedName($0)) }
            .filter { $0.entry.type != .directory && !$0.name.hasPrefix("__MACOSX/") }
        let shapefiles = entries.filter { $0.suffix == "shp" }.map(\.name)
        guard shapefiles.count == 1, let shpName = shapefiles.first else {
            let found = shapefiles.isEmpty ? "no .shp" : "\(shapefiles.count) shapefiles (\(shapefiles.sorted().joined(separator: ", ")))"
            throw LayerError.unreadable(path: path, problem: "the archive holds \(found); zoning reads an archive with one shapefile. Unpack it and name the .shp")
        }
        let stem = (shpName as NSString).deletingPathExtension.lowercased()
        let parts = entries.filter { $0.stem == stem && ($0.suffix == "shp" || Self.partKinds.contains($0.suffix)) }
        if let link = parts.first(where: { $0.entry.type == .symlink }) {
            throw LayerError.unreadable(path: path, problem: "\(link.name) is a symbolic link in the archive, not a file: zoning does not follow links out of an archive (its attributes would be lost, or another file read). Put the file itself in the archive")
        }
        for kind in ["shp"] + Self.partKinds {
            let same = parts.filter { $0.suffix == kind }.map(\.name)
            if same.count > 1 {
                throw LayerError.unreadable(path: path, problem: "the archive holds \(same.joined(separator: " and ")), the same part of \(shpName) in different cases; zoning cannot tell which to read. Keep one of them")
            }
            if same.isEmpty, kind != "shp" {
                let others = entries.filter { $0.suffix == kind && $0.stem != stem }.map(\.name)
                if !others.isEmpty {
                    throw LayerError.unreadable(path: path, problem: "the archive holds \(others.sorted().joined(separator: ", ")), which does not match \(shpName) by name (case aside), and \(shpName) has no .\(kind) of its own; zoning reads a shapefile's parts under one name. Rename them to one name, or unpack the archive and name the .shp")
                }
            }
        }
        for part in parts where ["prj", "cpg"].contains(part.suffix) && part.entry.uncompressedSize > limits.sidecar {
            throw LayerError.unreadable(path: path, problem: "\(part.name) unpacks to \(Self.size(part.entry.uncompressedSize)), as the archive declares; a .\(part.suffix) is a few hundred bytes and zoning unpacks one of at most \(Self.size(limits.sidecar)): the archive is damaged or made to fill the disk. Take the shapefile from the office again")
        }
        let declared = parts.reduce(UInt64(0)) { total, part in  // ZIP64 sizes may be near 2⁶⁴
            let (sum, overflow) = total.addingReportingOverflow(part.entry.uncompressedSize)
            return overflow ? .max : sum
        }
        let temporary = FileManager.default.temporaryDirectory
        let free = ((try? FileManager.default.attributesOfFileSystem(forPath: temporary.path))?[.systemFreeSize] as? NSNumber)?.int64Value
        let room = min(limits.whole, free.map { Int64(Double($0) * limits.freeSpaceShare) } ?? limits.whole)
        if declared > UInt64(max(room, 0)) {
            let freeText = free.map { ", and at most \(Int(limits.freeSpaceShare * 100))% of the \(Self.size(UInt64($0))) free in \(temporary.path)" } ?? ""
            throw LayerError.unreadable(path: path, problem: "the shapefile \(shpName) unpacks to \(Self.size(declared)), more than zoning unpacks from a .zip (\(Self.size(limits.whole))\(freeText)); unpack it by hand where there is room and name the .shp")
        }
        folder = temporary.appendingPathComponent("zoning-zip-\(UUID().uuidString)")
        let base = ((shpName as NSString).lastPathComponent as NSString).deletingPathExtension
        Interruption.register(folder.path)  // before it exists: no moment where a signal would leave it
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for part in parts {
                try Self.unpack(part, from: zip, to: folder.appendingPathComponent("\(base).\(part.suffix)"), archive: path)
            }
        } catch let error as LayerError {
            try? FileManager.default.removeItem(at: folder)
            Interruption.unregister(folder.path)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: folder)
            Interruption.unregister(folder.path)
            throw LayerError.unreadable(path: path, problem: "cannot unpack \(shpName): \(error)")
        }
        shapefile = folder.appendingPathComponent("\(base).shp").path
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
        Interruption.unregister(folder.path)
    }

    /// Writes the entry's bytes, never more than it declares.
    private static func unpack(_ part: Part, from zip: Archive, to url: URL, archive: String) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        let declared = part.entry.uncompressedSize
        var written: UInt64 = 0
        _ = try zip.extract(part.entry) { chunk in
            written += UInt64(chunk.count)
            if written > declared {
                throw LayerError.unreadable(path: archive, problem: "\(part.name) holds more than the \(size(declared)) the archive declares for it: the archive is damaged or made to fill the disk; zoning stopped unpacking it. Take the shapefile from the office again")
            }
            try file.write(contentsOf: chunk)
        }
    }

    /// Bytes for a message: "512 bytes", "3.0 MB" (decimal units, as file managers show).
    static func size(_ bytes: some BinaryInteger) -> String {
        let value = Double(bytes)
        if value < 1000 { return "\(bytes) bytes" }
        for (unit, scale) in [("kB", 1e3), ("MB", 1e6), ("GB", 1e9)] where value < scale * 1000 || unit == "GB" {
            return String(format: "%.1f", value / scale) + " " + unit
        }
        return "\(bytes) bytes"
    }

    /// The entry's name: UTF-8 when its bytes are valid UTF-8, else GBK, else code page 437.
    static func decodedName(_ entry: Entry) -> String {
        // Latin-1 maps each byte to one scalar: the name's bytes, whatever its flag says.
        let bytes = entry.path(using: .isoLatin1).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        if let utf8 = String(bytes: bytes, encoding: .utf8) { return utf8 }
        if let gbk = try? TextEncoding.gbk.decode(bytes) { return gbk }
        return entry.path
    }
}

/// The features of a zipped shapefile (`LayerFile.open("x.zip")`).
final class ZippedShapefile: DeletedRecordSource {
    private let delivery: ZipDelivery
    private let inner: ShapefileLayerReader

    init(path: String, options: LayerFile.ReadOptions) throws {
        delivery = try ZipDelivery(archive: path)
        inner = try ShapefileLayerReader(path: delivery.shapefile, encoding: options.encoding, crsOverride: options.crs)
    }

    var name: String { inner.name }
    var schema: Schema { inner.schema }
    var crs: CoordinateReferenceSystem? { inner.crs }
    /// The archive: the file an output must never replace.
    var files: [String] { [delivery.archive] }

    func forEach(_ body: (Feature) throws -> Void) throws { try inner.forEach(body) }
    var deletedRecords: [Int] { inner.deletedRecords }
}

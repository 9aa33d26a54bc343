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
/// ```swift
/// let delivery = try ZipDelivery(archive: "DLTB_370881.zip")
/// let dataset = try ShapefileDataset(path: delivery.shapefile)   // while `delivery` lives
/// ```
public final class ZipDelivery {
    public let archive: String
    /// The unpacked .shp.
    public let shapefile: String
    private let folder: URL

    /// - Throws: `LayerError.unreadable` for an archive that cannot be read, or that holds no
    ///   .shp or several (naming them).
    public init(archive path: String) throws {
        archive = path
        let zip: Archive
        do {
            zip = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw LayerError.unreadable(path: path, problem: "not a readable .zip archive (\(error))")
        }
        let shapefiles = zip.filter { $0.type == .file && $0.path.lowercased().hasSuffix(".shp") && !$0.path.hasPrefix("__MACOSX/") }.map(\.path)
        guard shapefiles.count == 1, let shp = shapefiles.first else {
            let found = shapefiles.isEmpty ? "no .shp" : "\(shapefiles.count) shapefiles (\(shapefiles.sorted().joined(separator: ", ")))"
            throw LayerError.unreadable(path: path, problem: "the archive holds \(found); zoning reads an archive with one shapefile. Unpack it and name the .shp")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-zip-\(UUID().uuidString)")
        let stem = (shp as NSString).deletingPathExtension.lowercased()
        Interruption.register(folder.path)  // before it exists: no moment where a signal would leave it
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for entry in zip where entry.type == .file && (entry.path as NSString).deletingPathExtension.lowercased() == stem {
                _ = try zip.extract(entry, to: folder.appendingPathComponent((entry.path as NSString).lastPathComponent))
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            Interruption.unregister(folder.path)
            throw LayerError.unreadable(path: path, problem: "cannot unpack \(shp): \(error)")
        }
        shapefile = folder.appendingPathComponent((shp as NSString).lastPathComponent).path
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
        Interruption.unregister(folder.path)
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

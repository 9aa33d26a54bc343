import Foundation
import ZIPFoundation

/// Files packed into one zip archive in memory (deflated), e.g. a QGIS project as `.qgz`.
///
/// ```swift
/// let qgz = try ZipPacking.archive([("zoning.qgs", Data(qgs.utf8))])
/// ```
public enum ZipPacking {
    /// - Throws: `LayerError.cannotWrite` when ZIPFoundation refuses.
    public static func archive(_ files: [(name: String, data: Data)]) throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for (name, data) in files {
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let packed = archive.data else { throw LayerError.cannotWrite(path: files.first?.name ?? "archive", problem: "the zip archive was not made") }
            return packed
        } catch let error as LayerError {
            throw error
        } catch {
            throw LayerError.cannotWrite(path: files.first?.name ?? "archive", problem: "packing it as zip failed: \(error)")
        }
    }
}

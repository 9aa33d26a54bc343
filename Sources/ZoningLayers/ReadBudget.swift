import Foundation

/// The memory a whole-file reader may ask for, checked against the file's size before
/// reading: GeoJSON and CSV are read whole (a parsed GeoJSON takes about 8 times its size,
/// measured on the sample's land use), so a file too large for the machine is refused at once
/// with the way out, instead of swapping for an hour or being killed half-way.
/// Shapefiles, GeoPackages and the other GDAL formats are read record by record and need no
/// budget; their headers' record counts are checked against their sizes where they are read.
///
/// ```swift
/// try ReadBudget.check("big.geojson", format: "GeoJSON")   // or bytes: 3 << 30, to ask for a size
/// // on a 16 GB machine: "big.geojson cannot be read: a GeoJSON file is read whole, …"
/// ```
public enum ReadBudget {
    /// Memory needed per byte of file, with a margin over the measured 8.
    public static let factor = 10

    /// Checks the file at `path` by its size; a file that cannot be sized is left to the reader.
    public static func check(_ path: String, format: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try check(path, bytes: size, format: format)
    }

    /// - Parameter memory: the machine's memory in bytes (default: all of it).
    /// - Throws: `LayerError.unreadable` when `factor × bytes` exceeds `memory`.
    public static func check(_ path: String, bytes: Int, format: String, memory: UInt64 = ProcessInfo.processInfo.physicalMemory) throws {
        let needed = UInt64(max(0, bytes)).multipliedReportingOverflow(by: UInt64(factor))
        guard needed.overflow || needed.partialValue > memory else { return }
        throw LayerError.unreadable(
            path: path,
            problem: "a \(format) file is read whole, which takes about \(factor) times its \(gigabytes(UInt64(bytes))) in memory, "
                + "and this machine has \(gigabytes(memory)); convert it to a GeoPackage first "
                + "(ogr2ogr -f GPKG out.gpkg \(URL(fileURLWithPath: path).lastPathComponent)), which zoning reads record by record")
    }

    static func gigabytes(_ bytes: UInt64) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30)) : String(format: "%.0f MB", Double(bytes) / Double(1 << 20))
    }
}

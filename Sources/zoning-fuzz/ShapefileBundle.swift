import Foundation

/// One fuzzer input holding the files of a shapefile, so that the fuzzer mutates them
/// together: three little-endian `UInt32` lengths (the `.shp`, `.shx` and `.dbf`), the three
/// files, and the rest as the `.prj`. A length of 0 leaves that file out; lengths past the end
/// take what is there.
///
/// ```swift
/// let bytes = ShapefileBundle(shp: shp, shx: shx, dbf: dbf, prj: prj).packed
/// ShapefileBundle(unpacking: bytes).dbf == dbf   // true
/// ```
struct ShapefileBundle: Equatable {
    var shp: [UInt8]
    var shx: [UInt8]
    var dbf: [UInt8]
    var prj: [UInt8]

    init(shp: [UInt8], shx: [UInt8], dbf: [UInt8], prj: [UInt8]) {
        (self.shp, self.shx, self.dbf, self.prj) = (shp, shx, dbf, prj)
    }

    init(unpacking bytes: [UInt8]) {
        var offset = 12
        func length(at index: Int) -> Int {
            guard bytes.count >= 12 else { return 0 }
            return (0..<4).reduce(0) { $0 | Int(bytes[index * 4 + $1]) << (8 * $1) }
        }
        func take(_ count: Int) -> [UInt8] {
            let start = min(offset, bytes.count), end = min(start + count, bytes.count)
            offset = end
            return Array(bytes[start..<end])
        }
        let lengths = (0..<3).map(length)
        shp = take(lengths[0])
        shx = take(lengths[1])
        dbf = take(lengths[2])
        prj = offset < bytes.count ? Array(bytes[offset...]) : []
    }

    var packed: [UInt8] {
        [shp.count, shx.count, dbf.count].flatMap { count in (0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * $0)) } } + shp + shx + dbf + prj
    }

    /// Writes the files as `base.shp` … `base.prj`, leaving out the empty ones (and removing
    /// what an earlier input left there).
    func write(to base: String) throws {
        for (suffix, bytes) in [("shp", shp), ("shx", shx), ("dbf", dbf), ("prj", prj)] {
            let path = base + "." + suffix
            try? FileManager.default.removeItem(atPath: path)
            if !bytes.isEmpty { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
        }
    }

    /// The bundle of the shapefile `base.shp`, from the files that exist.
    init(reading base: String) {
        func read(_ suffix: String) -> [UInt8] { FileManager.default.contents(atPath: base + "." + suffix).map { [UInt8]($0) } ?? [] }
        self.init(shp: read("shp"), shx: read("shx"), dbf: read("dbf"), prj: read("prj"))
    }
}

import Foundation

/// How a SQLite file (a GeoPackage) can be read without writing to it, decided from its
/// header and the journal files beside it before GDAL opens it.
///
/// SQLite writes even to a file opened read-only: the last connection to close a database in
/// WAL mode checkpoints the `-wal` file into it (a new checksum) and deletes the `-wal`; a hot
/// `-journal` is rolled back. Where it may not write (a folder the user cannot write), GDAL
/// opens it `immutable` and reads the database without the changes in the `-wal`. So:
///
/// | the file | opened |
/// |---|---|
/// | rollback journal (the default), no hot `-journal` | read-only, with SQLite's locks (a writer waits) |
/// | WAL mode, no `-wal` or one without committed changes | `IMMUTABLE=YES`: no lock, no `-wal` or `-shm` made, nothing checkpointed |
/// | WAL mode, a `-wal` holding committed changes | refused: they cannot be read without writing them into the file |
/// | a hot `-journal` (a write cut short) | refused: it cannot be read without rolling it back |
///
/// ```swift
/// try SQLiteJournal.openOptions(for: "三调成果.gpkg")   // ["IMMUTABLE=YES"] for a WAL-mode file
/// ```
enum SQLiteJournal {
    /// GDAL's open options for reading the file without writing to it: empty for a file
    /// that is not SQLite or reads safely as it is.
    /// - Throws: `VectorError.cannotOpen` when committed changes wait in its `-wal`, or a hot
    ///   `-journal` lies beside it.
    static func openOptions(for path: String) throws -> [String] {
        guard let header = bytes(of: path, count: 100), header.count == 100,
            header.starts(with: Array("SQLite format 3\0".utf8))
        else { return [] }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let copy = "ogr2ogr -f GPKG copy.gpkg \(name)"
        if let journal = bytes(of: path + "-journal", count: 8), journal == [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7] {
            throw VectorError.cannotOpen(
                path: path,
                message: "a write to it was cut short (\(name)-journal is beside it), and it cannot be read without rolling that back, which zoning does not do to an input; "
                    + "open it once in QGIS, or make a copy (\(copy)), and read that")
        }
        let walMode = header[18] == 2 || header[19] == 2
        guard walMode else { return [] }
        if committedFrames(inWAL: path + "-wal") > 0 {
            throw VectorError.cannotOpen(
                path: path,
                message: "it is in WAL mode and \(name)-wal holds changes not yet written into it (as QGIS leaves a GeoPackage while it edits), "
                    + "which cannot be read without writing them into the file, and zoning never writes an input; "
                    + "save and close the layer in QGIS (which writes them in), or make a copy (\(copy)), and read that")
        }
        return ["IMMUTABLE=YES"]
    }

    /// The first `count` bytes of a file (fewer when it is shorter); nil when it cannot be read.
    static func bytes(of path: String, count: Int) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)).map { [UInt8]($0) } ?? []
    }

    /// The commit frames in a `-wal` file that belong to its current generation (their salts
    /// match the header's): 0 for a missing, empty or reset file. Checksums are not checked, so
    /// a torn last frame counts: it errs toward refusing.
    static func committedFrames(inWAL path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 32 else { return 0 }
        let bytes = [UInt8](data)
        func word(_ offset: Int) -> UInt32 { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        guard word(0) == 0x377f_0682 || word(0) == 0x377f_0683 else { return 0 }
        let pageSize = Int(word(8) == 1 ? 65536 : word(8))
        guard pageSize >= 512 else { return 0 }
        let salts = (word(16), word(20))
        var commits = 0, offset = 32
        while offset + 24 + pageSize <= bytes.count {
            guard (word(offset + 8), word(offset + 12)) == salts else { break }
            if word(offset + 4) != 0 { commits += 1 }
            offset += 24 + pageSize
        }
        return commits
    }
}

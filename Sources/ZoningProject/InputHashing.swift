import Foundation
import ZoningSupport

/// The SHA-256 of a run's input files, computed aside (`Parallel.Pending`) while the run reads
/// and analyses them (one core is often idle then), and waited for when the manifest is
/// written. Hashing 165 MB of a 300,000-parcel county takes about 0.2 s of CPU that no longer
/// lies on the run's path.
///
/// The manifest must hash exactly the bytes the run read: each file's size, modification time
/// and inode are taken before reading starts and again once the digests are in, after the
/// analyses; a file that changed in between fails the run (`RunError.inputChanged`) rather
/// than recording a checksum of other bytes.
///
/// With `ZONING_THREADS=1` (everything on the calling thread) the files are hashed when the
/// digests are asked for, as before.
///
/// ```swift
/// let hashing = InputHashing(["/data/DLTB.shp", "/data/DLTB.dbf"])   // starts at once
/// // … read and analyse …
/// let digests = try hashing.digests()   // [(bytes: 98253188, hex: "…"), …], in the paths' order
/// ```
final class InputHashing: Sendable {
    let paths: [String]
    /// Each file as it was when the run opened it (nil: it could not be looked at).
    private let before: [FileStamp?]
    private let hashed: Parallel.Pending<[(bytes: Int, hex: String)]>

    init(_ paths: [String]) {
        self.paths = paths
        before = paths.map(FileStamp.init(path:))
        // Wanted only for the manifest, at the end: hashed with the cores the run leaves idle.
        hashed = Parallel.Pending(.idle) { try paths.map(Manifest.sha256(of:)) }
    }

    /// The size and SHA-256 of each file, in the order of `paths`; waits for the hashing.
    /// - Throws: `RunError.cannotRead` for a file gone or unreadable; `RunError.inputChanged`
    ///   for one that changed since the run opened it.
    func digests() throws -> [(bytes: Int, hex: String)] {
        let digests = try hashed.value()
        for (path, stamp) in zip(paths, before) where FileStamp(path: path) != stamp {
            throw RunError.inputChanged(path: path)
        }
        return digests
    }
}

/// What tells one state of a file from another without reading it: its inode, size and
/// modification time (nanoseconds).
struct FileStamp: Equatable, Sendable {
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int

    /// Nil when the file cannot be looked at (gone, no permission).
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}

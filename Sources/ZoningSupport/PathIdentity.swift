import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a folder holds a path, decided on what the paths *are*, not on how they are
/// written: `..` and symbolic links resolved (`alias/inputs`, where `alias` links to the
/// inputs' parent, is the inputs folder), and each folder above the path compared with the
/// folder by device and inode (a bind mount or a second link to the same folder is the same
/// folder). A folder that does not exist yet is resolved through its nearest existing parent.
///
/// ```swift
/// PathIdentity.folder("/data/alias/inputs", holds: "/data/inputs/DLTB.shp")   // true when alias → /data
/// PathIdentity.folder("/data/out", holds: "/data/inputs/DLTB.shp")            // false
/// ```
public enum PathIdentity {
    /// True when `path` is `folder` or lies below it. A location that is no file (a database
    /// URL, `postgresql://…`) is held by no folder.
    public static func folder(_ folder: String, holds path: String) -> Bool {
        guard !path.contains("://") else { return false }
        let resolvedFolder = resolved(folder)
        let resolvedPath = resolved(path)
        if resolvedPath == resolvedFolder || resolvedPath.hasPrefix(resolvedFolder.hasSuffix("/") ? resolvedFolder : resolvedFolder + "/") {
            return true
        }
        // The same folder under another name: compare each folder above the path by identity.
        guard let target = identity(resolvedFolder) else { return false }
        var current = URL(fileURLWithPath: resolvedPath)
        while true {
            if identity(current.path) == target { return true }
            let parent = current.deletingLastPathComponent()
            guard parent.path != current.path, !current.path.isEmpty, current.path != "/" else { return false }
            current = parent
        }
    }

    /// `path` made absolute, with `.`, `..` and every symbolic link resolved (`realpath`);
    /// for a path that does not exist, its nearest existing parent resolved and the rest
    /// appended.
    public static func resolved(_ path: String) -> String {
        var missing: [String] = []
        var current = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            if let real = realPath(current.path) {
                return missing.reversed().reduce(URL(fileURLWithPath: real)) { $0.appendingPathComponent($1) }.standardizedFileURL.path
            }
            let parent = current.deletingLastPathComponent()
            guard parent.path != current.path, current.path != "/" else { return URL(fileURLWithPath: path).standardizedFileURL.path }
            missing.append(current.lastPathComponent)
            current = parent
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The device and inode of what `path` names (links followed); nil when it does not exist.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file cannot be read, or a write failed, in words a user can act on. Asked after an
/// open or a write has failed, so that a permission problem or a full disk is reported as what
/// it is, not as a missing or damaged file.
///
/// ```swift
/// FileAccess.readProblem("/data/villages.prj")
/// // "permission denied: the file is owned by root with mode 0000 and zoning runs as gis; …"
/// FileAccess.readProblem("/data/DLTB.shp")   // nil: readable, or missing
/// FileAccess.freeBytes(in: "/data")          // 52428800
/// ```
public enum FileAccess {
    /// Nil when `path` can be read, or does not exist (the caller says "missing" in its own
    /// words); otherwise why it cannot be read, with the fix.
    public static func readProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == EACCES || errno == ENOTDIR ? folderProblem(above: path) : nil
        }
        let isFolder = info.st_mode & S_IFMT == S_IFDIR
        if access(path, isFolder ? R_OK | X_OK : R_OK) == 0 { return nil }
        let mode = String(info.st_mode & 0o7777, radix: 8)
        return "permission denied: the \(isFolder ? "folder" : "file") is owned by \(userName(info.st_uid)) with mode "
            + "\(String(repeating: "0", count: max(0, 4 - mode.count)) + mode) and zoning runs as \(userName(geteuid())); "
            + "ask for read access, or copy it somewhere readable"
    }

    /// Nil when `path` is a regular file (following symbolic links) or does not exist;
    /// otherwise what it is instead, with the fix. A FIFO would block the reader until some
    /// other program writes into it, and a device such as `/dev/zero` never ends: neither may
    /// be opened as an input, nor taken for a missing file.
    ///
    /// ```swift
    /// FileAccess.notRegularProblem("/data/DLTB.dbf")   // nil
    /// FileAccess.notRegularProblem("/data/a.prj")      // "it is a FIFO (named pipe), not a regular file: …"
    /// ```
    public static func notRegularProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        case S_IFDIR: kind = "a folder"
        default: kind = "not a file"
        }
        var target = ""
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) {
            target = " (a link to \(String(cString: resolved)))"
            free(resolved)
        }
        return "it is \(kind)\(target), not a regular file: zoning reads only regular files (a FIFO or a device "
            + "would never end); give the file itself"
    }

    /// The first folder above `path` that zoning may not enter, said with the fix; nil when all can be entered.
    static func folderProblem(above path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var folder = ""
        for component in absolute.split(separator: "/").dropLast() {
            folder += "/" + component
            if access(folder, X_OK) != 0 {
                return "permission denied: the folder \(folder) may not be entered by \(userName(geteuid())); ask for access, or copy the files somewhere readable"
            }
        }
        return nil
    }

    /// Bytes the current user may still write on the file system holding `folder`; nil when unknown.
    public static func freeBytes(in folder: String) -> Int? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// What stopped a write into `folder` that failed with `error`: a full disk, a used-up
    /// quota, a read-only file system or a missing permission; nil when it was none of these
    /// (a refused record, a format limit), so that the caller's own message stands.
    ///
    /// The cause is read from the error (POSIX codes, Foundation's codes, the libraries' texts);
    /// where a library gives no reason (shapelib's "Failure writing DBF record"), less than
    /// 1 MiB free on the disk is taken as the cause.
    public static func writeProblem(_ error: any Error, folder: String) -> String? {
        let free = freeBytes(in: folder)
        let number = errorNumber(error)
            ?? (free.map { $0 < 1 << 20 } == true ? ENOSPC : nil)
            ?? (access(folder, W_OK) != 0 ? errno : nil)
        switch number {
        case ENOSPC:
            return "the disk is full (\(free.map(byteText) ?? "no space") free on the file system holding \(folder)); "
                + "free some space there or write to another disk"
        case EDQUOT:
            return "your disk quota on the file system holding \(folder) is used up; free some space or write elsewhere"
        case EROFS:
            return "the file system holding \(folder) is read-only; write to another folder"
        case EACCES, EPERM:
            return "permission denied: \(userName(geteuid())) may not write in \(folder); write to another folder or ask for access"
        default:
            return nil
        }
    }

    /// The POSIX error number an error carries or names, if any.
    static func errorNumber(_ error: any Error) -> Int32? {
        var current: NSError? = error as NSError
        while let nsError = current {
            if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
            if nsError.domain == NSCocoaErrorDomain {
                switch nsError.code {
                case CocoaError.fileWriteOutOfSpace.rawValue: return ENOSPC
                case CocoaError.fileWriteVolumeReadOnly.rawValue: return EROFS
                case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: return EACCES
                default: break
                }
            }
            current = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        let text = "\(error)".lowercased()
        let phrases: [(String, Int32)] = [
            ("no space left", ENOSPC), ("disk is full", ENOSPC), ("disk quota exceeded", EDQUOT),
            ("read-only file system", EROFS), ("permission denied", EACCES),
        ]
        return phrases.first { text.contains($0.0) }?.1
    }

    /// `512 bytes`, `12 kB`, `3.4 MB`, `1.2 GB`.
    static func byteText(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) bytes"
        case ..<(1 << 20): return "\(bytes / 1024) kB"
        case ..<(1 << 30): return String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
        default: return String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
        }
    }

    static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "user \(uid)" }
        return String(cString: name)
    }
}

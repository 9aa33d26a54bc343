#if canImport(Glibc)
import Glibc
#endif

/// Swaps two paths in one atomic step: Linux's `renameat2(…, RENAME_EXCHANGE)` (since 3.15),
/// looked up in the C library at run time because Swift's Glibc module does not declare it.
/// After the call each path holds what the other held; a process killed at any moment leaves
/// one state or the other, never neither.
///
/// ```swift
/// if FolderExchange.swap("/data/.out.staging", "/data/out") { /* out is the new run */ }
/// ```
public enum FolderExchange {
    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE in <linux/fs.h>
    private static let renameNoReplace: UInt32 = 1 << 0  // RENAME_NOREPLACE

    private static let function: Renameat2? = {
        #if canImport(Glibc)
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
        #else
        return nil
        #endif
    }()

    /// Whether the C library offers the atomic exchange.
    public static var isAvailable: Bool { function != nil }

    /// What `moveToNew` did.
    public enum Move: Equatable, Sendable {
        case moved
        /// Something is at the target (a file, a folder, even an empty one); nothing changed.
        case targetExists
        /// The system or the file system cannot rename without replacing; nothing changed.
        case unsupported
        /// Another failure (`errno`); nothing changed.
        case failed(Int32)
    }

    /// Renames `from` to `to` in one step that fails when anything is at `to` — never
    /// replacing what appeared there meanwhile (`renameat2` with `RENAME_NOREPLACE`).
    ///
    /// ```swift
    /// FolderExchange.moveToNew("/data/.out.staging", "/data/out")   // .targetExists when out appeared
    /// ```
    public static func moveToNew(_ from: String, _ to: String) -> Move {
        #if canImport(Glibc)
        guard let function else { return .unsupported }
        if function(AT_FDCWD, from, AT_FDCWD, to, renameNoReplace) == 0 { return .moved }
        switch errno {
        case EEXIST, ENOTEMPTY: return .targetExists
        case EINVAL, ENOSYS, EOPNOTSUPP: return .unsupported
        case let code: return .failed(code)
        }
        #else
        return .unsupported
        #endif
    }

    /// Swaps `a` and `b`, both of which must exist; false when the system or the file system
    /// cannot (then nothing changed, and the caller falls back to two renames).
    public static func swap(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        guard let function else { return false }
        return function(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}

import Foundation
import Testing

/// `../shared/data` beside the checkout: real third-party files for tests (see its README).
///
/// Tests that read it carry `.enabled(if: SharedData.isAvailable, SharedData.skipReason)`, so a
/// checkout without it skips them visibly; `SharedDataTests` fails in CI when it is absent,
/// since there they must run.
public enum SharedData {
    /// `<checkout>/../shared/data`, located from this source file's path.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ZoningTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // checkout
        .deletingLastPathComponent()  // folder holding the checkout and shared/
        .appendingPathComponent("shared/data")

    /// True when the folder exists.
    public static var isAvailable: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Why a test was skipped.
    public static let skipReason: Comment = "needs ../shared/data beside the checkout"

    /// The absolute path of `relative` under `shared/data`.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// True when running in CI (`CI` set in the environment).
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }
}

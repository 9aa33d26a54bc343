import Foundation
import Testing

/// QGIS itself, through Debian's `python3-qgis` run headless (`QT_QPA_PLATFORM=offscreen`):
/// `Scripts/qgis-check.py` opens layers, SLD files and projects as QGIS does and reports what
/// it made of them. Scripts/test.sh installs it; tests carry
/// `.enabled(if: QGISPython.isAvailable || SharedData.inCI, QGISPython.skipReason)`, so that in
/// CI a missing QGIS fails instead of skipping.
public enum QGISPython {
    /// Debian's interpreter, which sees the `qgis` package (a pyenv or venv `python3` does not).
    public static let interpreter = "/usr/bin/python3"
    public static let script = checkoutRoot + "/Scripts/qgis-check.py"

    public static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: interpreter),
            let outcome = try? ProcessOutcome.run(interpreter, ["-c", "import qgis.core"], environment: ["QT_QPA_PLATFORM": "offscreen"])
        else { return false }
        return outcome.status == 0
    }()

    public static let skipReason: Comment = "needs QGIS's Python bindings: apt-get install python3-qgis (Scripts/test.sh installs it)"

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the checker on `checks` (see Scripts/qgis-check.py) and returns its report.
    /// - Parameter environment: more variables for QGIS (`PGPASSWORD`, `PGHOST`, …).
    public static func check(_ checks: [String: Any], environment: [String: String] = [:]) throws -> [String: Any] {
        guard isAvailable else { throw Failure(description: "python3-qgis is not installed (\(interpreter) cannot import qgis.core)") }
        let folder = try TemporaryFolder()
        let input = folder.file("checks.json")
        try JSONSerialization.data(withJSONObject: checks).write(to: URL(fileURLWithPath: input))
        let outcome = try ProcessOutcome.run(interpreter, [script, input], environment: environment.merging(["QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": folder.path]) { a, _ in a })
        guard outcome.status == 0, let report = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any] else {
            throw Failure(description: "qgis-check.py failed (\(outcome.status)): \(outcome.errors.suffix(2000))")
        }
        return report
    }
}

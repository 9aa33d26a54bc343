import Foundation
import ZoningTestSupport

/// Runs the built `zoning` executable, as a user would, and captures what it prints.
enum CommandLine {
    /// The `zoning` binary beside the test bundle (both live in the same build folder).
    static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("zoning").path
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutcome {
        try ProcessOutcome.run(executable, arguments, environment: environment)
    }
}

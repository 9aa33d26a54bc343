import Foundation
import Testing
import ZoningTestSupport

/// The micro-benchmark (Scripts/bench-geos.sh) cannot report a time for work one path skipped:
/// on a small workload, every operation's wrapper, direct and objects paths compute the same
/// counts and sums, or `zoning-microbench` stops with status 1 naming the path. No times are
/// checked here.
@Suite struct MicrobenchAgreementTests {
    /// `zoning-microbench` beside the test bundle.
    static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("zoning-microbench").path
    }

    @Test func everyPathComputesTheSameResults() throws {
        let outcome = try ProcessOutcome.run(Self.executable, ["--small", "--repetitions", "1"])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("results agree on all paths in every repetition (5 operations)"), "\(outcome.output)")
        for operation in ["prepared intersects", "distance within", "intersection", "area", "prepared covers point"] {
            #expect(outcome.output.contains("\n" + operation + " "), "\(operation) missing from \(outcome.output)")
        }
    }

    @Test func unknownOperationsAreRefused() throws {
        let outcome = try ProcessOutcome.run(Self.executable, ["--small", "--only", "buffer"])
        #expect(outcome.status == 2)
        #expect(outcome.errors.contains("no operation is named buffer"))
    }
}

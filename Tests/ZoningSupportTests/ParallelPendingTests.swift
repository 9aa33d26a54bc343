import Foundation
import Testing
import ZoningSupport

@Suite struct ParallelPendingTests {
    struct Failed: Error, Equatable { let reason: String }

    /// The value is the work's, asked for once or several times.
    @Test func givesTheWorksValue() throws {
        let pending = Parallel.Pending { (1...1000).reduce(0, +) }
        #expect(try pending.value() == 500_500)
        #expect(try pending.value() == 500_500)
    }

    /// The work's error comes out of `value()`, every time it is asked.
    @Test func rethrowsTheWorksError() {
        let pending = Parallel.Pending { () throws -> Int in throw Failed(reason: "no such file") }
        for _ in 0..<2 {
            #expect(throws: Failed(reason: "no such file")) { try pending.value() }
        }
    }

    /// With more than one thread the work starts at once, aside: it finishes while the caller
    /// waits for it without having asked for the value. (With one thread it waits until asked.)
    @Test(.enabled(if: Parallel.threads > 1, "needs two threads"))
    func startsAsideAtOnce() throws {
        let started = DispatchSemaphore(value: 0)
        let pending = Parallel.Pending { () -> Int in
            started.signal()
            return 7
        }
        #expect(started.wait(timeout: .now() + 10) == .success)
        #expect(try pending.value() == 7)
    }

    /// Idle work runs aside on a thread of its own at nice 10 (the kernel's own record of the
    /// thread says so), and gives its value; the asking thread keeps its priority.
    @Test(.enabled(if: Parallel.threads > 1, "needs two threads"))
    func idleWorkRunsAtALowerPriority() throws {
        @Sendable func nice() throws -> Int {
            // /proc/thread-self/stat: the 19th field is the nice value (after "pid (comm) state …").
            let stat = try String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8)
            let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
            return Int(fields[16])!
        }
        let mine = try nice()
        let pending = Parallel.Pending(.idle) { try nice() }
        #expect(try pending.value() == 10)
        #expect(try nice() == mine)
    }
}

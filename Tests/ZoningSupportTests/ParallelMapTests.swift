import Foundation
import Testing
import ZoningSupport

@Suite struct ParallelMapTests {
    struct Odd: Error, Equatable { let value: Int }

    @Test func keepsInputOrder() throws {
        let squares = try Parallel.map(Array(0..<1000)) { value -> Int in
            if value % 97 == 0 { usleep(200) }  // uneven work, so items finish out of order
            return value * value
        }
        #expect(squares == (0..<1000).map { $0 * $0 })
        #expect(try Parallel.map([Int]()) { $0 }.isEmpty)
    }

    /// Every item runs once, whichever thread takes it.
    @Test func runsEachItemOnce() throws {
        let seen = Tally()
        _ = try Parallel.map(Array(0..<500)) { seen.add($0) }
        #expect(seen.values.sorted() == Array(0..<500))
    }

    /// Of several failures, the first in input order is reported, on every run.
    @Test func firstFailureInInputOrder() {
        for _ in 0..<20 {
            #expect(throws: Odd(value: 3)) {
                try Parallel.map(Array(0..<50)) { value -> Int in
                    if value % 2 == 1 && value > 1 { throw Odd(value: value) }
                    return value
                }
            }
        }
    }

    /// Both results come back in their places; with two threads the two run at the same time
    /// (the second waits for a signal the first sends, which would time out run one after the
    /// other); of two failures the first's is reported.
    @Test func both() throws {
        let (a, b) = try Parallel.both({ (1...100).reduce(0, +) }, { "two" })
        #expect(a == 5050 && b == "two")
        if Parallel.threads > 1 {
            let signal = DispatchSemaphore(value: 0)
            let (sent, received) = try Parallel.both({ signal.signal(); return true }, { signal.wait(timeout: .now() + 10) == .success })
            #expect(sent && received)
        }
        for _ in 0..<20 {
            #expect(throws: Odd(value: 1)) { try Parallel.both({ throw Odd(value: 1) }, { throw Odd(value: 3) }) as (Int, Int) }
        }
        #expect(throws: Odd(value: 3)) { try Parallel.both({ 1 }, { throw Odd(value: 3) }) as (Int, Int) }
    }

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int] = []
        func add(_ value: Int) { lock.withLock { items.append(value) } }
        var values: [Int] { lock.withLock { items } }
    }
}

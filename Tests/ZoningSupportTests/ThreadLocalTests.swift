import Foundation
import Testing
import ZoningSupport
import ZoningTestSupport

@Suite struct ThreadLocalTests {
    final class Counter { var count = 0 }

    @Test func eachThreadHasItsOwnValue() {
        let made = Tally()
        let local = ThreadLocal { made.increment(); return Counter() }
        // Four threads each bump their own counter 1000 times, with no lock: if two threads
        // shared one counter the sanitizer would flag it and the totals would differ.
        let totals = Tally()
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread {
                for _ in 0..<1000 { local.value.count += 1 }
                totals.add(local.value.count)
                group.leave()
            }.start()
        }
        group.wait()
        #expect(totals.values == [1000, 1000, 1000, 1000])
        #expect(made.values.count == 4)  // one value per thread, made on first use
    }

    @Test func sameThreadGetsTheSameValue() {
        let local = ThreadLocal { Counter() }
        #expect(local.value === local.value)
    }

    /// `withValue` (the GEOS wrapper's path to its context) makes the value on a thread's first
    /// use like `value`, and hands out the same object as `value` on that thread only.
    @Test func withValueSeesThisThreadsValue() {
        let made = Tally()
        let local = ThreadLocal { made.increment(); return Counter() }
        let sameAsValue = Tally(), ownCount = Tally()
        let group = DispatchGroup()
        for thread in 1...3 {
            group.enter()
            Thread {
                local.withValue { $0.count = thread }  // first use on this thread: made here
                sameAsValue.add(local.withValue { $0 === local.value } ? 1 : 0)
                ownCount.add(local.value.count)
                group.leave()
            }.start()
        }
        group.wait()
        #expect(made.values.count == 3)
        #expect(sameAsValue.values == [1, 1, 1])
        #expect(ownCount.values.sorted() == [1, 2, 3])
    }

    @Test func sharedDataIsPresentInCI() {
        // CI runs with the shared test data beside the checkout; tests on real data must not skip there.
        if SharedData.inCI { #expect(SharedData.isAvailable, "\(SharedData.root.path) is missing in CI") }
    }

    @Test func externalToolsArePresentInCI() {
        // Scripts/test.sh installs them; tests that check outputs with them must not skip in CI.
        if SharedData.inCI {
            for tool in ExternalTool.allCases { #expect(tool.isAvailable, "\(tool.rawValue) is missing in CI") }
        }
    }

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int] = []
        func increment() { add(1) }
        func add(_ value: Int) { lock.withLock { items.append(value) } }
        var values: [Int] { lock.withLock { items } }
    }
}

import Dispatch
import Foundation

/// Work split over the machine's cores, with results in input order.
///
/// Each item runs on some thread of Dispatch's pool, so `transform` must only use what may
/// cross threads: Sendable values in, and per-thread objects (GEOS and PROJ contexts,
/// prepared geometries, spatial indexes) made inside it.
///
/// The number of threads is `ZONING_THREADS` from the environment when set (1 runs
/// everything on the calling thread, e.g. to compare with the parallel run), else the number
/// of active cores.
///
/// ```swift
/// let areas = try Parallel.map(types) { type in try serviceArea(of: type) }   // same order as types
/// ```
public enum Parallel {
    /// The threads `map` uses.
    public static var threads: Int {
        if let text = ProcessInfo.processInfo.environment["ZONING_THREADS"], let value = Int(text), value > 0 { return value }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `items.map(transform)`, run concurrently. When several items throw, the error of the
    /// first of them (in input order) is rethrown, so failures are reported the same way on
    /// every run.
    /// - Parameter count: the threads to use (default `threads`).
    public static func map<Item: Sendable, Output: Sendable>(_ items: [Item], threads count: Int? = nil, _ transform: @Sendable (Item) throws -> Output) throws -> [Output] {
        let threads = min(count ?? Self.threads, items.count)
        guard threads > 1 else { return try items.map(transform) }
        let results = Slots<Output>(count: items.count)
        let next = NextIndex(limit: items.count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = next.take() {
                results.set(index, Result { try transform(items[index]) })
            }
        }
        return try results.values().map { try $0.get() }
    }
}

extension Parallel {
    /// `(first(), second())`, run at the same time (one after the other with one thread).
    /// When both throw, the first's error is rethrown.
    ///
    /// ```swift
    /// let (written, maps) = try Parallel.both({ try writeLayers() }, { try drawMaps() })
    /// ```
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B) throws -> (A, B) {
        guard threads > 1 else { return (try first(), try second()) }
        let a = Slots<A>(count: 1), b = Slots<B>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 { a.set(0, Result { try first() }) } else { b.set(0, Result { try second() }) }
        }
        let (x, y) = (a.values()[0], b.values()[0])
        return (try x.get(), try y.get())
    }
}

/// Result slots filled from several threads under a lock.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<Value, any Error>?]

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.withLock { items[index] = result }
    }

    func values() -> [Result<Value, any Error>] {
        lock.withLock { items.map { $0 ?? .failure(CancellationError()) } }
    }
}

/// Hands out 0, 1, 2, … below a limit, once each, to whichever thread asks.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func take() -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

import Foundation
import Testing
import ZoningGeometry

/// The per-thread GEOS contexts, proven by hammering the geometry layer from many threads at once. Run under the thread sanitizer in CI
/// (`Scripts/test.sh --sanitize=thread`), where any shared GEOS context or unsynchronised
/// state in the wrapper is reported as a data race.
@Suite struct GEOSContextTests {
    /// Read-only geometries shared by every worker.
    let township = try! Geometry(wkt: "POLYGON((0 0, 100 0, 100 100, 50 60, 0 100, 0 0))")
    let parcels: [Geometry] = (0..<100).map { k in
        let x = Double(k % 10) * 10, y = Double(k / 10) * 10
        return try! Geometry(wkt: "POLYGON((\(x) \(y), \(x + 10) \(y), \(x + 10) \(y + 10), \(x) \(y + 10), \(x) \(y)))")
    }

    /// What one worker computes; the same inputs must give the same figures on every thread.
    struct Figures: Equatable {
        var coveredArea = 0.0
        var containedCount = 0
        var nearest = -1
        var bufferedArea = 0.0
        var errorMentionsOwnToken = false
    }

    func work(_ worker: Int) throws -> Figures {
        var figures = Figures()
        // Shared geometries, read concurrently.
        for parcel in parcels where try township.intersects(parcel) {
            figures.coveredArea += try township.intersection(parcel).area
        }
        // Per-worker prepared geometry and index (not Sendable: built here, used here).
        let prepared = try PreparedGeometry(township)
        figures.containedCount = try parcels.filter { try prepared.contains($0) }.count
        let index = try SpatialIndex(parcels)
        figures.nearest = try index.nearest(to: Geometry.point(x: 55, y: 55))?.position ?? -1
        // Fresh geometries made and destroyed on this thread, through every I/O path.
        let own = try Geometry(wkb: Geometry(geoJSON: Geometry.point(x: 50, y: 50).geoJSON()).wkb())
        figures.bufferedArea = try Geometry.unionAll([own.buffer(10), township]).area
        // Errors: each thread must see its own GEOS message, never another thread's.
        let token = "BOGUS\(worker)X"
        do {
            _ = try Geometry(wkt: "\(token)(1 2)")
        } catch let error as GEOSError {
            figures.errorMentionsOwnToken = error.description.contains(token)
        }
        return figures
    }

    @Test func threadsAgreeWithSerialRun() throws {
        let expected = try work(0)
        #expect(expected.errorMentionsOwnToken)
        #expect(expected.containedCount > 0 && expected.coveredArea > 0)

        let threads = 8, rounds = 20
        let results = Results()
        let done = DispatchGroup()
        for t in 0..<threads {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                for r in 0..<rounds { results.add(Result { try work(t * rounds + r) }) }
            }
            thread.start()
        }
        done.wait()
        let all = results.all
        #expect(all.count == threads * rounds)
        for result in all {
            let figures = try result.get()
            #expect(figures == expected)
        }
    }

    @Test func tasksShareGeometriesAcrossIsolation() async throws {
        let expected = try work(0)
        let figures = try await withThrowingTaskGroup(of: Figures.self) { group in
            for worker in 0..<32 { group.addTask { try work(worker) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(figures.count == 32)
        #expect(figures.allSatisfy { $0 == expected })
    }

    @Test func geometriesMadeOnOneThreadDieOnAnother() async throws {
        // Made in child tasks, returned, and released here (possibly on another thread).
        let made = try await withThrowingTaskGroup(of: Geometry.self) { group in
            for k in 0..<64 { group.addTask { try Geometry.point(x: Double(k), y: 0).buffer(1) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(try Geometry.unionAll(made).bounds == Bounds(minX: -1, minY: -1, maxX: 64, maxY: 1))
    }

    /// A lock-protected result list for the thread test.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Result<Figures, any Error>] = []
        func add(_ item: Result<Figures, any Error>) { lock.withLock { items.append(item) } }
        var all: [Result<Figures, any Error>] { lock.withLock { items } }
    }
}

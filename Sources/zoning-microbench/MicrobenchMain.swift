import Foundation
import ZoningGeometry

/// `zoning-microbench`: the wrapper's overhead over direct GEOS C calls (issue 16), for the
/// operations the analyses make in hot loops. Each operation runs N times through
/// ZoningGeometry and N times through the same `_r` call on the same thread context and
/// geometries; the best of several repetitions (the paths taking turns to go first), for each
/// of ten slices of the work, added up, gives ns/op for each and the overhead,
/// wrapper ÷ direct − 1, against the 10 % goal. A third path,
/// "objects", makes the direct call in a non-inlined Swift function that takes the objects, to
/// tell what passing `Geometry` objects costs any Swift function from what the wrapper does. Times
/// are the thread's CPU time, so that other processes on a shared machine count less.
/// All paths' results (counts of true predicates, sums of areas and result vertices) must be
/// equal in every repetition, or the benchmark stops with status 1.
///
/// ```sh
/// zoning-microbench                    # 60 × 50 parcels, 10 slices × best of 7 (Scripts/bench-geos.sh)
/// zoning-microbench --repetitions 15
/// zoning-microbench --small            # 12 × 10 parcels, one pass each: the paths agree (tests)
/// zoning-microbench --only area --path wrapper --repetitions 50   # one side of one operation, for perf
/// ```
@main
enum MicrobenchMain {
    static let goal = 0.10

    static func main() throws {
        var repetitions = 7, small = false, only: String?, paths = Path.allCases
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--repetitions":
                guard let value = arguments.popFirst().flatMap(Int.init), value >= 1 else { usage("--repetitions takes a count ≥ 1") }
                repetitions = value
            case "--small": small = true
            case "--help", "-h":
                print(usageLine)
                return
            case "--only":
                guard let name = arguments.popFirst() else { usage("--only takes an operation's name") }
                only = name
            case "--path":
                guard let path = arguments.popFirst().flatMap(Path.init(rawValue:)) else { usage("--path is wrapper, direct or objects") }
                paths = [path]
            default: usage("unknown argument \(argument)")
            }
        }
        let workload = small
            ? try Workload(columns: 12, rows: 10, queryCount: 4)
            : try Workload(columns: 60, rows: 50, queryCount: 16)
        let operations = Operation.all(workload) { small ? 1 : $0 }.filter { only == nil || $0.name == only }
        let slices = small ? 1 : 10
        guard !operations.isEmpty else { usage("no operation is named \(only ?? "")") }

        print("GEOS wrapper overhead (ZoningGeometry vs direct _r calls), \(buildKind) build, GEOS \(GEOSLibrary.version)")
        print("\(workload.parcels.count) parcels of \(4 * workload.segmentsPerSide + 1) vertices, \(workload.queries.count) query polygons, "
            + "\(workload.queryPairs.count) query × parcel pairs, \(workload.neighbourPairs.count) neighbour pairs; "
            + "each path's time: \(slices) slices, each the best of \(repetitions), added; thread CPU time")
        print(pad("operation", 22) + pad("ops/run", 8, right: true) + pad("wrapper ns/op", 15, right: true)
            + pad("direct ns/op", 14, right: true) + pad("overhead", 10, right: true) + "  goal ≤ 10 %"
            + pad("objects ns/op", 16, right: true) + pad("objects' part", 15, right: true))
        var over: [String] = []
        for operation in operations {
            // The work is timed in slices of a few milliseconds, each the best of its
            // repetitions: a slice has a fair chance to run without another process taking the
            // core and the caches in between. The slices' best times add up to one full run.
            var total: [Path: Double] = [:]
            for slice in 0..<slices {
                let range = operation.units * slice / slices..<operation.units * (slice + 1) / slices
                // One untimed pass of each path, which must agree: prepared geometries build
                // their indexes on first use.
                let expected = try operation.run[.direct]!(range)
                for path in Path.allCases { try agree(operation, path, expected, try operation.run[path]!(range)) }
                var best: [Path: Double] = [:]
                for repetition in 0..<repetitions {
                    // Each repetition starts with another path, so that none always runs first.
                    let shift = repetition % paths.count
                    for path in paths[shift...] + paths[..<shift] {
                        let start = threadCPUNanoseconds()
                        let tally = try operation.run[path]!(range)
                        let nanoseconds = Double(threadCPUNanoseconds() - start)
                        try agree(operation, path, expected, tally)
                        best[path] = min(best[path] ?? .infinity, nanoseconds)
                    }
                }
                for (path, nanoseconds) in best { total[path, default: 0] += nanoseconds }
            }
            let best = total.mapValues { $0 / Double(operation.count) }
            func figure(_ path: Path, _ width: Int) -> String {
                pad(best[path].map { String(format: "%.1f", $0) } ?? "–", width, right: true)
            }
            var line = pad(operation.name, 22) + pad("\(operation.count)", 8, right: true) + figure(.wrapper, 15) + figure(.direct, 14)
            if let wrapper = best[.wrapper], let direct = best[.direct] {
                let overhead = wrapper / direct - 1
                if overhead > goal { over.append(operation.name) }
                line += pad(String(format: "%+.1f %%", overhead * 100), 10, right: true) + "  " + pad(overhead > goal ? "OVER" : "ok", 11)
            } else {
                line += pad("–", 10, right: true) + "  " + pad("", 11)
            }
            line += figure(.objects, 16)
            if let objects = best[.objects], let direct = best[.direct] {
                line += pad(String(format: "%+.1f %%", (objects / direct - 1) * 100), 15, right: true)
            }
            print(line)
        }
        print("results agree on all paths in every repetition (\(operations.count) operations)")
        print("objects: the direct call in a non-inlined Swift function taking the objects (a retain and release of each); objects' part: its time over direct's")
        guard paths.contains(.wrapper) && paths.contains(.direct) else { return }
        print(over.isEmpty
            ? "verdict: every operation within the 10 % goal"
            : "verdict: over the 10 % goal: \(over.joined(separator: ", ")) (rerun: this machine is shared, times vary)")
    }

    /// Stops with status 1 when a path computed another result than the first direct pass.
    static func agree(_ operation: Operation, _ path: Path, _ expected: Tally, _ got: Tally) throws {
        guard got == expected else {
            FileHandle.standardError.write(Data("zoning-microbench: \(operation.name): the \(path) path disagrees with the direct one (\(got), direct \(expected))\n".utf8))
            exit(1)
        }
    }

    /// The CPU time this thread has used, in ns: unlike the wall clock, it does not count the
    /// time other processes on this shared machine hold the core.
    static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("zoning-microbench: \(problem)\n\(usageLine)\n".utf8))
        exit(2)
    }

    static let usageLine = "usage: zoning-microbench [--repetitions N] [--small] [--only OPERATION] [--path wrapper|direct|objects]"

    static var buildKind: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let space = String(repeating: " ", count: max(0, width - text.count))
        return right ? space + text : text + space
    }
}

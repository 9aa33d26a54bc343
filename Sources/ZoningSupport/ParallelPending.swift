import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Parallel {
    /// A value worked out on another thread from the moment it is made, while the caller goes
    /// on; `value()` waits for it. With one thread (`ZONING_THREADS=1`) nothing runs aside: the
    /// work is done on the calling thread when the value is first asked for, so a run on one
    /// thread does everything in the order it is written.
    ///
    /// What a run does aside this way: the next batch of records decoded while this one is
    /// handed over, the input files hashed while they are read (`.idle`), PROJ's search for the
    /// other layers' transformations, the parcels matched to units while the units are
    /// measured, the output CRS's WKT while the analyses run (`.idle`).
    ///
    /// ```swift
    /// let matched = Parallel.Pending { try matchParcels() }   // starts at once
    /// let areas = try measureUnits()                         // meanwhile, on this thread
    /// let matches = try matched.value()                      // waits, or rethrows its error
    /// ```
    ///
    /// Ask for the value from one thread at a time. Work that is never asked for still runs to
    /// its end (it keeps what it uses alive until then).
    public final class Pending<Value: Sendable>: @unchecked Sendable {
        // @unchecked: `result` is written once by the working thread before `group` is left,
        // and read only after waiting on it; `work` is only touched by the asking thread.
        private let group = DispatchGroup()
        private var result: Result<Value, any Error>?
        private var work: (@Sendable () throws -> Value)?

        /// How the work shares the cores with the run.
        public enum Priority: Sendable {
            /// As any other thread: for work the run soon waits for.
            case normal
            /// On a thread of its own at a lower priority (nice 10): it takes the cores the run
            /// leaves idle, and little of those it uses. For work wanted only at the end (the
            /// inputs' checksums for the manifest).
            case idle
        }

        public init(_ priority: Priority = .normal, _ work: @escaping @Sendable () throws -> Value) {
            guard Parallel.threads > 1 else {
                self.work = work
                return
            }
            switch priority {
            case .normal:
                DispatchQueue.global().async(group: group) { [self] in
                    result = Result { try work() }
                }
            case .idle:
                group.enter()
                let thread = Thread { [self] in
                    // Linux keeps a nice value per thread, and `who` 0 is the calling thread
                    // alone; failing to lower it would only cost speed.
                    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                    result = Result { try work() }
                    group.leave()
                }
                thread.name = "zoning aside"
                thread.start()
            }
        }

        /// The work's value, once it is done; rethrows its error.
        public func value() throws -> Value {
            group.wait()
            if let work {
                self.work = nil
                result = Result { try work() }
            }
            return try result!.get()
        }
    }
}

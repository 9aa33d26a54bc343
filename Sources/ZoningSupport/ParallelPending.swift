import Dispatch

extension Parallel {
    /// A value worked out on another thread from the moment it is made, while the caller goes
    /// on; `value()` waits for it. With one thread (`ZONING_THREADS=1`) nothing runs aside: the
    /// work is done on the calling thread when the value is first asked for, so a run on one
    /// thread does everything in the order it is written.
    ///
    /// What a run does aside this way: the next batch of records decoded while this one is
    /// handed over, the input files hashed while they are read, PROJ's search for the other
    /// layers' transformations, the parcels matched to units while the units are measured.
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

        public init(_ work: @escaping @Sendable () throws -> Value) {
            guard Parallel.threads > 1 else {
                self.work = work
                return
            }
            DispatchQueue.global().async(group: group) { [self] in
                result = Result { try work() }
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

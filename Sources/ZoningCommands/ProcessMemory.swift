import ZoningSupport

extension Zoning {
    /// Makes large blocks of memory go back to the system as soon as they are freed
    /// (`Allocator`), so that what a step let go of does not stay in the process's peak. Called by
    /// the `zoning` executable before the command runs (each county of `zoning run --each` is a
    /// process of its own, and calls it too).
    ///
    /// ```swift
    /// Zoning.returnLargeBlocksWhenFreed()
    /// Zoning.main()
    /// ```
    public static func returnLargeBlocksWhenFreed() {
        Allocator.returnLargeBlocksWhenFreed()
    }
}

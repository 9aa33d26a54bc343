#if canImport(Glibc)
import Glibc
#endif

/// The process's memory allocator (glibc's malloc on Linux): blocks of 128 KiB or more — the
/// large arrays of a run, a column of 300 000 parcels' values, a layer's records — that the
/// heap's free space does not hold get pages of their own and give them back to the system as
/// soon as they are freed.
///
/// glibc does so too by default, but raises that threshold to the size of each such block
/// freed, up to 32 MiB (and lets the heap keep twice as much free at its end): once the land
/// use's first large arrays are freed, the later ones come from the heap, where freed pages
/// stay with the process. On the 300 000-parcel county with roads that kept about 30 MB more
/// resident (issue 31: a peak of 455–462 MB against 426–429 MB). Setting the threshold turns
/// the raising off. Elsewhere (macOS) nothing changes.
///
/// ```swift
/// Allocator.returnLargeBlocksWhenFreed()   // once, before the work starts
/// ```
public enum Allocator {
    /// The size from which a block gets pages of its own: glibc's default starting value.
    public static let largeBlockBytes = 128 * 1024

    /// Fixes glibc's threshold for large blocks at `largeBlockBytes`. Returns whether it was
    /// set (false where the allocator is not glibc's).
    @discardableResult
    public static func returnLargeBlocksWhenFreed() -> Bool {
        #if canImport(Glibc)
        // mallopt is declared in <malloc.h>, which the Glibc module leaves out.
        typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        return mallopt(mmapThreshold, Int32(largeBlockBytes)) == 1
        #else
        return false
        #endif
    }
}

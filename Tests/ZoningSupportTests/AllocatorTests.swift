#if canImport(Glibc)
import Glibc
#endif
import Testing
import ZoningSupport

/// After `Allocator.returnLargeBlocksWhenFreed()`, a large block gets pages of its own even
/// after a larger one was freed — by default glibc would then serve it from the heap, whose
/// pages stay with the process when it is freed. glibc marks a block with pages of its own in
/// its header (the size word before the block, bit 2: IS_MMAPPED).
@Suite struct AllocatorTests {
    #if canImport(Glibc)
    static func hasPagesOfItsOwn(_ block: UnsafeMutableRawPointer) -> Bool {
        (block - MemoryLayout<Int>.size).load(as: Int.self) & 2 != 0
    }

    /// glibc's `malloc_trim(0)` (in <malloc.h>, which the Glibc module leaves out): gives back
    /// the free space at the heaps' ends, so a block cannot come from a top the suites running
    /// beside this one left large.
    static func trimHeaps() {
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
    }

    @Test func largeBlocksKeepPagesOfTheirOwn() throws {
        #expect(Allocator.returnLargeBlocksWhenFreed())
        // A 30 MiB block freed: glibc's default would raise its threshold to 30 MiB here, and
        // serve the next blocks below that from the heap.
        let first = try #require(malloc(30 << 20))
        #expect(Self.hasPagesOfItsOwn(first))
        free(first)
        // Blocks this large find no free space in the heap to come from (the suites running
        // beside this one free nothing near their size, and the heaps' ends are trimmed first:
        // CI once served one from a heap's end that other suites had left 20 MiB large), so
        // where they come from is the threshold's choice.
        for size in [20 << 20, 28 << 20] {
            Self.trimHeaps()
            let block = try #require(malloc(size))
            #expect(Self.hasPagesOfItsOwn(block), "a block of \(size >> 20) MiB")
            free(block)
        }
        // A small block stays in the heap.
        let small = try #require(malloc(1024))
        #expect(!Self.hasPagesOfItsOwn(small))
        free(small)
    }
    #endif
}

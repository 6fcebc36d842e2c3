#if canImport(Glibc)
    import Glibc
#endif

/// Keeps large allocations out of glibc's heap, so that memory freed is memory returned.
///
/// glibc serves blocks of 128 KB and more with their own mappings at first, but each time such
/// a block is freed it raises that threshold to the block's size (up to 32 MB). After the
/// first few read buffers and spool batches, large blocks come from the heaps of the worker
/// threads, and when they are freed the heaps keep them: peak RSS then grew with the input.
/// A fixed threshold turns the adjustment off. Mappings cost page faults when they are new,
/// so the large buffers that come and go are reused instead (the JUnit chunk pool, the
/// readers' buffers). docs/performance.md has the measurements.
///
/// `mallopt` and `malloc_trim` are in `<malloc.h>`, which the Glibc module does not export:
/// they are looked up by name, and where they are missing (another C library) nothing changes.
enum MemoryPolicy {
    static let mmapThreshold: Int32 = 256 << 10
    /// `M_MMAP_THRESHOLD` in glibc's `<malloc.h>`.
    private static let mMmapThreshold: Int32 = -3

    /// Gives the free pages of every malloc arena back to the system (`malloc_trim`). Called
    /// while the summary is built and again before rendering: the builders were made on the
    /// worker threads, and once they are freed their pages would otherwise stay resident in
    /// those threads' arenas while the summary and the renderers allocate elsewhere.
    static func releaseFreePages() {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            typealias MallocTrim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    static func apply() {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: Mallopt.self)(mMmapThreshold, mmapThreshold)
        #endif
    }
}

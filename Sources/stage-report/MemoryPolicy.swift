#if canImport(Glibc)
import Glibc
#endif

/// Keeps large allocations out of glibc's heap, so that memory freed is memory returned.
///
/// glibc serves blocks of 128 KB and more with their own mappings at first, but each time such
/// a block is freed it raises that threshold to the block's size (up to 32 MB). After the
/// first few read buffers and spool batches, large blocks come from the heaps of the worker
/// threads, and when they are freed the heaps keep them: peak RSS then grew with the input
/// (86 MB at the 1 GB JSON Lines fleet against 54 MB at 100 MB). A fixed threshold turns the
/// adjustment off; at 256 KB the same run peaks at 64 MB. Mappings cost page faults when they
/// are new, so the large buffers that come and go are reused instead (the JUnit chunk pool,
/// the readers' buffers): with both, 100MB-jsonl takes 14,400 page faults against 18,800
/// with glibc's default, and no more time.
///
/// `mallopt` is in `<malloc.h>`, which the Glibc module does not export: it is looked up by
/// name, and where it is missing (another C library) nothing changes.
enum MemoryPolicy {
    static let mmapThreshold: Int32 = 256 << 10
    /// `M_MMAP_THRESHOLD` in glibc's `<malloc.h>`.
    private static let mMmapThreshold: Int32 = -3

    static func apply() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mMmapThreshold, mmapThreshold)
        #endif
    }
}

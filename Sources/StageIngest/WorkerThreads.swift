#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on `count` POSIX threads and waits for all of them. Plain threads rather than
/// Dispatch or tasks: the work is CPU-bound and blocking, and this keeps the pool exact.
public enum WorkerThreads {
    private final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    public static func run(count: Int, _ body: @escaping @Sendable () -> Void) {
        var threads: [pthread_t] = []
        for _ in 0..<count {
            let box = Unmanaged.passRetained(Box(body)).toOpaque()
            #if canImport(Darwin)
            var thread: pthread_t?
            #else
            var thread = pthread_t()
            #endif
            let rc = pthread_create(&thread, nil, { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.body()
                return nil
            }, box)
            if rc != 0 {
                // Could not start a thread: do its share on this one.
                Unmanaged<Box>.fromOpaque(box).release()
                body()
                continue
            }
            #if canImport(Darwin)
            if let thread { threads.append(thread) }
            #else
            threads.append(thread)
            #endif
        }
        for t in threads { pthread_join(t, nil) }
    }
}

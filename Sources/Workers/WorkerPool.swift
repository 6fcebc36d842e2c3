#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// POSIX threads running one body each, joined together; for callers that work on the calling
/// thread while the pool runs (an ordered writer consuming what the workers produce).
public struct WorkerPool {
    private var threads: [pthread_t] = []

    public var count: Int { threads.count }

    private final class Body: @unchecked Sendable {
        // Immutable after init and only called, never mutated: safe to share.
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts up to `count` threads; fewer when the system refuses one.
    public static func start(_ count: Int, _ body: @escaping @Sendable () -> Void) -> WorkerPool {
        var pool = WorkerPool()
        for _ in 0..<count {
            let box = Unmanaged.passRetained(Body(body)).toOpaque()
            #if canImport(Darwin)
                var thread: pthread_t?
            #else
                var thread = pthread_t()
            #endif
            let rc = pthread_create(
                &thread, nil,
                { raw in
                    let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
                    body.run()
                    return nil
                }, box)
            guard rc == 0 else {
                Unmanaged<Body>.fromOpaque(box).release()
                break
            }
            #if canImport(Darwin)
                if let thread { pool.threads.append(thread) }
            #else
                pool.threads.append(thread)
            #endif
        }
        return pool
    }

    public func join() {
        for thread in threads { pthread_join(thread, nil) }
    }
}

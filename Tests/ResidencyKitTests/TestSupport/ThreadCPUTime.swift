#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CPU time the calling thread has used so far. Unlike the wall clock it does not grow
/// while a loaded machine runs other work, so a bound on it (a refusal that must come before
/// a bomb's work grows large) holds on a busy CI host, where a wall-clock bound of the same
/// test failed for waiting, not for working. Only for synchronous code: a test that suspends
/// may resume on another thread.
enum ThreadCPUTime {
    static func now() -> Duration {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return .seconds(Int64(t.tv_sec)) + .nanoseconds(Int64(t.tv_nsec))
    }
}

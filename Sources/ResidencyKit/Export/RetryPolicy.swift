import Foundation

/// When to try a request again: after a 429, a 5xx or a failed connection, up to
/// `maxAttempts` in all, waiting `Retry-After` when the server says how long, else an
/// exponentially growing delay with jitter (so that many nightly exports started by one cron
/// line do not retry in step).
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts = 5
    /// The first delay's ceiling; each later one doubles, up to `maxDelay`.
    public var baseDelay: TimeInterval = 1
    public var maxDelay: TimeInterval = 30

    public init(maxAttempts: Int = 5, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Whether an HTTP status is worth another attempt.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500..<600).contains(status) }

    /// The wait after failed attempt `attempt` (1-based): half the ceiling
    /// `min(maxDelay, baseDelay · 2^(attempt-1))` plus a random part of the other half
    /// ("equal jitter"), `random` being in 0..<1.
    public func delay(after attempt: Int, random: Double) -> TimeInterval {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling / 2 + ceiling / 2 * min(max(random, 0), 1)
    }

    /// `Retry-After` as whole seconds (RFC 9110's delay-seconds). The HTTP-date form is not
    /// used: it depends on the two clocks agreeing, and the backoff is a fine answer to it.
    public static func retryAfter(_ value: String?) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty,
            value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let seconds = Int(value.prefix(9))
        else { return nil }
        return TimeInterval(seconds)
    }
}

/// What the client needs from the world besides the network: a monotonic clock for the
/// deadline, a way to wait, and randomness for jitter. Tests pass a fake that records the
/// waits and advances its clock instead of sleeping.
public struct ExportEnvironment: Sendable {
    /// Monotonic seconds, from any origin.
    public var now: @Sendable () -> TimeInterval
    public var sleep: @Sendable (TimeInterval) -> Void
    /// A number in 0..<1.
    public var random: @Sendable () -> Double

    public init(
        now: @escaping @Sendable () -> TimeInterval, sleep: @escaping @Sendable (TimeInterval) -> Void,
        random: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// The real clock, `Thread.sleep` and the system's random numbers.
    public static var system: ExportEnvironment {
        let origin = ContinuousClock.now
        return ExportEnvironment(
            now: {
                let elapsed = ContinuousClock.now - origin
                return TimeInterval(elapsed.components.seconds) + TimeInterval(elapsed.components.attoseconds) * 1e-18
            },
            sleep: { seconds in if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } },
            random: { Double.random(in: 0..<1) })
    }
}

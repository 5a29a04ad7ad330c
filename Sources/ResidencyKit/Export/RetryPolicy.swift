import Foundation

/// When to try a request again: after a 429, a 5xx or a failed connection, up to
/// `maxAttempts` in all, waiting `Retry-After` when the server says how long, else an
/// exponentially growing delay with jitter (so that many nightly exports started by one cron
/// line do not retry in step).
///
/// A 429 from Segment that says when its limit lifts (`RateLimitReset`) is waited out and
/// not counted as an attempt: the request did not fail, it was asked to wait, and after the
/// wait it works. Those waits have their own bound, `maxRateLimitWaits`, beside the
/// export's deadline, so that a server that answers 429 for ever still ends the export.
package struct RetryPolicy: Sendable, Equatable {
    var maxAttempts = 5
    /// The first delay's ceiling; each later one doubles, up to `maxDelay`.
    package var baseDelay: TimeInterval = 1
    var maxDelay: TimeInterval = 30
    /// Waits for a named rate-limit reset per request. Each wait opens a new window, so a
    /// request still refused after 20 is not being rate limited in the ordinary way.
    var maxRateLimitWaits = 20

    init(
        maxAttempts: Int = 5, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30, maxRateLimitWaits: Int = 20
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRateLimitWaits = maxRateLimitWaits
    }

    /// Whether an HTTP status is worth another attempt.
    static func isRetryable(status: Int) -> Bool { status == 429 || (500..<600).contains(status) }

    /// The wait after failed attempt `attempt` (1-based): half the ceiling
    /// `min(maxDelay, baseDelay · 2^(attempt-1))` plus a random part of the other half
    /// ("equal jitter"), `random` being in 0..<1.
    func delay(after attempt: Int, random: Double) -> TimeInterval {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling / 2 + ceiling / 2 * min(max(random, 0), 1)
    }

    /// `Retry-After` as whole seconds (RFC 9110's delay-seconds). The HTTP-date form is not
    /// used: it depends on the two clocks agreeing, and the backoff is a fine answer to it.
    static func retryAfter(_ value: String?) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty,
            value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let seconds = Int(value.prefix(9))
        else { return nil }
        return TimeInterval(seconds)
    }
}

/// What the client needs from the world besides the network: a monotonic clock for the
/// deadline, a way to wait, randomness for jitter, and the time of day for a rate-limit
/// reset given as a date without the answer's `Date` to measure it against. Tests pass a
/// fake that records the waits and advances its clock instead of sleeping.
package struct ExportEnvironment: Sendable {
    /// Monotonic seconds, from any origin.
    var now: @Sendable () -> TimeInterval
    var sleep: @Sendable (TimeInterval) -> Void
    /// A number in 0..<1.
    var random: @Sendable () -> Double
    /// The wall clock. Only reset dates are measured against it: it can jump, so the
    /// deadline keeps to `now`.
    var wallClock: @Sendable () -> Date

    init(
        now: @escaping @Sendable () -> TimeInterval, sleep: @escaping @Sendable (TimeInterval) -> Void,
        random: @escaping @Sendable () -> Double, wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.now = now
        self.sleep = sleep
        self.random = random
        self.wallClock = wallClock
    }

    /// The real clocks, `Thread.sleep` and the system's random numbers.
    static var system: ExportEnvironment {
        let origin = ContinuousClock.now
        return ExportEnvironment(
            now: {
                let elapsed = ContinuousClock.now - origin
                return TimeInterval(elapsed.components.seconds) + TimeInterval(elapsed.components.attoseconds) * 1e-18
            },
            sleep: { seconds in if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } },
            random: { Double.random(in: 0..<1) }, wallClock: { Date() })
    }
}

/// How failed requests are retried: exponential backoff with jitter.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    /// The backoff cap of the first retry; it doubles on each retry.
    public var baseDelay: Double
    /// The largest backoff cap.
    public var maxDelay: Double
    /// How long one request may take, in seconds.
    public var requestTimeout: Double

    /// Makes a retry policy.
    public init(maxAttempts: Int, baseDelay: Double, maxDelay: Double, requestTimeout: Double) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.requestTimeout = requestTimeout
    }

    /// Eight tries, backoff from 0.2 s up to 10 s, 60 s per request.
    public static let standard = RetryPolicy(maxAttempts: 8, baseDelay: 0.2, maxDelay: 10, requestTimeout: 60)

    /// The pause before retry number `retry` (1 for the first retry): a random time between a quarter of and the whole of `min(maxDelay, baseDelay · 2^(retry−1))`.
    public func delay(beforeRetry retry: Int) -> Double {
        let cap = min(maxDelay, baseDelay * Double(1 << min(max(retry - 1, 0), 30)))
        return Double.random(in: (cap / 4)...max(cap, cap / 4 + 0.000_001))
    }
}

namespace ShapeBlock.Testing.Clouds;

/// <summary>
/// A token bucket like the clouds' own: <c>limit</c> requests per hour, refilled evenly. Every request
/// takes one token; an empty bucket answers 429 by itself, without any injected fault.
/// </summary>
internal sealed class RateLimitBucket(FakeCloudOptions options)
{
    private readonly Lock gate = new();
    private double tokens = -1;
    private DateTimeOffset last;

    /// <summary>Takes one token.</summary>
    /// <returns>Whether the request may proceed, and the values for the rate-limit headers.</returns>
    public RateLimitState Take()
    {
        lock (gate)
        {
            var limit = Math.Max(1, options.RateLimit);
            var now = options.TimeProvider.GetUtcNow();
            var perToken = TimeSpan.FromHours(1) / limit;
            if (tokens < 0)
            {
                tokens = limit;
            }
            else
            {
                tokens = Math.Min(limit, tokens + ((now - last) / perToken));
            }

            last = now;
            var allowed = tokens >= 1;
            if (allowed)
            {
                tokens -= 1;
            }

            var remaining = (int)Math.Floor(tokens);
            var reset = now + (perToken * (limit - tokens));
            return new RateLimitState(allowed, limit, remaining, reset.ToUnixTimeSeconds(), allowed ? TimeSpan.Zero : perToken * (1 - tokens));
        }
    }
}

/// <summary>Rate-limit values for one response.</summary>
internal sealed record RateLimitState(bool Allowed, int Limit, int Remaining, long ResetUnixSeconds, TimeSpan RetryAfter);

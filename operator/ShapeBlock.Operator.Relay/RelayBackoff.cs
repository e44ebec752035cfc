namespace ShapeBlock.Operator.Relay;

/// <summary>
/// Exponential backoff with full jitter: retry n waits a uniformly random time in
/// [0, min(max, min·2^(n-1))]. Randomising the whole interval spreads the reconnects of many
/// operators after a server restart instead of having them arrive in waves.
/// </summary>
internal sealed class RelayBackoff(TimeSpan min, TimeSpan max, Random random)
{
    /// <summary>The upper bound of the delay before retry <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var ms = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>The delay before retry <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Delay(int attempt) => TimeSpan.FromMilliseconds(Ceiling(attempt).TotalMilliseconds * random.NextDouble());
}

namespace ShapeBlock.Operator.Runtime.Queue;

/// <summary>
/// Per-key exponential backoff with jitter for failed reconciles: the n-th consecutive failure of a
/// key waits about <c>Base * 2^(n-1)</c>, capped at <see cref="Max"/>, scaled by a random factor in
/// [1 - Jitter, 1] so that many keys failing together do not retry in lockstep.
/// </summary>
/// <param name="Base">Delay after the first failure (spec: 5 ms).</param>
/// <param name="Max">The longest delay (spec: 5 min).</param>
/// <param name="Jitter">Fraction of the delay that is randomised, 0 … 1.</param>
public sealed record BackoffPolicy(TimeSpan Base, TimeSpan Max, double Jitter = 0.2)
{
    /// <summary>5 ms doubling up to 5 minutes, 20 % jitter.</summary>
    public static BackoffPolicy Default { get; } = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMinutes(5));

    /// <summary>The delay before retry number <paramref name="failures"/> (1 = first failure).</summary>
    /// <param name="failures">Consecutive failures so far, at least 1.</param>
    /// <param name="random">Source of jitter.</param>
    /// <returns>The delay.</returns>
    public TimeSpan Delay(int failures, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponent = Math.Min(failures - 1, 40);
        var raw = Math.Min(Base.TotalMilliseconds * Math.Pow(2, exponent), Max.TotalMilliseconds);
        var factor = 1 - (Jitter * random.NextDouble());
        return TimeSpan.FromMilliseconds(raw * factor);
    }
}

namespace ShapeBlock.Operator.Relay.Tests.Infrastructure;

/// <summary>Jitter pinned to half the ceiling: backoff delays become exact, so timing bounds are deterministic.</summary>
internal sealed class HalfJitter : Random
{
    public override double NextDouble() => 0.5;
}

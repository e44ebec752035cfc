namespace ShapeBlock.Operator.Relay.Tests;

public sealed class RelayBackoffTests
{
    [Fact]
    public void The_ceiling_doubles_from_the_minimum_up_to_the_maximum()
    {
        var backoff = new RelayBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), new Random(1));

        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Ceiling(1));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Ceiling(2));
        Assert.Equal(TimeSpan.FromSeconds(32), backoff.Ceiling(7));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Ceiling(8));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Ceiling(int.MaxValue));
    }

    [Fact]
    public void Delays_are_fully_jittered_within_the_ceiling()
    {
        var backoff = new RelayBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), new Random(7));
        var delays = Enumerable.Range(0, 1000).Select(_ => backoff.Delay(3)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        Assert.True(delays.Min() < TimeSpan.FromMilliseconds(200) && delays.Max() > TimeSpan.FromMilliseconds(1800), "spread over the whole interval");
    }
}

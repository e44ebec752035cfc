using Microsoft.Extensions.Time.Testing;
using ShapeBlock.Operator.Health;

namespace ShapeBlock.Operator.Tests;

public sealed class IdleCompactorTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void Compacts_once_after_a_burst_when_two_quiet_ticks_follow()
    {
        var time = new FakeTimeProvider();
        var compactor = new IdleCompactor(() => true, time);
        long allocated = 0;
        bool Tick(long more, bool idleQueues = true)
        {
            time.Advance(IdleCompactor.Period);
            allocated += more;
            return compactor.ShouldCompact(allocated, idleQueues, time.GetTimestamp());
        }

        Assert.False(Tick(0));
        Assert.False(Tick(20 * MiB)); // the burst
        Assert.False(Tick(10 * MiB));
        Assert.False(Tick(0)); // one quiet tick is not enough
        Assert.True(Tick(0));
        Assert.Equal(1, compactor.Compactions);

        // Idle afterwards (watches, probes): nothing more to give back, no further collections.
        for (var i = 0; i < 100; i++)
        {
            Assert.False(Tick(10 * 1024));
        }

        Assert.Equal(1, compactor.Compactions);

        // A trickle below the idle rate still adds up: once it reaches a burst's worth, one more compaction.
        var more = 0;
        for (var i = 0; i < 60; i++)
        {
            more += Tick(200 * 1024) ? 1 : 0;
        }

        Assert.Equal(1, more);
    }

    [Fact]
    public void Never_compacts_while_keys_wait_or_the_process_allocates()
    {
        var time = new FakeTimeProvider();
        var compactor = new IdleCompactor(() => true, time);
        long allocated = 0;
        for (var i = 0; i < 60; i++)
        {
            time.Advance(IdleCompactor.Period);
            allocated += i % 2 == 0 ? 0 : 4 * MiB; // busy every other second
            Assert.False(compactor.ShouldCompact(allocated, idleQueues: true, time.GetTimestamp()));
        }

        for (var i = 0; i < 10; i++)
        {
            time.Advance(IdleCompactor.Period);
            Assert.False(compactor.ShouldCompact(allocated, idleQueues: false, time.GetTimestamp()));
        }

        Assert.Equal(0, compactor.Compactions);
    }

    [Fact]
    public void Bursts_closer_than_the_minimum_interval_share_one_compaction()
    {
        var time = new FakeTimeProvider();
        var compactor = new IdleCompactor(() => true, time);
        long allocated = 0;
        var collections = 0;
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromSeconds(60))
        {
            // a 10 MiB burst, then 4 quiet seconds: every 5 s
            foreach (var more in new[] { 10 * MiB, 0, 0, 0, 0 })
            {
                time.Advance(IdleCompactor.Period);
                elapsed += IdleCompactor.Period;
                allocated += more;
                collections += compactor.ShouldCompact(allocated, idleQueues: true, time.GetTimestamp()) ? 1 : 0;
            }
        }

        Assert.InRange(collections, 2, 3); // 60 s at most one per 30 s
    }
}

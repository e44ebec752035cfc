using Microsoft.Extensions.Time.Testing;
using ShapeBlock.Operator.Runtime.Queue;

namespace ShapeBlock.Operator.Runtime.Tests;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_key_added_many_times_is_queued_once()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await Take(queue)).Key);
        Assert.Equal("b", (await Take(queue)).Key);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_runs_once_more_after_done_never_concurrently()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        var (_, key) = await Take(queue);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);

        var second = queue.TakeAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        queue.Done(key);
        var (ok, again) = await second.WaitAsync(Bound);
        Assert.True(ok);
        Assert.Equal("a", again);
        queue.Done(again);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_after_waits_for_the_clock_and_the_earliest_delay_wins()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time: clock);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.WaitingCount);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.WaitingCount);

        var (_, key) = await Take(queue);
        queue.Done(key);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Rate_limited_adds_back_off_exponentially_until_forgotten()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(new BackoffPolicy(TimeSpan.FromMilliseconds(5), TimeSpan.FromMinutes(5), Jitter: 0), clock);

        var delays = Enumerable.Range(0, 4).Select(_ => queue.AddRateLimited("a")).ToList();

        Assert.Equal([5, 10, 20, 40], delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(4, queue.Failures("a"));
        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
        Assert.Equal(5, (int)queue.AddRateLimited("a").TotalMilliseconds);
    }

    [Fact]
    public void Backoff_is_capped_and_jittered()
    {
        var policy = BackoffPolicy.Default;
        var random = new Random(42);

        var capped = policy.Delay(100, random);
        Assert.InRange(capped, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));

        var samples = Enumerable.Range(0, 50).Select(_ => policy.Delay(3, random).TotalMilliseconds).ToList();
        Assert.All(samples, s => Assert.InRange(s, 16, 20));
        Assert.True(samples.Distinct().Count() > 10, "jitter spreads retries");
    }

    [Fact]
    public async Task Shutdown_releases_waiting_takers_and_drops_pending_keys()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time: clock);
        var takers = Enumerable.Range(0, 3).Select(_ => queue.TakeAsync(CancellationToken.None).AsTask()).ToList();
        queue.AddAfter("later", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        var results = await Task.WhenAll(takers).WaitAsync(Bound);

        Assert.All(results, r => Assert.False(r.Ok));
        queue.Add("ignored");
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Many_workers_never_process_one_key_concurrently()
    {
        using var queue = new WorkQueue<int>();
        using var cts = new CancellationTokenSource(Bound);
        var active = new int[10];
        var processed = 0;
        var overlap = 0;

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (ok, key) = await queue.TakeAsync(cts.Token);
                if (!ok)
                {
                    return;
                }

                if (Interlocked.Increment(ref active[key]) > 1)
                {
                    Interlocked.Increment(ref overlap);
                }

                await Task.Yield();
                Interlocked.Decrement(ref active[key]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        })).ToList();

        for (var i = 0; i < 5000; i++)
        {
            queue.Add(i % 10);
        }

        while (queue.Count > 0 && !cts.IsCancellationRequested)
        {
            await Task.Delay(1, cts.Token);
        }

        queue.ShutDown();
        await Task.WhenAll(workers);
        Assert.Equal(0, overlap);
        Assert.InRange(processed, 10, 5000);
    }

    private static async Task<(bool Ok, string Key)> Take(WorkQueue<string> queue) =>
        await queue.TakeAsync(CancellationToken.None).AsTask().WaitAsync(Bound);
}

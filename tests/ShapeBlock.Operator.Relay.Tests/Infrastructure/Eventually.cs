using System.Diagnostics;

namespace ShapeBlock.Operator.Relay.Tests.Infrastructure;

/// <summary>Bounded waits on observable conditions: every wait in these tests goes through here.</summary>
internal static class Eventually
{
    /// <summary>Generous, for a loaded 2-core machine; conditions normally hold within milliseconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Timeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }
}

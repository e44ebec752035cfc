using System.Diagnostics;

namespace ShapeBlock.Testing.Clouds.Tests;

/// <summary>Waits for an observable condition with a deadline (never a bare sleep).</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"{what ?? "condition"} not reached within {limit}; last value: {value}");
            }

            await Task.Delay(10);
        }
    }
}

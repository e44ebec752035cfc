using System.Diagnostics;

namespace ShapeBlock.Testing.Ssh.Tests;

/// <summary>Waits for an observable condition with a deadline (never a bare sleep).</summary>
internal static class Eventually
{
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"{what} not reached within {limit}");
            }

            await Task.Delay(20);
        }
    }
}

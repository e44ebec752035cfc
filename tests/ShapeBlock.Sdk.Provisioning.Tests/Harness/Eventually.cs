namespace ShapeBlock.Sdk.Provisioning.Tests.Harness;

/// <summary>Waits for an observable condition with a bounded deadline.</summary>
public static class Eventually
{
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(25);
        }
    }
}

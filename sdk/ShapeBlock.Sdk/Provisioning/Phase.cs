using System.Diagnostics;

namespace ShapeBlock.Sdk.Provisioning;

/// <summary>Times a phase and reports its start and its duration.</summary>
internal static class Phase
{
    public static async Task<T> RunAsync<T>(IProgress<ProvisionEvent>? progress, string name, string description, Func<Task<T>> body)
    {
        progress?.Report(new ProvisionEvent(ProvisionEventKind.PhaseStarted, name, description));
        var watch = Stopwatch.StartNew();
        var result = await body().ConfigureAwait(false);
        progress?.Report(new ProvisionEvent(ProvisionEventKind.PhaseCompleted, name, "done", watch.Elapsed));
        return result;
    }

    public static Task RunAsync(IProgress<ProvisionEvent>? progress, string name, string description, Func<Task> body) =>
        RunAsync(progress, name, description, async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        });
}

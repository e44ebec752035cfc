using k8s;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator;

/// <summary>
/// The operator process around the <see cref="OperatorHost"/>: cluster connection, graceful shutdown on
/// SIGTERM/SIGINT (drain in-flight reconciles, release the lease, bounded by a shutdown timeout) and the exit code.
/// A few lines instead of Microsoft.Extensions.Hosting, whose DI/configuration stack the NativeAOT binary paid for in size and memory.
/// </summary>
/// <param name="options">Configuration.</param>
/// <param name="loggers">Logging.</param>
/// <param name="shutdownTimeout">How long a graceful stop may take before the process exits anyway.</param>
/// <param name="timeline">Start-up milestones, begun in Main.</param>
internal sealed class OperatorService(OperatorOptions options, ILoggerFactory loggers, TimeSpan shutdownTimeout, StartupTimeline? timeline = null)
{
    /// <summary>Exit code: stopped gracefully.</summary>
    public const int Stopped = 0;

    /// <summary>Exit code: leadership lost, start-up failed or the shutdown timed out; the pod restarts with fresh state.</summary>
    public const int Failed = 1;

    /// <summary>Runs the operator until <paramref name="stopping"/> fires or it fails.</summary>
    /// <param name="stopping">Fired by the termination signals.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var logger = loggers.CreateLogger<OperatorService>();
        Task<bool> run;
        KubeRestClient client;
        try
        {
            var config = KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG"));
            timeline?.Mark("configuration");
            // Not KubernetesClient's Kubernetes: its constructor roots the JSON context of all models (see KubeRestClient).
            client = KubeRestClient.Create(config);
            timeline?.Mark("client");
            logger.LogInformation("ShapeBlock operator starting against {Server}", client.BaseUri);
            var host = new OperatorHost(options, client, loggers) { Timeline = timeline };
            timeline?.Mark("host");
            run = host.RunAsync(stopping);
        }
        catch (Exception e)
        {
            logger.LogCritical("Cannot start: {Error}", e.Message);
            return Failed;
        }

        using (client)
        {
            // Once a stop is requested the host has shutdownTimeout to drain and release its lease.
            var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = stopping.Register(stopRequested.SetResult);
            if (await Task.WhenAny(run, stopRequested.Task).ConfigureAwait(false) != run)
            {
                logger.LogInformation("Stopping: draining in-flight work (up to {Seconds} s)", shutdownTimeout.TotalSeconds);
                if (await Task.WhenAny(run, Task.Delay(shutdownTimeout, CancellationToken.None)).ConfigureAwait(false) != run)
                {
                    logger.LogError("Graceful stop did not finish within {Seconds} s; exiting", shutdownTimeout.TotalSeconds);
                    return Failed;
                }
            }

            try
            {
                if (!await run.ConfigureAwait(false))
                {
                    logger.LogError("Lost leadership; exiting so a fresh process rebuilds its state");
                    return Failed;
                }
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "The operator failed");
                return Failed;
            }

            logger.LogInformation("Stopped");
            return Stopped;
        }
    }
}

using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator;

/// <summary>Runs the <see cref="OperatorHost"/> inside the generic host (signals, graceful shutdown, logging).</summary>
internal sealed class OperatorService(OperatorOptions options, ILoggerFactory loggers, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<OperatorService>();
        var config = KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG"));
        using var kubernetes = new Kubernetes(config);
        logger.LogInformation("ShapeBlock operator starting against {Server}", kubernetes.BaseUri);

        var graceful = await new OperatorHost(options, kubernetes, loggers).RunAsync(stoppingToken).ConfigureAwait(false);
        if (!graceful)
        {
            logger.LogError("Lost leadership; exiting so a fresh process rebuilds its state");
            Environment.ExitCode = 1;
        }

        lifetime.StopApplication();
    }
}

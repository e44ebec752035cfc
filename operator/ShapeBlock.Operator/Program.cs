using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Logging;

// The ShapeBlock operator. Configuration comes from the environment (see OperatorOptions; LOG_LEVEL, LOG_FORMAT);
// the cluster from $KUBECONFIG outside a cluster or the service account inside one. SIGTERM/SIGINT drain
// in-flight reconciles and release the leader lease.
var timeline = new StartupTimeline();
JsonWarmUp.Start(); // JSON metadata of the bulk kinds, configured while the kubeconfig is read and the lists are requested
using var loggers = ConsoleLoggerFactory.FromEnvironment(Environment.GetEnvironmentVariable);
OperatorOptions options;
try
{
    options = OperatorOptions.FromEnvironment();
}
catch (UriFormatException e)
{
    loggers.CreateLogger("ShapeBlock.Operator").LogCritical("Invalid configuration: {Error} (SHAPEBLOCK_WS_URL and SHAPEBLOCK_API_URL must be absolute URLs)", e.Message);
    return OperatorService.Failed;
}

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true; // the process exits when the drain is over, not at once
    stop.Cancel();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
timeline.Mark("options");
return await new OperatorService(options, loggers, TimeSpan.FromSeconds(25), timeline).RunAsync(stop.Token);

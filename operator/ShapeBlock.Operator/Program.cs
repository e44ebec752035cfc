using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator;

// The ShapeBlock operator. Configuration comes from the environment (see OperatorOptions); the cluster
// from $KUBECONFIG outside a cluster or the service account inside one. SIGTERM drains in-flight
// reconciles and releases the leader lease.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("LOG_LEVEL"), true, out var level) ? level : LogLevel.Information);
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    console.UseUtcTimestamp = true;
});
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(25));
builder.Services.AddSingleton(OperatorOptions.FromEnvironment());
builder.Services.AddHostedService<OperatorService>();
await builder.Build().RunAsync();

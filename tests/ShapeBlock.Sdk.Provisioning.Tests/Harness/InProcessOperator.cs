using System.Collections.Concurrent;
using k8s;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Sdk.Provisioning.Tests.Harness;

/// <summary>
/// The real ShapeBlock operator running in this process against the in-memory API server (as the platform's operator
/// Deployment would in the cluster). Its own API writes are counted apart from everyone else's, and its warnings are
/// kept for failure messages.
/// </summary>
public sealed class InProcessOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ILoggerFactory loggers;
    private readonly WriteCounter counter = new();
    private readonly Kubernetes client;
    private readonly Task<bool> run;

    private InProcessOperator(InMemoryKubernetes server, OperatorOptions options)
    {
        loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new LineCollector(Lines)));
        client = new Kubernetes(server.ClientConfiguration(), counter);
        Host = new OperatorHost(options, client, loggers);
        run = Task.Run(() => Host.RunAsync(stop.Token));
    }

    public OperatorHost Host { get; }

    /// <summary>Mutating requests (POST, PUT, PATCH, DELETE) the operator sent.</summary>
    public int Writes => counter.Writes;

    /// <summary>The operator's log lines (information and above).</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Starts the operator and waits (bounded) until its caches are synced.</summary>
    public static async Task<InProcessOperator> StartAsync(InMemoryKubernetes server, OperatorOptions? options = null)
    {
        var running = new InProcessOperator(server, options ?? new OperatorOptions
        {
            HealthAddress = "",
            LeaderElection = false,
            Apps = new AppsOptions { UnschedulableTimeout = TimeSpan.Zero },
        });
        await Eventually.Until(() => running.Host.IsReady || running.run.IsCompleted, "the operator's caches to sync", TimeSpan.FromSeconds(30));
        if (running.run.IsCompleted)
        {
            throw new InvalidOperationException("the operator stopped during start-up:\n" + running.Tail());
        }

        return running;
    }

    /// <summary>The last log lines, for failure messages.</summary>
    public string Tail(int count = 20) => string.Join('\n', Lines.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        client.Dispose();
        loggers.Dispose();
        stop.Dispose();
    }

    private sealed class WriteCounter : DelegatingHandler
    {
        private int writes;

        public int Writes => Volatile.Read(ref writes);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get)
            {
                Interlocked.Increment(ref writes);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class LineCollector(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                while (lines.Count > 2000)
                {
                    lines.TryDequeue(out _);
                }
            }
        }
    }
}

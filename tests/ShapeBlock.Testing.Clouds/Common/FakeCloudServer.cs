using System.Globalization;
using System.Net;

namespace ShapeBlock.Testing.Clouds;

/// <summary>
/// Kestrel on 127.0.0.1 (ephemeral port) with what both fake clouds share: bearer-token auth, a rate-limit
/// bucket with its headers on every response, injected faults and latency, and a request log.
/// </summary>
public abstract class FakeCloudServer : IAsyncDisposable
{
    private readonly RateLimitBucket bucket;
    private readonly Lock gate = new();
    private readonly List<Exception> errors = [];
    private WebApplication? app;
    private string? origin;

    private protected FakeCloudServer(FakeCloudOptions? options)
    {
        Options = options ?? new FakeCloudOptions();
        bucket = new RateLimitBucket(Options);
    }

    /// <summary>Behaviour settings (token, action duration, address provider, …); changeable at any time.</summary>
    public FakeCloudOptions Options { get; }

    /// <summary>Fault injection: 429, 5xx, dropped connections, latency.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Every request answered so far (method, path, status).</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>The API base URL a client is configured with (e.g. <c>http://127.0.0.1:5123/v1</c>).</summary>
    public string BaseUrl => Origin + ApiPrefix;

    /// <summary>Scheme, host and port (e.g. <c>http://127.0.0.1:5123</c>).</summary>
    public string Origin => origin ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Exceptions thrown by handlers (answered with 500); a test may assert this stays empty.</summary>
    public IReadOnlyList<Exception> UnhandledErrors
    {
        get
        {
            lock (gate)
            {
                return [.. errors];
            }
        }
    }

    private protected abstract string ApiPrefix { get; }

    private protected abstract (string Limit, string Remaining, string Reset) RateLimitHeaders { get; }

    /// <summary>Starts the server.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns><see cref="BaseUrl"/>.</returns>
    public async Task<string> StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            return BaseUrl;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        web.Use(HandleAsync);
        Map(web.MapGroup(ApiPrefix));
        web.MapFallback(context => StandardError(StatusCodes.Status404NotFound).ExecuteAsync(context));
        await web.StartAsync(cancellationToken);
        app = web;
        origin = web.Urls.First().TrimEnd('/');
        return BaseUrl;
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (app is { } web)
        {
            app = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await web.StopAsync(timeout.Token);
            await web.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private protected abstract void Map(IEndpointRouteBuilder api);

    /// <summary>The cloud's error body for a status code that is not specific to an endpoint (401, 404, 429, 5xx).</summary>
    private protected abstract IResult StandardError(int status, string? message = null);

    private async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        var at = Options.TimeProvider.GetUtcNow();
        var request = context.Request;
        var aborted = false;
        RateLimitState? rate = null;
        context.Response.OnStarting(() =>
        {
            if (rate is not null)
            {
                var (limit, remaining, reset) = RateLimitHeaders;
                context.Response.Headers[limit] = rate.Limit.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers[remaining] = rate.Remaining.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers[reset] = rate.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });
        try
        {
            if (Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Faults.Latency, context.RequestAborted); // simulated network latency, not a readiness wait
            }

            rate = bucket.Take();
            if (Faults.Take(request.Method, request.Path.Value ?? "") is { } fault)
            {
                if (fault.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }

                if (fault.Abort)
                {
                    aborted = true;
                    context.Abort();
                    return;
                }

                if (fault.Status == StatusCodes.Status429TooManyRequests)
                {
                    rate = rate with { Remaining = 0, ResetUnixSeconds = (at + fault.RetryAfter).ToUnixTimeSeconds() };
                    context.Response.Headers.RetryAfter = Math.Ceiling(fault.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await StandardError(fault.Status).ExecuteAsync(context);
                return;
            }

            if (!rate.Allowed)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling(rate.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await StandardError(StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
                return;
            }

            if (request.Headers.Authorization.ToString() != "Bearer " + Options.Token)
            {
                await StandardError(StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }

            await next();
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            lock (gate)
            {
                errors.Add(e);
            }

            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await StandardError(StatusCodes.Status500InternalServerError, e.Message).ExecuteAsync(context);
            }
        }
        finally
        {
            // 0 marks a dropped connection (injected, or the client went away).
            var status = aborted || context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
            Requests.Add(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", status, at));
        }
    }
}

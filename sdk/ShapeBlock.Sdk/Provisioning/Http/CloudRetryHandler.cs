using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ShapeBlock.Sdk.Provisioning.Http;

/// <summary>
/// Retries cloud API calls on 429, 5xx, dropped connections and per-attempt timeouts with Polly, waiting as long as
/// the cloud asks (<c>Retry-After</c>, or <c>RateLimit-Reset</c> when nothing is left) and otherwise with jittered
/// exponential backoff. Requests are re-sent as they are: every body the providers send is buffered.
/// </summary>
internal sealed class CloudRetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public CloudRetryHandler(CloudRetryOptions options, TimeProvider time)
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Options = options;
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } response ? ServerDelay(response, time, options.MaxDelay) : null),
                OnRetry = args =>
                {
                    // The abandoned answer is not read again; free its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    public CloudRetryOptions Options { get; }

    /// <summary>How long the cloud asked us to wait, if it said.</summary>
    internal static TimeSpan? ServerDelay(HttpResponseMessage response, TimeProvider time, TimeSpan max)
    {
        TimeSpan? wait = null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        }
        else if (response.StatusCode == HttpStatusCode.TooManyRequests
            && Header(response, "RateLimit-Reset") is { } reset
            && long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
        {
            // Hetzner and DigitalOcean send the reset as unix seconds.
            wait = DateTimeOffset.FromUnixTimeSeconds(unix) - time.GetUtcNow();
        }

        if (wait is null)
        {
            return null;
        }

        return wait.Value < TimeSpan.Zero ? TimeSpan.Zero : wait.Value > max ? max : wait.Value;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(async ct => await base.SendAsync(request, ct).ConfigureAwait(false), cancellationToken).AsTask();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

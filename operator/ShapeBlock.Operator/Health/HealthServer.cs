using System.Net;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ShapeBlock.Operator.Health;

/// <summary>
/// <c>/healthz</c> (the process is alive), <c>/readyz</c> (caches synced) and <c>/metrics</c> (Prometheus)
/// on a plain HttpListener: far lighter than a web framework for three endpoints.
/// </summary>
internal sealed class HealthServer(string prefix, Func<bool> ready, CollectorRegistry registry, ILogger<HealthServer> logger) : IDisposable
{
    private readonly HttpListener listener = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        listener.Prefixes.Add(prefix);
        try
        {
            listener.Start();
        }
        catch (Exception e)
        {
            // Without probes the pod would be restarted anyway: say why, loudly.
            logger.LogError("Cannot serve health and metrics on {Prefix}: {Error}", prefix, e.Message);
            throw;
        }

        logger.LogInformation("Health and metrics on {Prefix}", prefix);
        using var registration = cancellationToken.Register(listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            _ = Task.Run(() => ServeAsync(context, cancellationToken), CancellationToken.None);
        }
    }

    public void Dispose() => listener.Close();

    private async Task ServeAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/healthz":
                    await WriteAsync(response, 200, "ok", cancellationToken).ConfigureAwait(false);
                    break;
                case "/readyz":
                    await WriteAsync(response, ready() ? 200 : 503, ready() ? "ok" : "caches not synced", cancellationToken).ConfigureAwait(false);
                    break;
                case "/metrics":
                    response.StatusCode = 200;
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await registry.CollectAndExportAsTextAsync(response.OutputStream, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await WriteAsync(response, 404, "not found", cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            response.Close();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string text, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await response.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}

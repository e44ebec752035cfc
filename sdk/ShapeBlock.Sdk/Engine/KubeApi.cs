using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Polly;
using Polly.Retry;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// A small generic REST client over KubernetesClient.Aot's configured HttpClient and credentials (the Aot
/// package has no generic client, no watch helper and no server-side apply for arbitrary kinds).
/// Objects are <see cref="JsonObject"/>s; transient failures (409, 429, 5xx, refused connections) are
/// retried a bounded number of times; an unreachable server becomes a <see cref="ClusterUnreachableException"/>.
/// </summary>
internal sealed class KubeApi : IDisposable
{
    public const string FieldManager = "shapeblock";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue ApplyPatch = new("application/apply-patch+yaml");
    private readonly Kubernetes kubernetes;
    private readonly string cluster;
    private readonly ResiliencePipeline retry;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ApiResource>?> discovery = new(StringComparer.Ordinal);

    public KubeApi(KubernetesClientConfiguration configuration, string cluster, EngineOptions options)
    {
        kubernetes = new Kubernetes(configuration);
        this.cluster = cluster;
        Server = kubernetes.BaseUri.GetLeftPart(UriPartial.Authority);
        retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<KubeApiException>(e => e.IsTransient).Handle<HttpRequestException>(),
                MaxRetryAttempts = options.RequestRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
            })
            .Build();
    }

    /// <summary>The API server's address (no credentials), for messages.</summary>
    public string Server { get; }

    /// <summary>Finds where a kind is served; null when the server does not serve it (yet).</summary>
    public async Task<ApiResource?> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        if (!discovery.TryGetValue(apiVersion, out var resources))
        {
            resources = await DiscoverAsync(apiVersion, cancellationToken).ConfigureAwait(false);
            if (resources is not null)
            {
                discovery[apiVersion] = resources;
            }
        }

        return resources?.FirstOrDefault(r => r.Kind == kind);
    }

    /// <summary>Forgets what discovery said about a group/version (a CRD was just created).</summary>
    public void Forget(string apiVersion) => discovery.TryRemove(apiVersion, out _);

    public async Task<JsonObject?> GetAsync(ApiResource resource, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, resource.Path(ns, name), null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Lists every object (all namespaces), following <c>continue</c> pages.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string ResourceVersion)> ListAsync(ApiResource resource, string? ns, string? labelSelector, string? fieldSelector, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? token = null;
        var version = "";
        do
        {
            var query = Query(("labelSelector", labelSelector), ("fieldSelector", fieldSelector), ("limit", "500"), ("continue", token));
            var page = await SendAsync(HttpMethod.Get, resource.Path(ns) + query, null, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page?["items"]?.AsArray() ?? [])
            {
                if (item is JsonObject obj)
                {
                    // Lists omit apiVersion/kind on items; put them back so keys and prints work.
                    obj["apiVersion"] = resource.ApiVersion;
                    obj["kind"] = resource.Kind;
                    items.Add(obj.DeepClone().AsObject());
                }
            }

            version = page?["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
            token = page?["metadata"]?["continue"]?.GetValue<string>() is { Length: > 0 } next ? next : null;
        }
        while (token is not null);
        return (items, version);
    }

    /// <summary>Server-side apply (field manager <c>shapeblock</c>, <c>force=true</c>); creates when absent.</summary>
    public async Task<JsonObject> ApplyAsync(ApiResource resource, JsonObject obj, CancellationToken cancellationToken)
    {
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        var body = Encoding.UTF8.GetBytes(obj.ToJsonString());
        return (await SendAsync(HttpMethod.Patch, resource.Path(ns, name) + Query(("fieldManager", FieldManager), ("force", "true")), body, ApplyPatch, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Deletes an object (dependents in the background); false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ApiResource resource, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var body = """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}"""u8.ToArray();
            await SendAsync(HttpMethod.Delete, resource.Path(ns, name), body, Json, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Watches from a resourceVersion until the server ends the stream (or it is cut).</summary>
    /// <exception cref="KubeApiException">410 Gone when the version is too old: read again.</exception>
    public async IAsyncEnumerable<(string Type, JsonObject Object)> WatchAsync(ApiResource resource, string? ns, string? fieldSelector, string resourceVersion, int timeoutSeconds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Query(("watch", "true"), ("resourceVersion", resourceVersion), ("fieldSelector", fieldSelector), ("allowWatchBookmarks", "true"),
            ("timeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await foreach (var line in LinesAsync(resource.Path(ns) + query, cancellationToken).ConfigureAwait(false))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var evt = JsonNode.Parse(line)!.AsObject();
            var type = evt["type"]?.GetValue<string>() ?? "";
            var obj = evt["object"]?.AsObject() ?? [];
            if (type == "ERROR")
            {
                throw StatusError(obj, HttpStatusCode.InternalServerError);
            }

            yield return (type, obj);
        }
    }

    /// <summary>Follows a pod's log (<c>follow=true</c>) line by line until the container ends or the stream is cut.</summary>
    public async IAsyncEnumerable<string> FollowLogAsync(string ns, string pod, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(pod)}/log?follow=true";
        await foreach (var line in LinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    /// <summary>
    /// The lines of a streaming GET (watch, log follow) until the server ends it; a cut stream ends it the same
    /// way (the caller reads again), cancellation does not.
    /// </summary>
    private async IAsyncEnumerable<string> LinesAsync(string pathAndQuery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kubernetes.BaseUri, pathAndQuery));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (line is null)
            {
                yield break;
            }

            yield return line;
        }
    }

    public void Dispose() => kubernetes.Dispose();

    private async Task<IReadOnlyList<ApiResource>?> DiscoverAsync(string apiVersion, CancellationToken cancellationToken)
    {
        var path = apiVersion.Contains('/', StringComparison.Ordinal) ? "/apis/" + apiVersion : "/api/" + apiVersion;
        JsonObject? list;
        try
        {
            list = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }

        return [.. (list?["resources"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(r => r["name"]?.GetValue<string>() is { } n && !n.Contains('/', StringComparison.Ordinal))
            .Select(r => new ApiResource(apiVersion, r["kind"]!.GetValue<string>(), r["name"]!.GetValue<string>(), r["namespaced"]?.GetValue<bool>() ?? false))];
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, byte[]? body, MediaTypeHeaderValue? media, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(method, new Uri(kubernetes.BaseUri, path));
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = media;
                }

                using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                await EnsureSuccessAsync(response, token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(e);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await kubernetes.HttpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (completion == HttpCompletionOption.ResponseHeadersRead)
        {
            throw Unreachable(e);
        }
    }

    private ClusterUnreachableException Unreachable(Exception e) => new(
        $"cannot reach the Kubernetes API server of cluster '{cluster}' at {Server}: {Describe(e)}. "
        + "Check that the cluster is running, that the kubeconfig points at it, and that this machine can reach that address.", e);

    // The innermost message says what failed (connection refused, name resolution, certificate) without any credential.
    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is TaskCanceledException or TimeoutException ? "the request timed out" : inner.Message;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            throw StatusError(JsonNode.Parse(text) as JsonObject ?? [], response.StatusCode);
        }
        catch (JsonException)
        {
            throw new KubeApiException(response.StatusCode, response.StatusCode.ToString(), text.Length > 200 ? text[..200] : text);
        }
    }

    private static KubeApiException StatusError(JsonObject status, HttpStatusCode fallback)
    {
        var code = status["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? (HttpStatusCode)n : fallback;
        var reason = status["reason"]?.GetValue<string>() ?? code.ToString();
        var message = status["message"]?.GetValue<string>() ?? "";
        return new KubeApiException(code, reason, message);
    }

    private static string Query(params (string Key, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

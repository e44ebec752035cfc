using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Authentication;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>
/// A small REST client for any resource type (core, apps, CRDs) with typed objects read through an
/// <see cref="IResourceCodec{T}"/> (no reflection), watches and pod logs. The operator talks to the API
/// only through it: KubernetesClient's typed operations and <c>KubernetesJson</c> would compile its
/// serializer context of all ~800 models into the NativeAOT binary.
/// </summary>
public sealed class KubeRestClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMedia = new("application/json");

    /// <summary>Copy buffer of list responses: small, so the ArrayPool bucket it comes from stays small.</summary>
    private const int CopyBufferSize = 16 * 1024;
    private readonly Uri baseUri;
    private readonly HttpClient http;
    private readonly ServiceClientCredentials? credentials;
    private readonly bool ownsHttp;

    /// <summary>Uses the HttpClient and credentials of a configured KubernetesClient (tests, tools).</summary>
    /// <param name="kubernetes">A configured client (kubeconfig or in-cluster); it stays the caller's to dispose.</param>
    public KubeRestClient(Kubernetes kubernetes)
    {
        baseUri = kubernetes.BaseUri;
        http = kubernetes.HttpClient;
        credentials = kubernetes.Credentials;
    }

    private KubeRestClient(Uri baseUri, HttpClient http, ServiceClientCredentials? credentials)
    {
        this.baseUri = baseUri;
        this.http = http;
        this.credentials = credentials;
        ownsHttp = true;
    }

    /// <summary>The API server's address.</summary>
    public Uri BaseUri => baseUri;

    /// <summary>A client of its own for a kubeconfig or in-cluster configuration (server, TLS, client certificate, token).</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The client; dispose it to close its connections.</returns>
    public static KubeRestClient Create(KubernetesClientConfiguration config)
    {
        var (uri, client, creds) = KubeHttp.Create(config);
        return new KubeRestClient(uri, client, creds);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    /// <summary>Called once per request with the verb (get, list, watch, create, update, patch, delete) and resource.</summary>
    public Action<string, ResourceType>? OnRequest { get; set; }

    /// <summary>Reads one object.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Where it lives.</param>
    /// <param name="codec">How to read it.</param>
    /// <param name="ns">Namespace, null for cluster-scoped kinds.</param>
    /// <param name="name">Object name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object, or null when it does not exist.</returns>
    public async Task<T?> GetAsync<T>(ResourceType type, IResourceCodec<T> codec, string? ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            using var doc = await SendAsync("get", type, HttpMethod.Get, type.Path(ns, name), null, null, cancellationToken).ConfigureAwait(false);
            return codec.Read(doc.RootElement);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Lists one page of objects.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Where they live.</param>
    /// <param name="codec">How to read them.</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <param name="labelSelector">Optional label selector.</param>
    /// <param name="limit">Page size; 0 for no limit.</param>
    /// <param name="continueToken">Token of the previous page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public async Task<ListPage<T>> ListAsync<T>(ResourceType type, IResourceCodec<T> codec, string? ns, string? labelSelector, int limit, string? continueToken, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var query = Query(("labelSelector", labelSelector), ("limit", limit > 0 ? limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : null), ("continue", continueToken));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, type.Path(ns) + query));
        OnRequest?.Invoke("list", type);
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);

        // A page of 500 objects is a megabyte or two. Buffered by HttpClient or parsed into a JsonDocument it would
        // sit in arrays rented from the shared ArrayPool, which keeps them for the life of the process (measured
        // ~2 MiB of the idle operator's heap); an array of its own is garbage once the page is read.
        var length = response.Content.Headers.ContentLength;
        using var body = length is > 0 and < int.MaxValue ? new MemoryStream((int)length.Value) : new MemoryStream();
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            await stream.CopyToAsync(body, CopyBufferSize, cancellationToken).ConfigureAwait(false);
        }

        return ListPageReader.Read(body.GetBuffer().AsSpan(0, (int)body.Length), codec);
    }

    /// <summary>Watches objects from a resourceVersion, with bookmarks, until the server ends the stream.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Where they live.</param>
    /// <param name="codec">How to read them.</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <param name="resourceVersion">Where to start (from a list or the last event).</param>
    /// <param name="labelSelector">Optional label selector.</param>
    /// <param name="timeoutSeconds">Server-side timeout of the stream.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The events.</returns>
    /// <exception cref="KubeApiException">With <see cref="KubeApiException.IsGone"/> when the version is too old: re-list.</exception>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceType type, IResourceCodec<T> codec, string? ns, string resourceVersion, string? labelSelector, int timeoutSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var query = Query(
            ("watch", "true"),
            ("allowWatchBookmarks", "true"),
            ("resourceVersion", resourceVersion),
            ("labelSelector", labelSelector),
            ("timeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, type.Path(ns) + query));
        OnRequest?.Invoke("watch", type);
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var eventType = doc.RootElement.GetProperty("type").GetString();
            var obj = doc.RootElement.GetProperty("object");
            if (eventType == "ERROR")
            {
                throw StatusError(obj, HttpStatusCode.InternalServerError);
            }

            var parsed = eventType switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                _ => throw new JsonException($"unknown watch event type '{eventType}'"),
            };
            var value = codec.Read(obj);
            yield return new WatchEvent<T>(parsed, value, value.Metadata?.ResourceVersion ?? "");
        }
    }

    /// <summary>Creates an object.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Where it lives.</param>
    /// <param name="codec">How to read and write it.</param>
    /// <param name="value">The object; its namespace is used for namespaced kinds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object as stored.</returns>
    public async Task<T> CreateAsync<T>(ResourceType type, IResourceCodec<T> codec, T value, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var doc = await SendAsync("create", type, HttpMethod.Post, type.Path(value.Metadata.NamespaceProperty), codec.Write(value), JsonMedia, cancellationToken).ConfigureAwait(false);
        return codec.Read(doc.RootElement);
    }

    /// <summary>Replaces an object (optimistic concurrency on its resourceVersion), or only its status.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Where it lives.</param>
    /// <param name="codec">How to read and write it.</param>
    /// <param name="value">The object with the resourceVersion it was read at.</param>
    /// <param name="status">Write the status subresource instead of the object.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object as stored.</returns>
    public async Task<T> ReplaceAsync<T>(ResourceType type, IResourceCodec<T> codec, T value, bool status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var path = type.Path(value.Metadata.NamespaceProperty, value.Metadata.Name, status ? "status" : null);
        using var doc = await SendAsync(status ? "update-status" : "update", type, HttpMethod.Put, path, codec.Write(value), JsonMedia, cancellationToken).ConfigureAwait(false);
        return codec.Read(doc.RootElement);
    }

    /// <summary>Patches an object.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Where it lives.</param>
    /// <param name="codec">How to read the result.</param>
    /// <param name="ns">Namespace.</param>
    /// <param name="name">Object name.</param>
    /// <param name="patchType">Merge, JSON or apply.</param>
    /// <param name="body">The patch as UTF-8 JSON.</param>
    /// <param name="fieldManager">Field manager (required for apply).</param>
    /// <param name="subresource">E.g. <c>status</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object as stored.</returns>
    public async Task<T> PatchAsync<T>(ResourceType type, IResourceCodec<T> codec, string? ns, string name, PatchType patchType, byte[] body, string? fieldManager, string? subresource, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var media = patchType switch
        {
            PatchType.Merge => "application/merge-patch+json",
            PatchType.Json => "application/json-patch+json",
            _ => "application/apply-patch+yaml",
        };
        var query = Query(("fieldManager", fieldManager), ("force", patchType == PatchType.Apply ? "true" : null));
        using var doc = await SendAsync("patch", type, HttpMethod.Patch, type.Path(ns, name, subresource) + query, body, new MediaTypeHeaderValue(media), cancellationToken).ConfigureAwait(false);
        return codec.Read(doc.RootElement);
    }

    /// <summary>Deletes an object (children by background propagation).</summary>
    /// <param name="type">Where it lives.</param>
    /// <param name="ns">Namespace.</param>
    /// <param name="name">Object name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when it did not exist.</returns>
    public async Task<bool> DeleteAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var body = """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}"""u8.ToArray();
            using var _ = await SendAsync("delete", type, HttpMethod.Delete, type.Path(ns, name), body, JsonMedia, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Opens a container's log (the <c>log</c> subresource of a pod) as a stream of lines.</summary>
    /// <param name="pods">The pods resource type.</param>
    /// <param name="ns">Namespace of the pod.</param>
    /// <param name="pod">Pod name.</param>
    /// <param name="container">Container; null for the pod's only container.</param>
    /// <param name="tailLines">Only the last lines; null for all.</param>
    /// <param name="follow">Keep the stream open while the container runs.</param>
    /// <param name="cancellationToken">Cancels the call (and a followed stream).</param>
    /// <returns>The log; disposing it ends the request.</returns>
    public async Task<Stream> ReadLogAsync(ResourceType pods, string ns, string pod, string? container, int? tailLines, bool follow, CancellationToken cancellationToken)
    {
        var query = Query(
            ("container", container),
            ("tailLines", tailLines?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("follow", follow ? "true" : null));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, pods.Path(ns, pod, "log") + query));
        OnRequest?.Invoke("get", pods);
        var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            // Disposing the content stream releases the response's connection.
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<JsonDocument> SendAsync(string verb, ResourceType type, HttpMethod method, string path, byte[]? body, MediaTypeHeaderValue? media, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = media;
        }

        OnRequest?.Invoke(verb, type);
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (credentials is not null)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
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
            using var doc = JsonDocument.Parse(text);
            throw StatusError(doc.RootElement, response.StatusCode);
        }
        catch (JsonException)
        {
            throw new KubeApiException(response.StatusCode, response.StatusCode.ToString(), text.Length > 200 ? text[..200] : text);
        }
    }

    private static KubeApiException StatusError(JsonElement status, HttpStatusCode fallback)
    {
        var code = status.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? (HttpStatusCode)n : fallback;
        var reason = status.TryGetProperty("reason", out var r) ? r.GetString() ?? code.ToString() : code.ToString();
        var message = status.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
        return new KubeApiException(code, reason, message);
    }

    private static string Query(params (string Key, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}

/// <summary>One page of a list.</summary>
/// <typeparam name="T">Object type.</typeparam>
/// <param name="Items">The objects.</param>
/// <param name="ResourceVersion">The list's resourceVersion: where a watch starts.</param>
/// <param name="Continue">Token for the next page, or null.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);

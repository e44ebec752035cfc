using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly.Timeout;

namespace ShapeBlock.Sdk.Provisioning.Http;

/// <summary>
/// The typed HttpClient under a cloud client: bearer token, JSON in and out, the cloud's error bodies turned into
/// <see cref="CloudApiException"/>s, and a count of mutating calls (an unchanged <c>up</c> must make none).
/// </summary>
internal abstract class CloudHttp : IDisposable
{
    private readonly HttpClient http;
    private int mutatingCalls;

    protected CloudHttp(string provider, Uri baseUrl, string token, CloudRetryOptions retry, TimeProvider time)
    {
        Provider = provider;
        Time = time;
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        http = new HttpClient(new CloudRetryHandler(retry, time), disposeHandler: true)
        {
            BaseAddress = root,
            // The retry handler bounds each attempt; this bounds the whole call including retries.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("shapeblock-sdk", "0.1"));
    }

    public string Provider { get; }

    protected TimeProvider Time { get; }

    /// <summary>POST, PUT, PATCH and DELETE calls answered with success.</summary>
    public int MutatingCalls => Volatile.Read(ref mutatingCalls);

    public void Dispose() => http.Dispose();

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body ?? new JsonObject(), ct);

    public Task<JsonNode?> PutAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Put, path, body, ct);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    /// <summary>Whether the resource at <paramref name="path"/> exists (404 = no).</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken ct)
    {
        try
        {
            await GetAsync(path, ct).ConfigureAwait(false);
            return true;
        }
        catch (CloudApiException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Deletes the resource at <paramref name="path"/>; one that is gone already is fine (destroy is idempotent).</summary>
    public async Task DeleteIfPresentAsync(string path, CancellationToken ct)
    {
        try
        {
            await DeleteAsync(path, ct).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>Extracts the cloud's error code and message from an error body.</summary>
    protected abstract (string? Code, string? Message) ParseError(JsonNode? body);

    protected static string Query(params (string Key, string? Value)[] parameters) =>
        string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    protected static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var shownPath = path.Split('?')[0];
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new CloudApiException(Provider, method.Method, shownPath, 0, null, e is TimeoutRejectedException ? "timed out on every attempt" : e.Message);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            JsonNode? json = null;
            if (text.Length > 0)
            {
                try
                {
                    json = JsonNode.Parse(text);
                }
                catch (System.Text.Json.JsonException) when (!response.IsSuccessStatusCode)
                {
                    // An error page that is not JSON: report the status only.
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                var (code, message) = ParseError(json);
                throw new CloudApiException(Provider, method.Method, shownPath, (int)response.StatusCode, code, message ?? response.ReasonPhrase);
            }

            if (method != HttpMethod.Get)
            {
                Interlocked.Increment(ref mutatingCalls);
            }

            return json;
        }
    }
}

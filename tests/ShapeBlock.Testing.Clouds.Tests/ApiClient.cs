using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ShapeBlock.Testing.Clouds.Tests;

/// <summary>A plain HttpClient against a fake cloud: what a provider would send, and the raw JSON back.</summary>
internal sealed class ApiClient(string baseUrl, string token) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public string Token { get; set; } = token;

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith("http", StringComparison.Ordinal) ? path : baseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        return new ApiResponse(response.StatusCode, json, headers);
    }

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<ApiResponse> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public void Dispose() => http.Dispose();
}

internal sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement this[string property] => Json.GetProperty(property);

    public ApiResponse Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status} but got {(int)Status}: {Json}");
        return this;
    }
}

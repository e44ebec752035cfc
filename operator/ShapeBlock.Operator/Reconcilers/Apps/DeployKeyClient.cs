using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>A deploy key could not be fetched; the message names the cause and the fix, never the key.</summary>
internal sealed class DeployKeyException(string message) : Exception(message);

/// <summary>
/// Fetches a private repository's SSH deploy key from the ShapeBlock server:
/// <c>GET {SHAPEBLOCK_API_URL}/apps/{name}/ssh-key</c> with <c>Authorization: Bearer {SHAPEBLOCK_API_KEY}</c>,
/// answered with <c>{"private_key": "…"}</c>.
/// </summary>
internal sealed class DeployKeyClient(OperatorOptions options, HttpClient http)
{
    public async Task<string> FetchAsync(string app, CancellationToken cancellationToken)
    {
        if (options.ApiUrl is not { } api)
        {
            throw new DeployKeyException("SHAPEBLOCK_API_URL is not set, so the deploy key of this private repository cannot be fetched: set it (and SHAPEBLOCK_API_KEY) on the operator, or give spec.git.secretName");
        }

        var baseUri = api.AbsoluteUri.EndsWith('/') ? api : new Uri(api.AbsoluteUri + "/");
        var uri = new Uri(baseUri, $"apps/{Uri.EscapeDataString(app)}/ssh-key");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (options.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DeployKeyException($"could not reach the ShapeBlock API at {uri.GetLeftPart(UriPartial.Authority)} for the deploy key: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeployKeyException($"the ShapeBlock API at {uri.GetLeftPart(UriPartial.Authority)} did not answer in time for the deploy key");
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    throw new DeployKeyException($"the ShapeBlock API refused the operator's API key ({(int)response.StatusCode}) when fetching the deploy key: check SHAPEBLOCK_API_KEY");
                case HttpStatusCode.NotFound:
                    throw new DeployKeyException($"the ShapeBlock API has no deploy key for app '{app}' (404): add the key in ShapeBlock, or give spec.git.secretName");
                case var status when !response.IsSuccessStatusCode:
                    throw new DeployKeyException($"the ShapeBlock API answered {(int)status} when fetching the deploy key of app '{app}'");
            }

            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var doc = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("private_key", out var value)
                    && value.ValueKind == JsonValueKind.String
                    && value.GetString() is { Length: > 0 } privateKey)
                {
                    return privateKey.EndsWith('\n') ? privateKey : privateKey + "\n";
                }
            }
            catch (JsonException)
            {
                // Reported below without echoing the body (it may hold the key).
            }

            throw new DeployKeyException($"the ShapeBlock API's answer for the deploy key of app '{app}' has no 'private_key'");
        }
    }
}

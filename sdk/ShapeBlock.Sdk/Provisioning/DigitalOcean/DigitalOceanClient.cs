using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Http;

namespace ShapeBlock.Sdk.Provisioning.DigitalOcean;

/// <summary>DigitalOcean API v2: bearer token, <c>{id, message}</c> errors, lists paged until <c>links.pages.next</c> is absent.</summary>
internal sealed class DigitalOceanClient(Uri baseUrl, string token, CloudRetryOptions retry, TimeProvider time, TimeSpan pollInterval)
    : CloudHttp("digitalocean", baseUrl, token, retry, time)
{
    /// <summary>The default API root.</summary>
    public static readonly Uri DefaultUrl = new("https://api.digitalocean.com/v2/");

    public TimeSpan PollInterval => pollInterval;

    /// <summary>Every item of a list, following the pages.</summary>
    /// <param name="resource">The path, e.g. <c>droplets</c> or <c>account/keys</c>.</param>
    /// <param name="property">The items' property, e.g. <c>droplets</c>, <c>ssh_keys</c>.</param>
    /// <param name="filters">Query filters (<c>tag_name</c>, …).</param>
    /// <param name="ct">Cancels the calls.</param>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string resource, string property, (string Key, string? Value)[] filters, CancellationToken ct)
    {
        var items = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var json = await GetAsync($"{resource}?{Query([.. filters, ("page", Int(page)), ("per_page", "200")])}", ct).ConfigureAwait(false);
            items.AddRange(json?[property]?.AsArray().OfType<JsonObject>() ?? []);
            if (json?["links"]?["pages"]?["next"] is null)
            {
                return items;
            }
        }
    }

    protected override (string? Code, string? Message) ParseError(JsonNode? body) =>
        (body?["id"]?.GetValue<string>(), body?["message"]?.GetValue<string>());
}

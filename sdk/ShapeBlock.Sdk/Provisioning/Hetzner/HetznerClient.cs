using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Http;

namespace ShapeBlock.Sdk.Provisioning.Hetzner;

/// <summary>
/// Hetzner Cloud API v1: bearer token, <c>{"error": {code, message}}</c> errors, lists paged through
/// <c>meta.pagination.next_page</c>, long operations as actions polled to completion.
/// </summary>
internal sealed class HetznerClient(Uri baseUrl, string token, CloudRetryOptions retry, TimeProvider time, TimeSpan pollInterval)
    : CloudHttp("hetzner", baseUrl, token, retry, time)
{
    /// <summary>The default API root.</summary>
    public static readonly Uri DefaultUrl = new("https://api.hetzner.cloud/v1/");

    /// <summary>Every item of a list, following the pages.</summary>
    /// <param name="resource">E.g. <c>servers</c>; also the items' property.</param>
    /// <param name="filters">Query filters (<c>label_selector</c>, <c>name</c>, …).</param>
    /// <param name="ct">Cancels the calls.</param>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string resource, (string Key, string? Value)[] filters, CancellationToken ct)
    {
        var items = new List<JsonObject>();
        for (int? page = 1; page is not null;)
        {
            var query = Query([.. filters, ("page", Int(page.Value)), ("per_page", "50")]);
            var json = await GetAsync($"{resource}?{query}", ct).ConfigureAwait(false);
            items.AddRange(json?[resource]?.AsArray().OfType<JsonObject>() ?? []);
            page = json?["meta"]?["pagination"]?["next_page"]?.GetValue<int?>();
        }

        return items;
    }

    /// <summary>Polls an action until it succeeds; an error or the deadline ends with a message naming what it was for.</summary>
    public async Task WaitForActionAsync(JsonNode? action, string what, TimeSpan timeout, CancellationToken ct)
    {
        if (action?["id"]?.GetValue<long>() is not { } id)
        {
            return;
        }

        var deadline = Time.GetUtcNow() + timeout;
        var current = action;
        while (true)
        {
            switch (current?["status"]?.GetValue<string>())
            {
                case "success":
                    return;
                case "error":
                    throw new ProvisioningException(
                        $"Hetzner action {current["command"]} ({id}) for {what} failed: {current["error"]?["message"]} ({current["error"]?["code"]}). Run up again to retry; destroy removes what was made.");
            }

            if (Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException(
                    $"Hetzner action {current?["command"]} ({id}) for {what} is still running ({current?["progress"]} %) after {timeout.TotalSeconds:0} s. Check https://status.hetzner.com and run up again: it continues where it stopped.");
            }

            await Task.Delay(pollInterval, Time, ct).ConfigureAwait(false);
            current = (await GetAsync($"actions/{id}", ct).ConfigureAwait(false))?["action"];
        }
    }

    protected override (string? Code, string? Message) ParseError(JsonNode? body) =>
        (body?["error"]?["code"]?.GetValue<string>(), body?["error"]?["message"]?.GetValue<string>());
}

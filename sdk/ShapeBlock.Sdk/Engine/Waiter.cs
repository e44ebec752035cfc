using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Engine;

/// <summary>Where a watched object stands.</summary>
internal enum WaitState
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// Waits for one object to reach a state by watching it (list for a resourceVersion, then watch from there;
/// a cut stream or a 410 Gone re-lists and watches again), bounded by a timeout whose message names the
/// object, what was awaited and what was last seen.
/// </summary>
internal sealed class Waiter(KubeApi api, EngineOptions options)
{
    /// <summary>Waits until <paramref name="check"/> says Done (returns the object, null when gone) or Failed (throws).</summary>
    /// <param name="resource">The kind.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name; null to wait for any object of the kind (<paramref name="check"/> sees each).</param>
    /// <param name="check">The state of the object (null when it does not exist).</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">What is awaited, for messages: <c>App shop/web to be Ready with a URL</c>.</param>
    /// <param name="onChange">Called with each version seen (phase printing).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<JsonObject?> WaitAsync(ApiResource resource, string? ns, string? name, Func<JsonObject?, WaitState> check, TimeSpan timeout, string what,
        Action<JsonObject?>? onChange, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        JsonObject? last = null;
        var seen = false;
        var field = name is null ? null : $"metadata.name={name}";
        try
        {
            while (true)
            {
                var (items, version) = await api.ListAsync(resource, resource.Namespaced ? ns : null, null, field, deadline.Token).ConfigureAwait(false);
                seen = true;
                if (name is null)
                {
                    foreach (var item in items)
                    {
                        last = item;
                        if (Evaluate(item) is { } any)
                        {
                            return any.Object;
                        }
                    }
                }
                else
                {
                    last = items.FirstOrDefault();
                    if (Evaluate(last) is { } result)
                    {
                        return result.Object;
                    }
                }

                try
                {
                    await foreach (var (type, obj) in api.WatchAsync(resource, resource.Namespaced ? ns : null, field, version, options.WatchSeconds, deadline.Token).ConfigureAwait(false))
                    {
                        if (type == "BOOKMARK")
                        {
                            continue;
                        }

                        last = type == "DELETED" && name is not null ? null : obj;
                        if (Evaluate(last) is { } done)
                        {
                            return done.Object;
                        }
                    }
                }
                catch (KubeApiException e) when (e.IsGone || e.IsTransient)
                {
                    // The version expired, or the server failed the watch for a moment: read again and watch from there.
                }

                // The stream ended (server timeout or a cut): a short pause keeps a flapping server from a busy loop.
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WaitFailedException($"timed out after {Format(timeout)} waiting for {what}; last seen: {(seen ? Describe(last) : "nothing (the API server did not answer in time)")}");
        }

        (JsonObject? Object, bool)? Evaluate(JsonObject? obj)
        {
            onChange?.Invoke(obj);
            return check(obj) switch
            {
                WaitState.Done => (obj, true),
                WaitState.Failed => throw new WaitFailedException($"{what} failed: {Describe(obj)}"),
                _ => null,
            };
        }
    }

    /// <summary>Phase, message and reason of an object, for messages.</summary>
    public static string Describe(JsonObject? obj)
    {
        if (obj is null)
        {
            return "does not exist";
        }

        var status = obj["status"] as JsonObject;
        var parts = new List<string>();
        if (status?["phase"]?.GetValue<string>() is { } phase)
        {
            parts.Add($"phase {phase}");
        }

        if (status?["reason"]?.GetValue<string>() is { Length: > 0 } reason)
        {
            parts.Add($"reason {reason}");
        }

        if (status?["message"]?.GetValue<string>() is { Length: > 0 } message)
        {
            parts.Add(message);
        }

        if (parts.Count == 0 && status?["conditions"] is JsonArray conditions)
        {
            parts.AddRange(conditions.OfType<JsonObject>().Select(c => $"{c["type"]}={c["status"]}{(c["message"]?.GetValue<string>() is { Length: > 0 } m ? $" ({m})" : "")}"));
        }

        if (obj["metadata"]?["deletionTimestamp"] is not null)
        {
            parts.Add($"being deleted (finalizers: {string.Join(", ", (obj["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => f?.GetValue<string>()))})");
        }

        return parts.Count == 0 ? "no status yet" : string.Join("; ", parts);
    }

    /// <summary>True when a condition of the object has status True.</summary>
    public static bool Condition(JsonObject? obj, string type) =>
        obj?["status"]?["conditions"] is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c => c["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == "True");

    public static string Format(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0.#} s";
}

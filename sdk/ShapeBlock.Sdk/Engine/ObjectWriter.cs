using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// Applies one desired object unless the live object already matches it: the fields the SDK sets are compared
/// as <see cref="JsonDiff"/> does, Secret values inside the engine only (never printed). Objects the stack
/// creates are annotated <c>shapeblock.io/created-by</c>, so destroy removes only what the stack created.
/// </summary>
internal sealed class ObjectWriter(KubeApi api, Waiter waiter, EngineOptions options, string stack, SecretResolver secrets, SecretMasker masker)
{
    // Kinds whose spec cannot change (CEL self == oldSelf): a changed spec is applied by delete, wait until gone, create.
    private static readonly HashSet<string> ImmutableSpecKinds = ["AppBuild"];

    /// <summary>Marks objects the stack created (as opposed to existing objects it adopted).</summary>
    public const string CreatedBy = "shapeblock.io/created-by";

    /// <summary>Takes generated secret values (the registry password) back from the live Secrets, before anything derived from them is computed.</summary>
    public async Task AdoptGeneratedAsync(ApiResource resource, DesiredObject desired, CancellationToken cancellationToken)
    {
        var recoverable = desired.SecretData.Where(d => d.Value.Recover is not null && d.Value.Inputs.Any(i => i.IsGenerated)).ToList();
        if (recoverable.Count == 0)
        {
            return;
        }

        AdoptGenerated(desired, await api.GetAsync(resource, desired.Namespace, desired.Name, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The keys of a live Secret whose values are not what the stack sets (for the diff of preview and up); call
    /// <see cref="AdoptGenerated"/> with every live Secret first, as <c>up</c> does, so generated values do not count as
    /// changed. Values are compared here only and never leave; a value that cannot be read (a missing variable) is not
    /// compared: <c>up</c> reports it.
    /// </summary>
    public IReadOnlyList<string> StaleSecretKeys(DesiredObject desired, JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var stale = new List<string>();
        foreach (var (key, entry) in SecretData(desired, desired.Manifest))
        {
            try
            {
                if (LiveValue(live, key) is { } value && !entry.Satisfied(value))
                {
                    stale.Add(key);
                }
            }
            catch (InvalidOperationException)
            {
                // The secret cannot be read here; up stops with the message naming its source.
            }
        }

        return stale;
    }

    /// <summary>Takes generated secret values (the registry password) back from a live Secret.</summary>
    public static void AdoptGenerated(DesiredObject desired, JsonObject? live)
    {
        ArgumentNullException.ThrowIfNull(desired);
        foreach (var (key, recipe) in desired.SecretData.Where(d => d.Value.Recover is not null && d.Value.Inputs.Any(i => i.IsGenerated)))
        {
            if (LiveValue(live, key) is { } value && recipe.Recover!(value) is { } generated)
            {
                foreach (var input in recipe.Inputs.Where(i => i.IsGenerated))
                {
                    input.Adopt(generated);
                }
            }
        }
    }

    /// <summary>Applies the object when it differs from the live one.</summary>
    /// <returns>What happened: created, updated or unchanged.</returns>
    public async Task<EngineEventKind> WriteAsync(ApiResource resource, DesiredObject desired, CancellationToken cancellationToken)
    {
        var live = await api.GetAsync(resource, desired.Namespace, desired.Name, cancellationToken).ConfigureAwait(false);
        var applied = desired.Manifest.DeepClone().AsObject();
        if (live is null || live["metadata"]?["annotations"]?[CreatedBy] is not null)
        {
            var metadata = applied["metadata"]!.AsObject();
            if (metadata["annotations"] is not JsonObject annotations)
            {
                annotations = [];
                metadata["annotations"] = annotations;
            }

            annotations[CreatedBy] = stack;
        }

        var unchanged = live is not null && JsonDiff.Compare(applied, live).Count == 0;
        if (desired.IsSecret)
        {
            var data = SecretData(desired, applied);
            unchanged = unchanged && data.All(d => LiveValue(live, d.Key) is { } value && d.Value.Satisfied(value));
            applied.Remove("stringData");
            applied["data"] = new JsonObject([.. data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Value.Compute()))))]);
        }

        if (unchanged)
        {
            return EngineEventKind.Unchanged;
        }

        if (live is not null && ImmutableSpecKinds.Contains(desired.Kind) && JsonDiff.Compare(applied, live).Any(f => f.Path.StartsWith("spec", StringComparison.Ordinal)))
        {
            await api.DeleteAsync(resource, desired.Namespace, desired.Name, cancellationToken).ConfigureAwait(false);
            await waiter.WaitAsync(resource, desired.Namespace, desired.Name, o => o is null ? WaitState.Done : WaitState.Pending, options.DeleteTimeout,
                $"{desired.Key} to be deleted before it is created again (its spec is immutable)", null, cancellationToken).ConfigureAwait(false);
            live = null;
            var metadata = applied["metadata"]!.AsObject();
            metadata["annotations"] ??= new JsonObject();
            metadata["annotations"]![CreatedBy] = stack;
        }

        await api.ApplyAsync(resource, applied, cancellationToken).ConfigureAwait(false);
        return live is null ? EngineEventKind.Created : EngineEventKind.Updated;
    }

    /// <summary>The labels every object of the stack carries (the prune selector).</summary>
    public static string Selector(string stack) => $"{Labels.Stack}={stack},{Labels.ManagedBy}={Labels.ManagedBySdk}";

    private List<(string Key, SecretEntry Value)> SecretData(DesiredObject desired, JsonObject manifest)
    {
        var entries = new List<(string, SecretEntry)>();
        foreach (var field in new[] { "stringData", "data" })
        {
            foreach (var (key, value) in manifest[field] as JsonObject ?? [])
            {
                if (desired.SecretData.TryGetValue(key, out var recipe))
                {
                    entries.Add((key, new SecretEntry(
                        () => Remember(recipe.Reveal(secrets)),
                        live =>
                        {
                            foreach (var input in recipe.RevealInputs(secrets))
                            {
                                masker.Add(input);
                            }

                            return recipe.IsSatisfiedBy(live, secrets);
                        })));
                    continue;
                }

                var text = value?.GetValue<string>() ?? "";
                if (text == JsonDiff.SecretMask)
                {
                    throw new InvalidOperationException($"{desired.Key}: key {key} has no value recipe (a bug in the plan).");
                }

                // Literal values rendered from a chart (e.g. empty operator credentials); data values are base64 already.
                var literal = field == "data" ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text;
                entries.Add((key, new SecretEntry(() => literal, live => live == literal)));
            }
        }

        return entries;
    }

    private string Remember(string value)
    {
        masker.Add(value);
        return value;
    }

    private static string? LiveValue(JsonObject? live, string key) =>
        live?["data"]?[key]?.GetValue<string>() is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;

    private sealed record SecretEntry(Func<string> Compute, Func<string, bool> Satisfied);
}

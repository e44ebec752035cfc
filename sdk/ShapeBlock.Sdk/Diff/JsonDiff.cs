using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Sdk.Diff;

/// <summary>
/// Compares a desired object with a live one the way server-side apply sees it: only fields the desired
/// object sets are compared (fields the server defaulted or other managers own count as unchanged),
/// server-populated fields are ignored, quantities compare by value, lists of named items match by name,
/// and values under a Secret's <c>data</c>/<c>stringData</c> are always shown as <c>(secret)</c>.
/// </summary>
public static class JsonDiff
{
    /// <summary>What a secret value is shown as.</summary>
    public const string SecretMask = "(secret)";

    private static readonly string[] ServerMetadata = ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionGracePeriodSeconds"];
    private static readonly string[] ListKeys = ["name", "host", "key", "type", "containerPort", "mountPath"];

    /// <summary>The changes that applying <paramref name="desired"/> would make to <paramref name="live"/>.</summary>
    /// <param name="desired">The object the plan applies.</param>
    /// <param name="live">The object read from the cluster, or null when it does not exist (every set field is then an addition).</param>
    /// <returns>The changed fields, in document order.</returns>
    public static IReadOnlyList<FieldChange> Compare(JsonObject desired, JsonObject? live)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var changes = new List<FieldChange>();
        var isSecret = IsSecret(desired);
        var normalizedLive = live is null ? null : Normalize(live);
        if (isSecret)
        {
            CompareSecret(desired, normalizedLive, changes);
            return changes;
        }

        Walk(desired, normalizedLive, "", changes);
        return changes;
    }

    /// <summary>A copy without the fields the server populates (uid, resourceVersion, generation, creationTimestamp, managedFields, status, …).</summary>
    /// <param name="live">An object read from the cluster.</param>
    /// <returns>The copy.</returns>
    public static JsonObject Normalize(JsonObject live)
    {
        var copy = live.DeepClone().AsObject();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerMetadata)
            {
                metadata.Remove(field);
            }

            (metadata["annotations"] as JsonObject)?.Remove("kubectl.kubernetes.io/last-applied-configuration");
        }

        return copy;
    }

    /// <summary>A copy of an object safe to print: a Secret's <c>data</c> and <c>stringData</c> values become <c>(secret)</c>.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The masked copy.</returns>
    public static JsonObject Mask(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (IsSecret(copy))
        {
            foreach (var field in new[] { "data", "stringData" })
            {
                if (copy[field] is JsonObject values)
                {
                    foreach (var key in values.Select(v => v.Key).ToList())
                    {
                        values[key] = SecretMask;
                    }
                }
            }
        }

        return copy;
    }

    private static bool IsSecret(JsonObject obj) =>
        obj["kind"]?.GetValue<string>() == "Secret" && obj["apiVersion"]?.GetValue<string>() == "v1";

    /// <summary>The field of a Secret key whose value changes (both sides masked).</summary>
    internal static FieldChange SecretValueChange(string key) => new($"data{Segment(key)}", FieldChangeKind.Change, SecretMask, SecretMask);

    // Secret values are never compared or shown: only the type, metadata and which keys exist.
    private static void CompareSecret(JsonObject desired, JsonObject? live, List<FieldChange> changes)
    {
        foreach (var (key, value) in desired.Where(p => p.Key is not ("data" or "stringData")))
        {
            Walk(value, live?[key], key, changes);
        }

        var desiredKeys = Keys(desired);
        var liveKeys = live is null ? [] : Keys(live);
        foreach (var key in desiredKeys.Except(liveKeys))
        {
            changes.Add(new FieldChange($"data{Segment(key)}", FieldChangeKind.Add, null, SecretMask));
        }

        foreach (var key in liveKeys.Except(desiredKeys))
        {
            changes.Add(new FieldChange($"data{Segment(key)}", FieldChangeKind.Remove, SecretMask, null));
        }
    }

    private static List<string> Keys(JsonObject secret) =>
        [.. new[] { "data", "stringData" }.SelectMany(f => (secret[f] as JsonObject)?.Select(p => p.Key) ?? []).Distinct().Order(StringComparer.Ordinal)];

    private static void Walk(JsonNode? desired, JsonNode? live, string path, List<FieldChange> changes)
    {
        switch (desired)
        {
            case JsonObject desiredObject when live is JsonObject liveObject || live is null:
                var liveObj = live as JsonObject;
                if (desiredObject.Count == 0 && liveObj is null)
                {
                    changes.Add(new FieldChange(path, FieldChangeKind.Add, null, "{}"));
                }

                foreach (var (key, value) in desiredObject)
                {
                    Walk(value, liveObj?[key], Join(path, key), changes);
                }

                break;
            case JsonArray desiredArray when live is JsonArray liveArray:
                WalkArray(desiredArray, liveArray, path, changes);
                break;
            case JsonArray desiredArray when live is null:
                for (var i = 0; i < desiredArray.Count; i++)
                {
                    Walk(desiredArray[i], null, $"{path}[{i}]", changes);
                }

                if (desiredArray.Count == 0)
                {
                    changes.Add(new FieldChange(path, FieldChangeKind.Add, null, "[]"));
                }

                break;
            default:
                if (live is null)
                {
                    if (desired is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Contains('\n', StringComparison.Ordinal)
                        && TryYamlDiff(text.GetValue<string>(), null, path, changes))
                    {
                        // Embedded YAML (HelmChart valuesContent) is listed field by field.
                    }
                    else if (desired is not null)
                    {
                        changes.Add(new FieldChange(path, FieldChangeKind.Add, null, Show(desired)));
                    }
                }
                else if (desired is JsonValue dv && live is JsonValue lv && dv.GetValueKind() == JsonValueKind.String && lv.GetValueKind() == JsonValueKind.String
                    && dv.GetValue<string>().Contains('\n', StringComparison.Ordinal) && TryYamlDiff(dv.GetValue<string>(), lv.GetValue<string>(), path, changes))
                {
                    // Embedded YAML (HelmChart valuesContent) was compared structurally.
                }
                else if (!ScalarEquals(desired, live))
                {
                    changes.Add(new FieldChange(path, FieldChangeKind.Change, Show(live), Show(desired)));
                }

                break;
        }
    }

    private static void WalkArray(JsonArray desired, JsonArray live, string path, List<FieldChange> changes)
    {
        var key = ListKeys.FirstOrDefault(k => desired.Count > 0 && desired.All(i => i is JsonObject o && o[k] is JsonValue)
            && live.All(i => i is JsonObject o && o[k] is JsonValue));
        if (key is null)
        {
            for (var i = 0; i < desired.Count; i++)
            {
                Walk(desired[i], i < live.Count ? live[i] : null, $"{path}[{i}]", changes);
            }

            for (var i = desired.Count; i < live.Count; i++)
            {
                changes.Add(new FieldChange($"{path}[{i}]", FieldChangeKind.Remove, Show(live[i]), null));
            }

            return;
        }

        string Id(JsonNode? item) => item![key]!.ToJsonString();
        var liveById = live.ToDictionary(Id, i => i);
        foreach (var item in desired)
        {
            var id = item![key]!;
            Walk(item, liveById.GetValueOrDefault(Id(item)), $"{path}[{key}={(id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : id.ToJsonString())}]", changes);
        }

        var desiredIds = desired.Select(Id).ToHashSet();
        foreach (var item in live.Where(i => !desiredIds.Contains(Id(i))))
        {
            var id = item![key]!;
            changes.Add(new FieldChange($"{path}[{key}={(id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : id.ToJsonString())}]", FieldChangeKind.Remove, Show(item), null));
        }
    }

    private static bool TryYamlDiff(string desired, string? live, string path, List<FieldChange> changes)
    {
        try
        {
            if (YamlJson.Parse(desired) is JsonObject d && (live is null || YamlJson.Parse(live) is JsonObject))
            {
                Walk(d, live is null ? null : YamlJson.Parse(live), path + "|", changes);
                return true;
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
        }

        return false;
    }

    private static bool ScalarEquals(JsonNode? desired, JsonNode? live)
    {
        if (JsonNode.DeepEquals(desired, live))
        {
            return true;
        }

        if (desired is JsonValue d && live is JsonValue l)
        {
            var dk = d.GetValueKind();
            var lk = l.GetValueKind();
            if (dk == JsonValueKind.Number && lk == JsonValueKind.Number)
            {
                return decimal.TryParse(d.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var a)
                    && decimal.TryParse(l.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var b) && a == b;
            }

            // The API server normalises quantities (1000m → 1, 1024Mi → 1Gi): compare by value.
            if (dk is JsonValueKind.String or JsonValueKind.Number && lk is JsonValueKind.String or JsonValueKind.Number)
            {
                var ds = dk == JsonValueKind.String ? d.GetValue<string>() : d.ToJsonString();
                var ls = lk == JsonValueKind.String ? l.GetValue<string>() : l.ToJsonString();
                return Quantity.TryParse(ds, out var qa) && Quantity.TryParse(ls, out var qb) && qa == qb;
            }
        }

        return false;
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { TypeInfoResolver = ShapeBlockJsonContext.Default, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        return text.Length > 160 ? text[..157] + "..." : text;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path.EndsWith('|') ? path + Segment(key).TrimStart('.') : path + Segment(key);

    private static string Segment(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + key : $"[\"{key}\"]";
}

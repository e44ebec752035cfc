using System.Globalization;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>
/// Server-side printing columns (what <c>kubectl get</c> shows): CRD printer columns, a few built-in
/// kinds' usual columns, and Name/Age otherwise.
/// </summary>
internal static class TableColumns
{
    public sealed record Column(string Name, string Type, int Priority, Func<JsonObject, DateTimeOffset, object?> Value, string Format = "");

    public static IReadOnlyList<Column> For(ApiResource resource)
    {
        var name = new Column("Name", "string", 0, (o, _) => o["metadata"]?["name"]?.GetValue<string>(), "name");
        var age = new Column("Age", "string", 0, (o, now) => Age(o["metadata"]?["creationTimestamp"], now));
        if (resource.IsCustom)
        {
            if (resource.PrinterColumns.Count == 0)
            {
                return [name, age];
            }

            return [name, .. resource.PrinterColumns.Select(c => new Column(c.Name, c.Type == "date" ? "string" : c.Type, c.Priority, (o, now) =>
            {
                var value = Eval(o, c.JsonPath);
                return c.Type == "date" ? Age(value, now) : Scalar(value);
            }))];
        }

        return resource.Key.ToString() switch
        {
            "pods" => [name,
                new("Ready", "string", 0, (o, _) => $"{Count(o["status"]?["containerStatuses"], c => c?["ready"]?.GetValue<bool>() == true)}/{Count(o["spec"]?["containers"], _ => true)}"),
                new("Status", "string", 0, (o, _) => o["metadata"]?["deletionTimestamp"] is not null ? "Terminating" : Str(o["status"]?["phase"])),
                new("Restarts", "integer", 0, (o, _) => 0),
                age,
                new("Node", "string", 1, (o, _) => Str(o["spec"]?["nodeName"]) ?? "<none>")],
            "namespaces" => [name, new("Status", "string", 0, (o, _) => Str(o["status"]?["phase"])), age],
            "nodes" => [name, new("Status", "string", 0, (o, _) =>
                (Eval(o, ".status.conditions[?(@.type==\"Ready\")].status") is JsonValue v && v.ToString() == "True" ? "Ready" : "NotReady") +
                (o["spec"]?["unschedulable"]?.ToString() == "true" ? ",SchedulingDisabled" : "")), age],
            "deployments.apps" or "statefulsets.apps" => [name,
                new("Ready", "string", 0, (o, _) => $"{Int(o["status"]?["readyReplicas"])}/{Int(o["spec"]?["replicas"])}"),
                age],
            "jobs.batch" => [name,
                new("Status", "string", 0, (o, _) => JobStatus(o)),
                new("Completions", "string", 0, (o, _) => $"{Int(o["status"]?["succeeded"])}/{Int(o["spec"]?["completions"])}"),
                age],
            "configmaps" => [name, new("Data", "integer", 0, (o, _) => (o["data"] as JsonObject)?.Count ?? 0), age],
            "secrets" => [name, new("Type", "string", 0, (o, _) => Str(o["type"])), new("Data", "integer", 0, (o, _) => (o["data"] as JsonObject)?.Count ?? 0), age],
            "services" => [name, new("Type", "string", 0, (o, _) => Str(o["spec"]?["type"])), new("Cluster-IP", "string", 0, (o, _) => Str(o["spec"]?["clusterIP"])), age],
            _ => [name, age],
        };
    }

    public static JsonNode? Eval(JsonObject obj, string path)
    {
        JsonNode? current = obj;
        var text = path.Trim().TrimStart('{').TrimEnd('}');
        var i = 0;
        while (current is not null && i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = text.IndexOfAny(['.', '['], i + 1);
                var field = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                current = current is JsonObject o && field.Length > 0 ? o[field] : null;
                i = end < 0 ? text.Length : end;
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                var inner = text[(i + 1)..end];
                current = current is JsonArray a ? Select(a, inner) : null;
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static JsonNode? Select(JsonArray array, string inner)
    {
        if (int.TryParse(inner, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
        {
            return index >= 0 && index < array.Count ? array[index] : null;
        }

        // ?(@.type=="Ready")
        var filter = inner.TrimStart('?').Trim('(', ')');
        var eq = filter.IndexOf("==", StringComparison.Ordinal);
        if (!filter.StartsWith("@.", StringComparison.Ordinal) || eq < 0)
        {
            return null;
        }

        var field = filter[2..eq].Trim();
        var expected = filter[(eq + 2)..].Trim().Trim('"', '\'');
        return array.OfType<JsonObject>().FirstOrDefault(item => item[field]?.ToString() == expected);
    }

    private static object? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v => v.ToString(),
        _ => node.ToJsonString(),
    };

    private static string? Str(JsonNode? node) => node?.ToString();

    private static long Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;

    private static int Count(JsonNode? node, Func<JsonNode?, bool> predicate) => node is JsonArray a ? a.Count(predicate) : 0;

    private static string JobStatus(JsonObject job)
    {
        var conditions = job["status"]?["conditions"] as JsonArray ?? [];
        bool Has(string type) => conditions.Any(c => c?["type"]?.ToString() == type && c["status"]?.ToString() == "True");
        return Has("Complete") ? "Complete" : Has("Failed") ? "Failed" : "Running";
    }

    private static string Age(JsonNode? timestamp, DateTimeOffset now)
    {
        if (timestamp is null || !DateTimeOffset.TryParse(timestamp.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        {
            return "<unknown>";
        }

        var d = now - created;
        return d.TotalSeconds < 0 ? "0s"
            : d.TotalMinutes < 2 ? $"{(int)d.TotalSeconds}s"
            : d.TotalMinutes < 10 ? d.Seconds == 0 ? $"{(int)d.TotalMinutes}m" : $"{(int)d.TotalMinutes}m{d.Seconds}s"
            : d.TotalHours < 3 ? $"{(int)d.TotalMinutes}m"
            : d.TotalHours < 8 ? d.Minutes == 0 ? $"{(int)d.TotalHours}h" : $"{(int)d.TotalHours}h{d.Minutes}m"
            : d.TotalHours < 48 ? $"{(int)d.TotalHours}h"
            : $"{(int)d.TotalDays}d";
    }
}

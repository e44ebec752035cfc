using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>
/// The small rule set that stands in for rendering a chart: which Deployments and StatefulSets a
/// release has, from its values.
/// <list type="number">
/// <item><c>deployments:</c> / <c>statefulsets:</c> maps (nxs-universal-chart style) → one workload
/// <c>&lt;release&gt;-&lt;key&gt;</c> per entry, replicas from <c>&lt;entry&gt;.replicas</c> (or <c>replicas</c>, default 1);</item>
/// <item>a database-like chart (postgresql, mysql, mariadb, redis, mongodb, rabbitmq, valkey, minio, elasticsearch)
/// → StatefulSet <c>&lt;release&gt;-&lt;chart&gt;</c> with one replica;</item>
/// <item>otherwise → Deployment <c>&lt;release&gt;</c>, replicas from <c>replicaCount</c> or <c>replicas</c> (default 1).</item>
/// </list>
/// </summary>
public static class HelmReleaseRules
{
    private static readonly string[] Stateful = ["postgresql", "postgres", "mysql", "mariadb", "redis", "mongodb", "rabbitmq", "valkey", "minio", "elasticsearch"];

    /// <summary>The workloads of a release.</summary>
    /// <param name="release">Release name (the HelmChart's name).</param>
    /// <param name="chart">Chart name (<c>spec.chart</c>).</param>
    /// <param name="values">Merged values.</param>
    /// <returns>The workloads.</returns>
    public static IReadOnlyList<ReleaseWorkload> Workloads(string release, string chart, JsonObject values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var image = Image(values["image"]);
        var result = new List<ReleaseWorkload>();
        foreach (var (field, kind) in new[] { ("deployments", "Deployment"), ("statefulsets", "StatefulSet") })
        {
            foreach (var (key, entry) in values[field] as JsonObject ?? [])
            {
                var replicas = Int(entry?["replicas"]) ?? Int(values["replicas"]) ?? 1;
                var entryImage = Image(entry?["containers"] is JsonArray { Count: > 0 } containers ? containers[0]?["image"] : entry?["image"]) ?? image;
                result.Add(new ReleaseWorkload(kind, $"{release}-{key}", replicas, entryImage ?? "nginx:1.27"));
            }
        }

        if (result.Count > 0)
        {
            return result;
        }

        var chartName = chart.Split('/')[^1];
        if (Stateful.Any(s => chartName.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            return [new ReleaseWorkload("StatefulSet", $"{release}-{chartName}", 1, image ?? $"docker.io/bitnami/{chartName}:latest")];
        }

        return [new ReleaseWorkload("Deployment", release, Int(values["replicaCount"]) ?? Int(values["replicas"]) ?? 1, image ?? "nginx:1.27")];
    }

    private static string? Image(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o when o["repository"]?.GetValue<string>() is { } repository =>
            repository + (o["tag"] is { } tag ? ":" + tag : ""),
        JsonObject o when o["name"]?.GetValue<string>() is { } name => name + (o["tag"] is { } tag ? ":" + tag : ""),
        _ => null,
    };

    private static int? Int(JsonNode? node) =>
        node is JsonValue v && int.TryParse(v.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
}

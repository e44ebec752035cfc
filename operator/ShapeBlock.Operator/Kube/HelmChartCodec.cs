using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>Reads HelmCharts without their values (see <see cref="HelmChart"/>) and writes them with their spec.</summary>
internal sealed class HelmChartCodec : IResourceCodec<HelmChart>
{
    public static HelmChartCodec Instance { get; } = new();

    public HelmChart Read(JsonElement element)
    {
        var chart = new HelmChart
        {
            Metadata = element.GetProperty("metadata").Deserialize(KubeJsonContext.Default.V1ObjectMeta) ?? new k8s.Models.V1ObjectMeta(),
        };
        if (element.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object)
        {
            chart.JobName = status.TryGetProperty("jobName", out var job) && job.ValueKind == JsonValueKind.String ? job.GetString() : null;
            if (status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
            {
                chart.Failed = conditions.EnumerateArray().Any(c =>
                    c.TryGetProperty("type", out var t) && t.GetString() == HelmChart.FailedCondition &&
                    c.TryGetProperty("status", out var s) && s.GetString() == "True");
            }
        }

        return chart;
    }

    public byte[] Write(HelmChart value)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = value.ApiVersion,
            ["kind"] = value.Kind,
            ["metadata"] = JsonSerializer.SerializeToNode(value.Metadata, KubeJsonContext.Default.V1ObjectMeta),
        };
        if (value.Spec is not null)
        {
            body["spec"] = value.Spec.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(body, JsonContext.Default.JsonObject);
    }
}

using System.Text.Json.Nodes;
using k8s.Models;

namespace ShapeBlock.Operator.Apps.Services;

/// <summary>What a Service becomes.</summary>
/// <param name="HelmChart">The <c>helm.cattle.io/v1</c> HelmChart (values hold no credentials).</param>
/// <param name="Connection">The connection Secret <c>&lt;name&gt;-connection</c> (catalog types), or null.</param>
/// <param name="Auxiliary">A second Secret the chart reads credentials from in its own format (redis config, mongodb init env), or null.</param>
/// <param name="Url">The in-cluster endpoint without credentials, or null for custom charts.</param>
public sealed record ServiceRender(JsonObject HelmChart, V1Secret? Connection, V1Secret? Auxiliary, string? Url);

using System.Text.Json.Nodes;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Renders the <c>helm.cattle.io/v1</c> HelmChart of an App: helm-controller installs and upgrades the
/// release from it. The object carries <see cref="HashAnnotation"/>, a hash of everything rendered,
/// so "nothing changed, write nothing" is a string comparison with the object in the cache.
/// </summary>
/// <param name="options">Cluster-wide settings (chart reference, backoff).</param>
public sealed class HelmChartRenderer(AppRenderOptions options)
{
    /// <summary>API version of helm-controller's HelmChart.</summary>
    public const string ApiVersion = "helm.cattle.io/v1";

    /// <summary>Kind of helm-controller's HelmChart.</summary>
    public const string Kind = "HelmChart";

    /// <summary>Annotation holding the hash of the rendered labels, owner and spec.</summary>
    public const string HashAnnotation = "shapeblock.io/values-hash";

    /// <summary>A renderer with the default settings.</summary>
    public HelmChartRenderer()
        : this(new AppRenderOptions())
    {
    }

    /// <summary>Renders the HelmChart <c>&lt;app&gt;</c> in the project namespace.</summary>
    /// <param name="app">The App, as read from the API server (its uid becomes the owner reference).</param>
    /// <param name="values">The release values (<see cref="AppValuesRenderer.Render"/>).</param>
    /// <returns>The HelmChart object.</returns>
    public JsonObject Render(App app, AppValues values)
    {
        var ns = ResourceMetadata.ProjectNamespace(app);
        var spec = new JsonObject
        {
            ["chart"] = options.Chart.Chart,
            ["repo"] = options.Chart.Repo,
            ["version"] = options.Chart.Version,
            ["targetNamespace"] = ns,
            // Leave a failed release failed (status shows it) instead of uninstalling the running app.
            ["failurePolicy"] = "abort",
            ["backOffLimit"] = options.HelmBackOffLimit,
            ["valuesContent"] = values.Yaml,
        };
        return HelmChartObject.Create(app.Metadata.Name, ns, ResourceMetadata.AppLabels(app), ResourceMetadata.OwnerReference(app), spec);
    }

    /// <summary>The hash annotation of a HelmChart object (rendered or read from the cluster).</summary>
    /// <param name="helmChart">The object.</param>
    /// <returns>The hash, or null when absent.</returns>
    public static string? HashOf(JsonNode? helmChart) =>
        helmChart?["metadata"]?["annotations"]?[HashAnnotation] is JsonValue value && value.TryGetValue<string>(out var hash) ? hash : null;

    /// <summary>True when <paramref name="existing"/> was written from the same render as <paramref name="desired"/>: no write is needed.</summary>
    /// <param name="desired">The freshly rendered HelmChart.</param>
    /// <param name="existing">The HelmChart in the cache, or null when there is none.</param>
    /// <returns>Whether the existing object is up to date.</returns>
    public static bool IsUpToDate(JsonNode desired, JsonNode? existing) =>
        HashOf(existing) is { } hash && string.Equals(hash, HashOf(desired), StringComparison.Ordinal);
}

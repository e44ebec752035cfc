using System.Text.Json.Nodes;
using ShapeBlock.Api.Schema;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Sdk.Platform;

/// <summary>The ShapeBlock CRDs (from <see cref="CrdManifests"/>) and their schemas, generated once per process.</summary>
internal static class ShapeBlockCrds
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> All = new(() =>
        [.. CrdManifests.Render().Select(file => YamlJson.Parse(file.Value)!.AsObject())]);

    /// <summary>The CRD objects, in a stable order.</summary>
    public static IReadOnlyList<JsonObject> Objects => All.Value;

    /// <summary>The <c>openAPIV3Schema</c> of a kind.</summary>
    public static JsonObject Schema(string kind) =>
        All.Value.First(crd => crd["spec"]!["names"]!["kind"]!.GetValue<string>() == kind)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
}

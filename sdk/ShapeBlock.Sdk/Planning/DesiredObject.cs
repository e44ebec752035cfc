using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Planning;

/// <summary>
/// A Kubernetes object a plan applies. For Secrets, <see cref="Manifest"/> holds <c>(secret)</c> in place of
/// every value and <see cref="SecretData"/> holds the recipes; values exist only inside the engine at apply time.
/// </summary>
/// <param name="Manifest">The object as JSON (apiVersion, kind, metadata, …), labelled with the stack.</param>
public sealed record DesiredObject(JsonObject Manifest)
{
    /// <summary>For Secrets: key of <c>stringData</c> to the recipe of its value.</summary>
    public IReadOnlyDictionary<string, SecretValue> SecretData { get; init; } = new Dictionary<string, SecretValue>();

    /// <summary>The model resource the object renders (<c>prod/shop/web</c>), for CRs; null for platform objects.</summary>
    public string? ResourcePath { get; init; }

    /// <summary>The object's <c>apiVersion</c>.</summary>
    public string ApiVersion => Manifest["apiVersion"]!.GetValue<string>();

    /// <summary>The object's <c>kind</c>.</summary>
    public string Kind => Manifest["kind"]!.GetValue<string>();

    /// <summary>The object's name.</summary>
    public string Name => Manifest["metadata"]!["name"]!.GetValue<string>();

    /// <summary>The object's namespace; null for cluster-scoped objects.</summary>
    public string? Namespace => Manifest["metadata"]!["namespace"]?.GetValue<string>();

    /// <summary>True for core/v1 Secrets, whose values are masked in every output.</summary>
    public bool IsSecret => Kind == "Secret" && ApiVersion == "v1";

    /// <summary>A unique, readable key: <c>apps.shapeblock.io/App shop/web</c>, <c>Namespace shapeblock</c>.</summary>
    public string Key => ObjectKey.Of(ApiVersion, Kind, Namespace, Name);
}

/// <summary>Builds the readable key that identifies a Kubernetes object in plans and diffs.</summary>
public static class ObjectKey
{
    /// <summary>The key of an object: <c>[group/]Kind [namespace/]name</c>.</summary>
    /// <param name="apiVersion">The apiVersion.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="ns">The namespace, or null.</param>
    /// <param name="name">The name.</param>
    /// <returns>The key.</returns>
    public static string Of(string apiVersion, string kind, string? ns, string name)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash] + "/";
        return $"{group}{kind} {(ns is null ? "" : ns + "/")}{name}";
    }

    /// <summary>The key of an object given as JSON.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The key.</returns>
    public static string Of(JsonObject obj) => Of(
        obj["apiVersion"]?.GetValue<string>() ?? "",
        obj["kind"]?.GetValue<string>() ?? "",
        obj["metadata"]?["namespace"]?.GetValue<string>(),
        obj["metadata"]?["name"]?.GetValue<string>() ?? "");
}

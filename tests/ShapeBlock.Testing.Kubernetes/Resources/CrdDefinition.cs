using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Resources;

/// <summary>Reads an <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition into served resources.</summary>
internal static class CrdDefinition
{
    /// <summary>Checks a CRD the way the API server does (the parts that matter for serving it).</summary>
    /// <returns>Field errors as (field, type, detail, bad value); empty when valid.</returns>
    public static List<Cause> Validate(JsonObject crd)
    {
        var causes = new List<Cause>();
        var spec = crd["spec"] as JsonObject;
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var plural = spec?["names"]?["plural"]?.GetValue<string>() ?? "";
        var kind = spec?["names"]?["kind"]?.GetValue<string>() ?? "";
        if (group.Length == 0)
        {
            causes.Add(Cause.Required("spec.group"));
        }

        if (plural.Length == 0)
        {
            causes.Add(Cause.Required("spec.names.plural"));
        }

        if (kind.Length == 0)
        {
            causes.Add(Cause.Required("spec.names.kind"));
        }

        if (group.Length > 0 && plural.Length > 0 && name != $"{plural}.{group}")
        {
            causes.Add(Cause.Invalid("metadata.name", $"\"{name}\"", $"must be spec.names.plural+\".\"+spec.group"));
        }

        var scope = spec?["scope"]?.GetValue<string>();
        if (scope is not ("Namespaced" or "Cluster"))
        {
            causes.Add(new Cause("FieldValueNotSupported", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        }

        var versions = spec?["versions"] as JsonArray ?? [];
        if (versions.Count == 0)
        {
            causes.Add(Cause.Invalid("spec.versions", "null", "must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1)
        {
            causes.Add(Cause.Invalid("spec.versions", "[...]", "must have exactly one version marked as storage version"));
        }

        return causes;
    }

    /// <summary>The served versions of a (valid) CRD as resources, storage version first.</summary>
    public static IReadOnlyList<ApiResource> Resources(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var group = spec["group"]!.GetValue<string>();
        var kind = names["kind"]!.GetValue<string>();
        var plural = names["plural"]!.GetValue<string>();
        var singular = names["singular"]?.GetValue<string>() is { Length: > 0 } s ? s : kind.ToLowerInvariant();
        var namespaced = spec["scope"]?.GetValue<string>() != "Cluster";
        var shortNames = Strings(names["shortNames"]);
        var categories = Strings(names["categories"]);
        var result = new List<ApiResource>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            var subresources = new List<string>();
            if (version["subresources"]?["status"] is JsonObject)
            {
                subresources.Add("status");
            }

            result.Add(new ApiResource(group, version["name"]!.GetValue<string>(), kind, plural, singular, namespaced)
            {
                ShortNames = shortNames,
                Categories = categories,
                Subresources = subresources,
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                IsCustom = true,
                PrinterColumns = [.. (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new PrinterColumn(
                    c["name"]?.GetValue<string>() ?? "",
                    c["type"]?.GetValue<string>() ?? "string",
                    c["jsonPath"]?.GetValue<string>() ?? "",
                    c["priority"]?.GetValue<int>() ?? 0))],
            });
        }

        return result;
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>() ?? "").Where(n => n.Length > 0)] : [];
}

using System.Text.Json.Nodes;
using k8s.Models;

namespace ShapeBlock.Operator.Apps;

/// <summary>The HelmChart object of a release (app or service): metadata, owner, spec and the values hash that decides whether it must be written.</summary>
public static class HelmChartObject
{
    /// <summary>Builds the object; the hash covers labels, ownerReferences and spec.</summary>
    /// <param name="name">The HelmChart (and release) name.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="labels">Its labels.</param>
    /// <param name="owner">The controller owner reference.</param>
    /// <param name="spec">The spec.</param>
    /// <returns>The object.</returns>
    public static JsonObject Create(string name, string ns, IReadOnlyDictionary<string, string> labels, V1OwnerReference owner, JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(owner);
        var labelObject = new JsonObject();
        foreach (var (key, value) in labels)
        {
            labelObject[key] = value;
        }

        var ownerReferences = new JsonArray(new JsonObject
        {
            ["apiVersion"] = owner.ApiVersion,
            ["kind"] = owner.Kind,
            ["name"] = owner.Name,
            ["uid"] = owner.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        var hash = JsonCanonical.Hash(new JsonObject
        {
            ["labels"] = labelObject.DeepClone(),
            ["ownerReferences"] = ownerReferences.DeepClone(),
            ["spec"] = spec.DeepClone(),
        });
        return new JsonObject
        {
            ["apiVersion"] = HelmChartRenderer.ApiVersion,
            ["kind"] = HelmChartRenderer.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = labelObject,
                ["annotations"] = new JsonObject { [HelmChartRenderer.HashAnnotation] = hash },
                ["ownerReferences"] = ownerReferences,
            },
            ["spec"] = spec,
        };
    }
}

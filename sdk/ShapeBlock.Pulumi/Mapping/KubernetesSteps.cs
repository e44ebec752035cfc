using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Yaml.V2;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Sdk.Planning;
using K8sCustomResource = Pulumi.Kubernetes.ApiExtensions.CustomResource;
using K8sSecret = Pulumi.Kubernetes.Core.V1.Secret;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>
/// Maps a Kubernetes step: ShapeBlock custom resources become <c>CustomResource</c>s, Secrets become
/// <c>core/v1:Secret</c>s whose values are secret outputs of the core's recipes, and every other object of the step
/// (platform manifests: HelmCharts, CRDs, the operator) goes into one <c>yaml/v2:ConfigGroup</c> as the core renders it.
/// </summary>
internal static class KubernetesSteps
{
    public static void Map(ClusterMapping mapping, PlanStep step, Resource parent)
    {
        var provider = mapping.Kubernetes ?? throw new InvalidOperationException($"Plan step {step.Id} needs the cluster's Kubernetes provider, which is not made yet.");
        var dependsOn = mapping.DependsOn(step);
        CustomResourceOptions Options() => new() { Parent = parent, Provider = provider, DependsOn = dependsOn };

        var plain = new List<DesiredObject>();
        foreach (var obj in step.Objects)
        {
            if (obj.IsSecret)
            {
                mapping.Add(step, new K8sSecret(ResourceName(step, obj), new SecretArgs
                {
                    Metadata = Metadata(obj.Manifest),
                    Type = PulumiValues.Optional(obj.Manifest["type"]?.GetValue<string>()),
                    StringData = StringData(mapping, obj),
                }, Options()));
            }
            else if (obj.ResourcePath is not null)
            {
                mapping.Add(step, new K8sCustomResource(ResourceName(step, obj), CustomResourceArgs(mapping, obj), Options()));
            }
            else
            {
                plain.Add(obj);
            }
        }

        if (plain.Count > 0)
        {
            var yaml = YamlJson.ToYamlStream(plain.Select(o => (JsonNode?)o.Manifest));
            mapping.Add(step, new global::Pulumi.Kubernetes.Yaml.V2.ConfigGroup($"{step.Cluster}-{step.Slug}",
                new ConfigGroupArgs { Yaml = mapping.Placeholders.Resolve(yaml) },
                new ComponentResourceOptions { Parent = parent, Providers = [provider], DependsOn = dependsOn }));
        }
    }

    /// <summary>A unique Pulumi name: <c>&lt;cluster&gt;-[&lt;namespace&gt;-]&lt;name&gt;</c>.</summary>
    public static string ResourceName(PlanStep step, DesiredObject obj) =>
        obj.Namespace is { } ns ? $"{step.Cluster}-{ns}-{obj.Name}" : $"{step.Cluster}-{obj.Name}";

    private static ShapeBlockResourceArgs CustomResourceArgs(ClusterMapping mapping, DesiredObject obj)
    {
        var extra = obj.Manifest.Select(kv => kv.Key).Except(["apiVersion", "kind", "metadata", "spec", "status"]).ToList();
        if (extra.Count > 0)
        {
            throw new InvalidOperationException($"{obj.Key}: fields {string.Join(", ", extra)} have no Pulumi input in ShapeBlock.Pulumi.");
        }

        var args = new ShapeBlockResourceArgs(obj.ApiVersion, obj.Kind) { Metadata = Metadata(obj.Manifest) };
        if (obj.Manifest["spec"] is JsonObject spec)
        {
            args.Spec = mapping.Placeholders.Resolve(spec.ToJsonString())
                .Apply(json => PulumiValues.Map(JsonNode.Parse(json)!.AsObject()));
        }

        return args;
    }

    private static InputMap<string> StringData(ClusterMapping mapping, DesiredObject obj)
    {
        var data = new InputMap<string>();
        if (obj.Manifest["stringData"] is JsonObject stringData)
        {
            foreach (var (key, value) in stringData)
            {
                data.Add(key, obj.SecretData.TryGetValue(key, out var recipe)
                    ? mapping.Secrets.Value(recipe)
                    : Output.CreateSecret(value?.GetValue<string>() ?? ""));
            }
        }

        return data;
    }

    private static ObjectMetaArgs Metadata(JsonObject manifest)
    {
        var metadata = manifest["metadata"]!.AsObject();
        var args = new ObjectMetaArgs
        {
            Name = metadata["name"]!.GetValue<string>(),
            Namespace = PulumiValues.Optional(metadata["namespace"]?.GetValue<string>()),
        };
        var labels = PulumiValues.Strings(metadata["labels"]);
        if (labels.Count > 0)
        {
            args.Labels = labels;
        }

        var annotations = PulumiValues.Strings(metadata["annotations"]);
        if (annotations.Count > 0)
        {
            args.Annotations = annotations;
        }

        return args;
    }
}

/// <summary>The inputs of a ShapeBlock custom resource: apiVersion, kind, metadata and the spec the core renders.</summary>
internal sealed class ShapeBlockResourceArgs(string apiVersion, string kind) : global::Pulumi.Kubernetes.ApiExtensions.CustomResourceArgs(apiVersion, kind)
{
    /// <summary>The spec, as the core renders it.</summary>
    [Input("spec")]
    public Input<ImmutableDictionary<string, object?>>? Spec { get; set; }
}

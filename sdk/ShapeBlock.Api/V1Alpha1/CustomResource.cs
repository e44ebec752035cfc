using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>Common shape of every ShapeBlock custom resource: metadata, spec and an optional status.</summary>
/// <typeparam name="TSpec">The desired state.</typeparam>
/// <typeparam name="TStatus">The observed state, written by the operator.</typeparam>
public abstract class CustomResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    /// <summary>Creates a resource with its apiVersion and kind set.</summary>
    /// <param name="kind">The resource kind.</param>
    protected CustomResource(string kind)
    {
        Kind = kind;
    }

    /// <summary>Always <c>apps.shapeblock.io/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ShapeBlock.Api.ApiGroup.ApiVersion;

    /// <summary>The resource kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    /// <summary>The observed state; written by the operator through the status subresource.</summary>
    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}

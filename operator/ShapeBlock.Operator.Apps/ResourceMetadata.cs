using k8s;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>Labels and owner references of the objects rendered for apps and builds (api.md, "Labels used everywhere").</summary>
public static class ResourceMetadata
{
    /// <summary>The project namespace of a namespaced resource.</summary>
    /// <param name="resource">An App or AppBuild read from the API server.</param>
    /// <returns>Its namespace.</returns>
    /// <exception cref="InvalidOperationException">The resource has no namespace.</exception>
    public static string ProjectNamespace(IKubernetesObject<V1ObjectMeta> resource) =>
        resource.Metadata.NamespaceProperty is { Length: > 0 } ns
            ? ns
            : throw new InvalidOperationException($"{resource.Kind} '{resource.Metadata.Name}' has no namespace; Apps and AppBuilds live in their project namespace");

    /// <summary>Labels of everything rendered for an app: managed-by, project, app.</summary>
    /// <param name="app">The App.</param>
    /// <returns>A new dictionary.</returns>
    public static Dictionary<string, string> AppLabels(App app) => new(StringComparer.Ordinal)
    {
        [Labels.ManagedBy] = Labels.ManagedByOperator,
        [Labels.Project] = ProjectNamespace(app),
        [Labels.App] = app.Metadata.Name,
    };

    /// <summary>Labels of everything rendered for a build: the app labels plus <c>shapeblock.io/build</c>.</summary>
    /// <param name="build">The AppBuild.</param>
    /// <returns>A new dictionary.</returns>
    public static Dictionary<string, string> BuildLabels(AppBuild build) => new(StringComparer.Ordinal)
    {
        [Labels.ManagedBy] = Labels.ManagedByOperator,
        [Labels.Project] = ProjectNamespace(build),
        [Labels.App] = build.Spec.AppName,
        [Labels.Build] = KubeNames.LabelValue(build.Metadata.Name),
    };

    /// <summary>
    /// A controller owner reference to <paramref name="owner"/>, so that the owner's reconciler wakes
    /// on changes of the child and garbage collection removes the child with it.
    /// </summary>
    /// <param name="owner">The owning App or AppBuild, as read from the API server (it must have a uid).</param>
    /// <returns>The reference.</returns>
    /// <exception cref="InvalidOperationException">The owner has no uid yet.</exception>
    public static V1OwnerReference OwnerReference(IKubernetesObject<V1ObjectMeta> owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid is { Length: > 0 } uid
            ? uid
            : throw new InvalidOperationException($"{owner.Kind} '{owner.Metadata.Name}' has no uid: render children from the object read from the API server"),
        Controller = true,
        BlockOwnerDeletion = true,
    };
}

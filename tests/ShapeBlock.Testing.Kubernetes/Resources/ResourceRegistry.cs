using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Resources;

/// <summary>
/// The resource types the server serves: the built-ins plus every registered CustomResourceDefinition.
/// Discovery, routing and the simulators read it; CRD create/update/delete change it.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock sync = new();
    private List<ApiResource> resources = [];

    /// <summary>Creates a registry holding the built-in resources.</summary>
    public ResourceRegistry()
    {
        resources.AddRange(BuiltInResources.All);
    }

    /// <summary>Bumped on every change, so discovery documents can be cached and invalidated.</summary>
    public long Generation { get; private set; }

    /// <summary>Every served resource (all versions).</summary>
    public IReadOnlyList<ApiResource> All
    {
        get
        {
            lock (sync)
            {
                return resources;
            }
        }
    }

    /// <summary>Finds a resource by group, version and plural (or singular / short name when <paramref name="loose"/>).</summary>
    /// <param name="group">API group.</param>
    /// <param name="version">API version.</param>
    /// <param name="plural">Plural resource name.</param>
    /// <param name="loose">Also match singular names and short names (kubectl-style).</param>
    /// <returns>The resource, or null.</returns>
    public ApiResource? Find(string group, string version, string plural, bool loose = false) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural)
        ?? (loose ? All.FirstOrDefault(r => r.Group == group && r.Version == version && (r.Singular == plural || r.ShortNames.Contains(plural))) : null);

    /// <summary>Finds a resource by <c>apiVersion</c> and kind.</summary>
    /// <param name="apiVersion">E.g. <c>apps/v1</c> or <c>v1</c>.</param>
    /// <param name="kind">E.g. <c>Deployment</c>.</param>
    /// <returns>The resource, or null.</returns>
    public ApiResource? FindByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    /// <summary>Any served version of a storage key (the first registered, i.e. the storage version for CRDs).</summary>
    /// <param name="key">Group and plural.</param>
    /// <returns>The resource, or null.</returns>
    public ApiResource? FindByKey(ResourceKey key) => All.FirstOrDefault(r => r.Key == key);

    /// <summary>Groups in discovery order (core excluded), each with its versions, preferred first.</summary>
    /// <returns>Group name to ordered versions.</returns>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Groups() =>
        [.. All.Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .Select(g => KeyValuePair.Create(g.Key, (IReadOnlyList<string>)[.. g.Select(r => r.Version).Distinct().Order(VersionPriority.Instance)]))];

    /// <summary>Registers (or replaces) the served versions of a CRD.</summary>
    /// <param name="crd">A valid <c>CustomResourceDefinition</c>.</param>
    /// <returns>The resources now served for it.</returns>
    public IReadOnlyList<ApiResource> RegisterCrd(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var added = CrdDefinition.Resources(crd);
        if (added.Count == 0)
        {
            return added;
        }

        var key = added[0].Key;
        lock (sync)
        {
            // A CRD may shadow a built-in of the same group/resource (e.g. k3s's HelmChart applied again).
            resources = [.. resources.Where(r => r.Key != key), .. added];
            Generation++;
        }

        return added;
    }

    /// <summary>Stops serving a custom resource.</summary>
    /// <param name="key">Group and plural.</param>
    public void Unregister(ResourceKey key)
    {
        lock (sync)
        {
            resources = [.. resources.Where(r => r.Key != key)];
            Generation++;
        }
    }
}

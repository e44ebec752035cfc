using Pulumi;
using ShapeBlock.Sdk.Planning;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>
/// What the components of one cluster share: the SDK model they add to, the Pulumi resources made for each plan
/// step (so later steps depend on them), the values known only after <c>up</c>, the secrets and the Kubernetes provider.
/// </summary>
internal sealed class ClusterMapping
{
    private readonly Dictionary<string, List<Resource>> stepResources = new(StringComparer.Ordinal);

    public ClusterMapping(Sdk.Stack stack, Model.Cluster cluster, Resource owner)
    {
        Stack = stack;
        Cluster = cluster;
        Placeholders = new Placeholders();
        Secrets = new SecretOutputs(cluster.Name, owner, Placeholders);
    }

    public Sdk.Stack Stack { get; }

    public Model.Cluster Cluster { get; }

    public Placeholders Placeholders { get; }

    public SecretOutputs Secrets { get; }

    /// <summary>The provider every Kubernetes resource of the cluster uses (made from the kubeconfig output).</summary>
    public ProviderResource? Kubernetes { get; set; }

    /// <summary>The plan of the whole stack as it is now (planning is pure and deterministic, so planning again is safe).</summary>
    public Plan Plan()
    {
        var plan = Planner.Create(Stack);
        Placeholders.Declare(plan);
        return plan;
    }

    /// <summary>Records the resources made for a step.</summary>
    public void Add(PlanStep step, Resource resource)
    {
        if (!stepResources.TryGetValue(step.Id, out var list))
        {
            stepResources[step.Id] = list = [];
        }

        list.Add(resource);
    }

    /// <summary>The resources of the steps <paramref name="step"/> waits for.</summary>
    public Resource[] DependsOn(PlanStep step) =>
        [.. step.DependsOn.SelectMany(id => stepResources.TryGetValue(id, out var list) ? list : [])];

    /// <summary>The resources made for a step (empty when none).</summary>
    public IReadOnlyList<Resource> ResourcesOf(string stepId) => stepResources.TryGetValue(stepId, out var list) ? list : [];
}

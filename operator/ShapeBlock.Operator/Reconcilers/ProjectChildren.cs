using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers;

/// <summary>
/// The objects a Project owns. Each Ensure step compares the desired object with what exists and
/// writes only when they differ, so reconciling a converged project makes no writes.
/// </summary>
internal sealed class ProjectChildren(KubeRestClient client, ClusterState state)
{
    public const string BuilderName = "shapeblock-builder";
    public const string QuotaName = "shapeblock-quota";
    public const string LimitRangeName = "shapeblock-defaults";

    /// <summary>Pod Security Admission level of project namespaces: no privileged pods, host paths or host networking from app values.</summary>
    public const string PodSecurityLevel = "baseline";

    public async Task EnsureNamespaceAsync(Project project, CancellationToken cancellationToken)
    {
        var name = project.Metadata.Name;
        var labels = ProjectLabels(project);
        labels["pod-security.kubernetes.io/enforce"] = PodSecurityLevel;
        var existing = state.Namespaces.Cache.Get(new ObjectKey(null, name))
            ?? await client.GetAsync(Resources.Namespaces, Codecs.Namespace, null, name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await client.CreateAsync(Resources.Namespaces, Codecs.Namespace, new V1Namespace { Metadata = Meta(project, name, null, labels) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!ObjectComparison.HasLabels(existing.Metadata, labels))
        {
            // A merge patch of the labels: the cached Namespace is trimmed (CacheTrims.Namespace), written back
            // whole it would drop its spec on the server.
            await client.PatchAsync(Resources.Namespaces, Codecs.Namespace, null, name, PatchType.Merge, LabelsPatch(labels), null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task DeleteNamespaceAsync(string name, CancellationToken cancellationToken) =>
        client.DeleteAsync(Resources.Namespaces, null, name, cancellationToken);

    public async Task EnsureSecretCopyAsync(Project project, V1Secret source, string name, CancellationToken cancellationToken)
    {
        var ns = project.Metadata.Name;
        var desired = new V1Secret
        {
            Metadata = Meta(project, name, ns, ProjectLabels(project)),
            Type = source.Type,
            Data = source.Data,
        };
        var (existing, _) = await state.FindSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await client.CreateAsync(Resources.Secrets, Codecs.Secret, desired, cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Type != desired.Type)
        {
            // The type of a Secret is immutable: replace it.
            await client.DeleteAsync(Resources.Secrets, ns, name, cancellationToken).ConfigureAwait(false);
            await client.CreateAsync(Resources.Secrets, Codecs.Secret, desired, cancellationToken).ConfigureAwait(false);
        }
        else if (!ObjectComparison.SameData(existing.Data, desired.Data) || !ObjectComparison.HasLabels(existing.Metadata, desired.Metadata.Labels))
        {
            existing.Data = desired.Data;
            existing.Metadata.Labels = Merge(existing.Metadata.Labels, desired.Metadata.Labels);
            await client.ReplaceAsync(Resources.Secrets, Codecs.Secret, existing, status: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task EnsureBuildServiceAccountAsync(Project project, string ns, CancellationToken cancellationToken)
    {
        var labels = ProjectLabels(project);
        var account = await client.GetAsync(Resources.ServiceAccounts, Codecs.ServiceAccount, ns, BuilderName, cancellationToken).ConfigureAwait(false);
        var pullSecrets = new List<V1LocalObjectReference> { new() { Name = ProjectReconciler.RegistrySecretName } };
        if (account is null)
        {
            await client.CreateAsync(Resources.ServiceAccounts, Codecs.ServiceAccount, new V1ServiceAccount { Metadata = Meta(project, BuilderName, ns, labels), ImagePullSecrets = pullSecrets, AutomountServiceAccountToken = false }, cancellationToken).ConfigureAwait(false);
        }

        // Least privilege: a build may read only the registry credentials of its project.
        var rules = new List<V1PolicyRule>
        {
            new() { ApiGroups = [""], Resources = ["secrets"], ResourceNames = [ProjectReconciler.RegistrySecretName], Verbs = ["get"] },
        };
        var role = await client.GetAsync(Resources.Roles, Codecs.Role, ns, BuilderName, cancellationToken).ConfigureAwait(false);
        if (role is null)
        {
            await client.CreateAsync(Resources.Roles, Codecs.Role, new V1Role { Metadata = Meta(project, BuilderName, ns, labels), Rules = rules }, cancellationToken).ConfigureAwait(false);
        }
        else if (!SameRules(role.Rules, rules))
        {
            role.Rules = rules;
            await client.ReplaceAsync(Resources.Roles, Codecs.Role, role, status: false, cancellationToken).ConfigureAwait(false);
        }

        var binding = await client.GetAsync(Resources.RoleBindings, Codecs.RoleBinding, ns, BuilderName, cancellationToken).ConfigureAwait(false);
        if (binding is null)
        {
            await client.CreateAsync(Resources.RoleBindings, Codecs.RoleBinding, new V1RoleBinding
            {
                Metadata = Meta(project, BuilderName, ns, labels),
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = BuilderName },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = BuilderName, NamespaceProperty = ns }],
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task EnsureQuotaAsync(Project project, string ns, CancellationToken cancellationToken)
    {
        var existing = await client.GetAsync(Resources.ResourceQuotas, Codecs.ResourceQuota, ns, QuotaName, cancellationToken).ConfigureAwait(false);
        var hard = QuotaHard(project.Spec.Quota);
        if (hard.Count == 0)
        {
            if (existing is not null)
            {
                await client.DeleteAsync(Resources.ResourceQuotas, ns, QuotaName, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (existing is null)
        {
            await client.CreateAsync(Resources.ResourceQuotas, Codecs.ResourceQuota, new V1ResourceQuota { Metadata = Meta(project, QuotaName, ns, ProjectLabels(project)), Spec = new V1ResourceQuotaSpec { Hard = hard } }, cancellationToken).ConfigureAwait(false);
        }
        else if (!SameQuantities(existing.Spec?.Hard, hard))
        {
            existing.Spec = new V1ResourceQuotaSpec { Hard = hard };
            await client.ReplaceAsync(Resources.ResourceQuotas, Codecs.ResourceQuota, existing, status: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task EnsureLimitRangeAsync(Project project, string ns, CancellationToken cancellationToken)
    {
        var existing = await client.GetAsync(Resources.LimitRanges, Codecs.LimitRange, ns, LimitRangeName, cancellationToken).ConfigureAwait(false);
        var requests = Quantities(project.Spec.Defaults?.Requests);
        var limits = Quantities(project.Spec.Defaults?.Limits);
        if (requests.Count == 0 && limits.Count == 0)
        {
            if (existing is not null)
            {
                await client.DeleteAsync(Resources.LimitRanges, ns, LimitRangeName, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var item = new V1LimitRangeItem { Type = "Container", DefaultRequest = requests.Count > 0 ? requests : null, DefaultProperty = limits.Count > 0 ? limits : null };
        if (existing is null)
        {
            await client.CreateAsync(Resources.LimitRanges, Codecs.LimitRange, new V1LimitRange { Metadata = Meta(project, LimitRangeName, ns, ProjectLabels(project)), Spec = new V1LimitRangeSpec { Limits = [item] } }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var current = existing.Spec?.Limits?.FirstOrDefault();
        if (current is null || !SameQuantities(current.DefaultRequest, item.DefaultRequest ?? new Dictionary<string, ResourceQuantity>()) || !SameQuantities(current.DefaultProperty, item.DefaultProperty ?? new Dictionary<string, ResourceQuantity>()))
        {
            existing.Spec = new V1LimitRangeSpec { Limits = [item] };
            await client.ReplaceAsync(Resources.LimitRanges, Codecs.LimitRange, existing, status: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, string> ProjectLabels(Project project) => new()
    {
        [Labels.ManagedBy] = Labels.ManagedByOperator,
        [Labels.Project] = project.Metadata.Name,
    };

    private static V1ObjectMeta Meta(Project owner, string name, string? ns, IDictionary<string, string> labels) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string>(labels),
        OwnerReferences = [new V1OwnerReference { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = true }],
    };

    private static Dictionary<string, ResourceQuantity> QuotaHard(ProjectQuota? quota)
    {
        var hard = new Dictionary<string, ResourceQuantity>();
        if (quota?.Cpu is { } cpu)
        {
            hard["requests.cpu"] = new ResourceQuantity(cpu);
        }

        if (quota?.Memory is { } memory)
        {
            hard["requests.memory"] = new ResourceQuantity(memory);
        }

        if (quota?.Storage is { } storage)
        {
            hard["requests.storage"] = new ResourceQuantity(storage);
        }

        if (quota?.Pods is { } pods)
        {
            hard["pods"] = new ResourceQuantity(pods.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return hard;
    }

    private static Dictionary<string, ResourceQuantity> Quantities(ComputeResources? resources)
    {
        var result = new Dictionary<string, ResourceQuantity>();
        if (resources?.Cpu is { } cpu)
        {
            result["cpu"] = new ResourceQuantity(cpu);
        }

        if (resources?.Memory is { } memory)
        {
            result["memory"] = new ResourceQuantity(memory);
        }

        return result;
    }

    private static bool SameQuantities(IDictionary<string, ResourceQuantity>? a, IDictionary<string, ResourceQuantity> b) =>
        (a?.Count ?? 0) == b.Count && b.All(p => a!.TryGetValue(p.Key, out var v) && v.ToString() == p.Value.ToString());

    private static bool SameRules(IList<V1PolicyRule>? a, List<V1PolicyRule> b) =>
        a is not null && a.Count == b.Count && a.Zip(b).All(p =>
            Same(p.First.ApiGroups, p.Second.ApiGroups) && Same(p.First.Resources, p.Second.Resources)
            && Same(p.First.ResourceNames, p.Second.ResourceNames) && Same(p.First.Verbs, p.Second.Verbs));

    private static bool Same(IList<string>? a, IList<string>? b) => (a ?? []).SequenceEqual(b ?? []);

    private static byte[] LabelsPatch(Dictionary<string, string> labels)
    {
        var values = new JsonObject();
        foreach (var (key, value) in labels)
        {
            values[key] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = values } }, JsonContext.Default.JsonObject);
    }

    private static Dictionary<string, string> Merge(IDictionary<string, string>? existing, IDictionary<string, string>? extra)
    {
        var merged = existing is null ? new Dictionary<string, string>() : new Dictionary<string, string>(existing);
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            merged[k] = v;
        }

        return merged;
    }
}

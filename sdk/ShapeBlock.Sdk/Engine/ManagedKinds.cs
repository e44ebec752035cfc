using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// The kinds a stack may have written, searched by label for prune, destroy and status: every kind the SDK
/// renders today plus the kinds of the current plan. Kinds the server does not serve are skipped.
/// Ordered in deletion tiers: ShapeBlock CRs (Projects last, so apps go before their namespace), then
/// HelmCharts and other CRs (their controllers still run), then the platform objects, CRDs, namespaces.
/// </summary>
internal static class ManagedKinds
{
    private static readonly (string ApiVersion, string Kind)[] Known =
    [
        ("apps.shapeblock.io/v1alpha1", "AppBuild"),
        ("apps.shapeblock.io/v1alpha1", "App"),
        ("apps.shapeblock.io/v1alpha1", "Service"),
        ("apps.shapeblock.io/v1alpha1", "Team"),
        ("apps.shapeblock.io/v1alpha1", "Project"),
        ("helm.cattle.io/v1", "HelmChart"),
        ("helm.cattle.io/v1", "HelmChartConfig"),
        ("cert-manager.io/v1", "ClusterIssuer"),
        ("apps/v1", "Deployment"),
        ("apps/v1", "StatefulSet"),
        ("apps/v1", "DaemonSet"),
        ("v1", "Service"),
        ("v1", "ConfigMap"),
        ("v1", "Secret"),
        ("v1", "ServiceAccount"),
        ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("rbac.authorization.k8s.io/v1", "Role"),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("networking.k8s.io/v1", "Ingress"),
        ("networking.k8s.io/v1", "NetworkPolicy"),
        ("policy/v1", "PodDisruptionBudget"),
        ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
        ("v1", "Namespace"),
    ];

    /// <summary>The kinds to search: the known ones and any other kind of the cluster's plan.</summary>
    public static IReadOnlyList<(string ApiVersion, string Kind)> For(Plan plan, string cluster)
    {
        var list = new List<(string, string)>(Known);
        foreach (var obj in plan.Steps.Where(s => s.Cluster == cluster).SelectMany(s => s.Objects))
        {
            if (!list.Contains((obj.ApiVersion, obj.Kind)))
            {
                list.Add((obj.ApiVersion, obj.Kind));
            }
        }

        return list;
    }

    /// <summary>The deletion tier of a kind: lower goes first; each tier is gone before the next starts.</summary>
    public static int Tier(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("apps.shapeblock.io/v1alpha1", "Project") => 1,
        ("apps.shapeblock.io/v1alpha1", _) => 0,
        ("apiextensions.k8s.io/v1", "CustomResourceDefinition") => 4,
        ("v1", "Namespace") => 5,
        _ when !IsBuiltIn(apiVersion) => 2,
        _ => 3,
    };

    /// <summary>True for the ShapeBlock custom resources (status shows them).</summary>
    public static bool IsShapeBlock(string apiVersion) => apiVersion.StartsWith("apps.shapeblock.io/", StringComparison.Ordinal);

    private static bool IsBuiltIn(string apiVersion) =>
        !apiVersion.Contains('/', StringComparison.Ordinal) || apiVersion.Split('/')[0] is "apps" or "rbac.authorization.k8s.io" or "networking.k8s.io" or "policy" or "batch";
}

using ShapeBlock.Api;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>The resource types the operator reads or writes (the chart's ClusterRole lists exactly these).</summary>
internal static class Resources
{
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "Namespace", false);
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "Secret", true);
    public static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount", true);
    public static readonly ResourceType ResourceQuotas = new("", "v1", "resourcequotas", "ResourceQuota", true);
    public static readonly ResourceType LimitRanges = new("", "v1", "limitranges", "LimitRange", true);
    public static readonly ResourceType Events = new("", "v1", "events", "Event", true);
    public static readonly ResourceType Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
    public static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);
    public static readonly ResourceType Pods = new("", "v1", "pods", "Pod", true);
    public static readonly ResourceType Jobs = new("batch", "v1", "jobs", "Job", true);
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "Deployment", true);
    public static readonly ResourceType StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet", true);
    public static readonly ResourceType PersistentVolumeClaims = new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true);
    public static readonly ResourceType Services = new(ApiGroup.Name, ApiGroup.Version, "services", "Service", true);
    public static readonly ResourceType HelmCharts = new("helm.cattle.io", "v1", "helmcharts", "HelmChart", true);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "Lease", true);
    public static readonly ResourceType Projects = new(ApiGroup.Name, ApiGroup.Version, "projects", "Project", false);
    public static readonly ResourceType Apps = new(ApiGroup.Name, ApiGroup.Version, "apps", "App", true);
    public static readonly ResourceType AppBuilds = new(ApiGroup.Name, ApiGroup.Version, "appbuilds", "AppBuild", true);
    public static readonly ResourceType Teams = new(ApiGroup.Name, ApiGroup.Version, "teams", "Team", false);
}

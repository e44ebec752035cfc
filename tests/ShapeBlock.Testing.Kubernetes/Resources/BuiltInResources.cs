namespace ShapeBlock.Testing.Kubernetes.Resources;

/// <summary>The built-in resource types the server serves (what ShapeBlock, kubectl and k3s add-ons use).</summary>
public static class BuiltInResources
{
    private static readonly string[] Status = ["status"];
    private static readonly string[] InAll = ["all"];

    /// <summary>Every built-in resource, core group first.</summary>
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        Core("Namespace", "namespaces", false, ["ns"], Status),
        Core("Secret", "secrets", true),
        Core("ConfigMap", "configmaps", true, ["cm"]),
        Core("ServiceAccount", "serviceaccounts", true, ["sa"]),
        Core("ResourceQuota", "resourcequotas", true, ["quota"], Status),
        Core("LimitRange", "limitranges", true, ["limits"]),
        Core("Pod", "pods", true, ["po"], ["status", "log", "eviction"], InAll),
        Core("Service", "services", true, ["svc"], Status, InAll),
        Core("Endpoints", "endpoints", true, ["ep"]),
        Core("PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], Status),
        Core("PersistentVolume", "persistentvolumes", false, ["pv"], Status),
        Core("Event", "events", true, ["ev"]),
        Core("Node", "nodes", false, ["no"], Status),
        Of("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        Of("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        Of("batch", "v1", "Job", "jobs", true, [], Status, InAll),
        Of("batch", "v1", "CronJob", "cronjobs", true, ["cj"], Status, InAll),
        Of("apps", "v1", "Deployment", "deployments", true, ["deploy"], Status, InAll),
        Of("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"], Status, InAll),
        Of("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], Status, InAll),
        Of("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"], Status, InAll),
        Of("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], Status, InAll),
        Of("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], Status),
        Of("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false),
        Of("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]),
        Of("events.k8s.io", "v1", "Event", "events", true, ["ev"]),
        Of("coordination.k8s.io", "v1", "Lease", "leases", true),
        Of("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"], Status),
        Of("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, ["sc"]),
        Of("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"], Status),
    ];

    private static ApiResource Core(string kind, string plural, bool namespaced, string[]? shortNames = null, string[]? subresources = null, string[]? categories = null) =>
        Of("", "v1", kind, plural, namespaced, shortNames, subresources, categories);

    private static ApiResource Of(string group, string version, string kind, string plural, bool namespaced, string[]? shortNames = null, string[]? subresources = null, string[]? categories = null) =>
        new(group, version, kind, plural, kind.ToLowerInvariant(), namespaced)
        {
            ShortNames = shortNames ?? [],
            Subresources = subresources ?? [],
            Categories = categories ?? [],
        };
}

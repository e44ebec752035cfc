using k8s.Models;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>JSON codecs of every watched kind (source-generated, NativeAOT-safe; metadata resolved on first use, not at start-up).</summary>
internal static class Codecs
{
    public static readonly IResourceCodec<Project> Project = new JsonTypeInfoCodec<Project>(() => ShapeBlockJsonContext.Default.Project);
    public static readonly IResourceCodec<App> App = new JsonTypeInfoCodec<App>(() => ShapeBlockJsonContext.Default.App);
    public static readonly IResourceCodec<AppBuild> AppBuild = new JsonTypeInfoCodec<AppBuild>(() => ShapeBlockJsonContext.Default.AppBuild);
    public static readonly IResourceCodec<Team> Team = new JsonTypeInfoCodec<Team>(() => ShapeBlockJsonContext.Default.Team);
    public static readonly IResourceCodec<V1Namespace> Namespace = new JsonTypeInfoCodec<V1Namespace>(() => KubeJsonContext.Default.V1Namespace);
    public static readonly IResourceCodec<V1Secret> Secret = new JsonTypeInfoCodec<V1Secret>(() => KubeJsonContext.Default.V1Secret);
    public static readonly IResourceCodec<V1Job> Job = new JsonTypeInfoCodec<V1Job>(() => KubeJsonContext.Default.V1Job);
    public static readonly IResourceCodec<V1Pod> Pod = new JsonTypeInfoCodec<V1Pod>(() => KubeJsonContext.Default.V1Pod);
    public static readonly IResourceCodec<V1Deployment> Deployment = new JsonTypeInfoCodec<V1Deployment>(() => KubeJsonContext.Default.V1Deployment);
    public static readonly IResourceCodec<V1StatefulSet> StatefulSet = new JsonTypeInfoCodec<V1StatefulSet>(() => KubeJsonContext.Default.V1StatefulSet);
    public static readonly IResourceCodec<V1PersistentVolumeClaim> PersistentVolumeClaim = new JsonTypeInfoCodec<V1PersistentVolumeClaim>(() => KubeJsonContext.Default.V1PersistentVolumeClaim);
    public static readonly IResourceCodec<Service> Service = new JsonTypeInfoCodec<Service>(() => ShapeBlockJsonContext.Default.Service);
    public static readonly IResourceCodec<HelmChart> HelmChart = HelmChartCodec.Instance;
    public static readonly IResourceCodec<V1ServiceAccount> ServiceAccount = new JsonTypeInfoCodec<V1ServiceAccount>(() => KubeJsonContext.Default.V1ServiceAccount);
    public static readonly IResourceCodec<V1Role> Role = new JsonTypeInfoCodec<V1Role>(() => KubeJsonContext.Default.V1Role);
    public static readonly IResourceCodec<V1ResourceQuota> ResourceQuota = new JsonTypeInfoCodec<V1ResourceQuota>(() => KubeJsonContext.Default.V1ResourceQuota);
    public static readonly IResourceCodec<V1LimitRange> LimitRange = new JsonTypeInfoCodec<V1LimitRange>(() => KubeJsonContext.Default.V1LimitRange);
    public static readonly IResourceCodec<Corev1Event> Event = new JsonTypeInfoCodec<Corev1Event>(() => KubeJsonContext.Default.Corev1Event);
    public static readonly IResourceCodec<V1RoleBinding> RoleBinding = new JsonTypeInfoCodec<V1RoleBinding>(() => KubeJsonContext.Default.V1RoleBinding);
}

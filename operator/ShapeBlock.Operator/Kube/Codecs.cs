using k8s.Models;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>JSON codecs of every watched kind (source-generated, NativeAOT-safe).</summary>
internal static class Codecs
{
    public static readonly IResourceCodec<Project> Project = new JsonTypeInfoCodec<Project>(ShapeBlockJsonContext.Default.Project);
    public static readonly IResourceCodec<App> App = new JsonTypeInfoCodec<App>(ShapeBlockJsonContext.Default.App);
    public static readonly IResourceCodec<AppBuild> AppBuild = new JsonTypeInfoCodec<AppBuild>(ShapeBlockJsonContext.Default.AppBuild);
    public static readonly IResourceCodec<Team> Team = new JsonTypeInfoCodec<Team>(ShapeBlockJsonContext.Default.Team);
    public static readonly IResourceCodec<V1Namespace> Namespace = KubernetesModelCodec<V1Namespace>.Instance;
    public static readonly IResourceCodec<V1Secret> Secret = KubernetesModelCodec<V1Secret>.Instance;
    public static readonly IResourceCodec<V1Job> Job = KubernetesModelCodec<V1Job>.Instance;
    public static readonly IResourceCodec<V1Pod> Pod = KubernetesModelCodec<V1Pod>.Instance;
    public static readonly IResourceCodec<V1Deployment> Deployment = KubernetesModelCodec<V1Deployment>.Instance;
    public static readonly IResourceCodec<V1StatefulSet> StatefulSet = KubernetesModelCodec<V1StatefulSet>.Instance;
    public static readonly IResourceCodec<V1PersistentVolumeClaim> PersistentVolumeClaim = KubernetesModelCodec<V1PersistentVolumeClaim>.Instance;
    public static readonly IResourceCodec<Service> Service = new JsonTypeInfoCodec<Service>(ShapeBlockJsonContext.Default.Service);
    public static readonly IResourceCodec<HelmChart> HelmChart = HelmChartCodec.Instance;
    public static readonly IResourceCodec<V1RoleBinding> RoleBinding = KubernetesModelCodec<V1RoleBinding>.Instance;
}

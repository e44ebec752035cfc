using System.Text.Json.Serialization;
using k8s.Models;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>
/// Source-generated JSON of exactly the Kubernetes model types the operator reads and writes. The operator
/// never uses KubernetesClient's <c>KubernetesJson</c> or typed operations: they root its context of all
/// ~800 models, which made up a third of the NativeAOT binary and its start-up type data (bench/README.md).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(V1ObjectMeta))]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1ServiceAccount))]
[JsonSerializable(typeof(V1Role))]
[JsonSerializable(typeof(V1RoleBinding))]
[JsonSerializable(typeof(V1ResourceQuota))]
[JsonSerializable(typeof(V1LimitRange))]
[JsonSerializable(typeof(Corev1Event))]
[JsonSerializable(typeof(V1Job))]
[JsonSerializable(typeof(V1Pod))]
[JsonSerializable(typeof(V1Deployment))]
[JsonSerializable(typeof(V1StatefulSet))]
[JsonSerializable(typeof(V1PersistentVolumeClaim))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using k8s.Models;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Runtime.Leadership;

/// <summary>
/// Source-generated JSON for the Lease only: KubernetesClient's own context covers all ~800 models and, once
/// rooted, dominates the NativeAOT binary's size and memory.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(V1Lease))]
internal sealed partial class LeaseJsonContext : JsonSerializerContext;

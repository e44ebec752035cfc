using System.Text.Json.Serialization;
using k8s.Models;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Runtime.Tests;

/// <summary>The ConfigMaps the tests watch, read the way the operator reads its kinds (its own source-generated context).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(V1ConfigMap))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
    public static IResourceCodec<V1ConfigMap> ConfigMapCodec { get; } = new JsonTypeInfoCodec<V1ConfigMap>(new TestJsonContext().V1ConfigMap);
}

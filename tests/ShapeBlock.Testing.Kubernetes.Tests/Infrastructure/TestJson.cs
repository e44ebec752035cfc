using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;

namespace ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

/// <summary>Lets KubernetesClient.Aot (source-generated JSON only) send JsonElement/JsonObject bodies to CustomObjects.</summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
    [ModuleInitializer]
    internal static void Register() => KubernetesJson.AddJsonOptions(o => o.TypeInfoResolverChain.Add(Default));
}

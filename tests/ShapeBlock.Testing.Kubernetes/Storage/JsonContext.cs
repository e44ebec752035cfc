using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Kubernetes.Storage;

/// <summary>Source-generated JSON metadata for the node types the server serializes.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class JsonContext : JsonSerializerContext
{
    /// <summary>Writes quotes and '&lt;' as they are (like the Go API server), not as \u0022 escapes.</summary>
    public static JsonContext Relaxed { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ShapeBlock.Operator.Kube;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class JsonContext : JsonSerializerContext;

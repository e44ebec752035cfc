using System.Text.Json.Serialization;

namespace ShapeBlock.Api.Charts;

[JsonSerializable(typeof(string))]
internal sealed partial class ChartJsonContext : JsonSerializerContext;

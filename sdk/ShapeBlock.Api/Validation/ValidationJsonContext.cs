using System.Text.Json.Serialization;

namespace ShapeBlock.Api.Validation;

[JsonSerializable(typeof(string))]
internal sealed partial class ValidationJsonContext : JsonSerializerContext;

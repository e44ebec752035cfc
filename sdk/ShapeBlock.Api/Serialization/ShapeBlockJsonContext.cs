using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Api.Serialization;

/// <summary>
/// Source-generated JSON metadata for the ShapeBlock resources, so the operator serializes them with
/// no reflection (NativeAOT). camelCase names, enums as the spec's strings, nulls omitted.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(Rfc3339DateTimeOffsetConverter), typeof(Rfc3339DateTimeConverter)])]
[JsonSerializable(typeof(Project))]
[JsonSerializable(typeof(App))]
[JsonSerializable(typeof(AppBuild))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Team))]
[JsonSerializable(typeof(ProjectStatus))]
[JsonSerializable(typeof(AppStatus))]
[JsonSerializable(typeof(AppBuildStatus))]
[JsonSerializable(typeof(ServiceStatus))]
[JsonSerializable(typeof(TeamStatus))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ShapeBlockJsonContext : JsonSerializerContext;

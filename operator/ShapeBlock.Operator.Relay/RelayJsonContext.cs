using System.Text.Json.Serialization;

namespace ShapeBlock.Operator.Relay;

/// <summary>Source-generated (NativeAOT-safe) JSON metadata for the relay's wire messages.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(BuildLogMessage))]
public sealed partial class RelayJsonContext : JsonSerializerContext;

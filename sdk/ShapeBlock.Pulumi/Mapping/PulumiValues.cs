using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Pulumi;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>Converts plan JSON to the values Pulumi serializes (maps, arrays, strings, numbers, booleans).</summary>
internal static class PulumiValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.Aggregate(ImmutableDictionary<string, object?>.Empty, (d, kv) => d.SetItem(kv.Key, From(kv.Value))),
        JsonArray a => a.Select(From).ToImmutableArray(),
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v => v.GetValue<double>(),
        _ => throw new ArgumentException($"Unexpected JSON node {node.GetType().Name}.", nameof(node)),
    };

    /// <summary>An optional string input: null stays unset.</summary>
    public static Input<string>? Optional(string? value) => value is null ? null : (Input<string>)value;

    /// <summary>An optional output input: null stays unset.</summary>
    public static Input<string>? Optional(Output<string>? value) => value is null ? null : (Input<string>)value;

    public static ImmutableDictionary<string, object?> Map(JsonObject obj) => (ImmutableDictionary<string, object?>)From(obj)!;

    public static ImmutableDictionary<string, string> Strings(JsonNode? node) => node is JsonObject o
        ? o.Where(kv => kv.Value is not null).ToImmutableDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal)
        : ImmutableDictionary<string, string>.Empty;

    public static string[] StringArray(JsonNode? node) => node is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : [];
}

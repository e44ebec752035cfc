using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Neutralises Go-template actions in values. nxs-universal-chart passes most values (env, command,
/// args, probes, labels, extra manifests) through Helm's <c>tpl</c>, so a value containing
/// <c>{{ … }}</c> would be executed by the Helm job — which helm-controller runs as cluster-admin,
/// where <c>lookup</c> can read any Secret of the cluster. Every <c>{{</c> in a key or string value
/// becomes <c>{{`{{`}}</c>, which <c>tpl</c> renders back to a literal <c>{{</c>.
/// </summary>
public static class HelmTemplateEscaper
{
    private const string Open = "{{";
    private const string EscapedOpen = "{{`{{`}}";

    /// <summary>Escapes one string.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with every <c>{{</c> escaped.</returns>
    public static string Escape(string text) =>
        text.Contains(Open, StringComparison.Ordinal) ? text.Replace(Open, EscapedOpen, StringComparison.Ordinal) : text;

    /// <summary>A deep copy of a value with every key and string escaped.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The escaped copy.</returns>
    public static JsonNode? EscapeAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    result[Escape(key)] = EscapeAll(value);
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(EscapeAll)]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(Escape(value.GetValue<string>()));
            default:
                return node?.DeepClone();
        }
    }
}

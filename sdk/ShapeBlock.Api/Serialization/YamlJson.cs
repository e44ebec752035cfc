using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ShapeBlock.Api.Serialization;

/// <summary>
/// Converts between YAML and <see cref="JsonNode"/> with the YAML 1.2 core schema, without reflection
/// (NativeAOT-safe). Strings that would read back as another type are quoted; multi-line strings are
/// written as literal blocks.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Writes one JSON value as a YAML document (no leading <c>---</c>).</summary>
    /// <param name="node">The value.</param>
    /// <returns>The YAML text, ending with a newline.</returns>
    public static string ToYaml(JsonNode? node)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestIndent(2).WithBestWidth(int.MaxValue).WithIndentedSequences());
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>Writes several values as a multi-document YAML stream separated by <c>---</c>.</summary>
    /// <param name="nodes">The documents.</param>
    /// <returns>The YAML text.</returns>
    public static string ToYamlStream(IEnumerable<JsonNode?> nodes)
    {
        var builder = new StringBuilder();
        foreach (var node in nodes)
        {
            builder.Append("---\n").Append(ToYaml(node));
        }

        return builder.ToString();
    }

    /// <summary>Parses every document of a YAML stream; empty documents are skipped.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <returns>The documents as JSON values.</returns>
    /// <exception cref="YamlException">The text is not valid YAML; the message has line and column.</exception>
    public static IReadOnlyList<JsonNode> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e) when (!e.Message.Contains("(line ", StringComparison.Ordinal))
        {
            throw new YamlException(e.Start, e.End, $"{e.Message} (line {e.Start.Line}, column {e.Start.Column})", e);
        }

        var documents = new List<JsonNode>();
        foreach (var document in stream.Documents)
        {
            if (ToJson(document.RootNode) is { } node)
            {
                documents.Add(node);
            }
        }

        return documents;
    }

    /// <summary>Parses a single-document YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <returns>The document as a JSON value, or null when the text is empty.</returns>
    public static JsonNode? Parse(string yaml) => ParseDocuments(yaml).FirstOrDefault();

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, false, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, false, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        emitter.Emit(new Scalar(null, null, "true", ScalarStyle.Plain, true, false));
                        break;
                    case JsonValueKind.False:
                        emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                }

                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && !HasTrailingSpaceOnLine(text)
            ? ScalarStyle.Literal
            : ResolvesAsNonString(text) || NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    private static bool HasTrailingSpaceOnLine(string text) =>
        text.Split('\n').Any(line => line.EndsWith(' ') || line.EndsWith('\t'));

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\r', StringComparison.Ordinal);

    // Also quote YAML 1.1 booleans (yes/no/on/off): Go-based readers such as kubectl still treat them as booleans.
    private static bool ResolvesAsNonString(string text) =>
        Yaml11BoolPattern().IsMatch(text) || NullPattern().IsMatch(text) || BoolPattern().IsMatch(text) || IntPattern().IsMatch(text) || FloatPattern().IsMatch(text);

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => MappingToJson(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => null,
    };

    private static JsonObject MappingToJson(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : throw new YamlException(key.Start, key.End, "Mapping keys must be scalars.");
            obj[name] = ToJson(value);
        }

        return obj;
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || scalar.Tag is { IsEmpty: false, IsNonSpecific: false } tag && tag.Value == "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(text);
        }

        if (NullPattern().IsMatch(text))
        {
            return null;
        }

        if (BoolPattern().IsMatch(text))
        {
            return JsonValue.Create(text is "true" or "True" or "TRUE");
        }

        if (IntPattern().IsMatch(text))
        {
            return text.StartsWith("0x", StringComparison.Ordinal)
                ? JsonValue.Create(long.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                : text.StartsWith("0o", StringComparison.Ordinal)
                    ? JsonValue.Create(Convert.ToInt64(text[2..], 8))
                    : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                        ? JsonValue.Create(l)
                        : JsonValue.Create(decimal.Parse(text, CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(text))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(text);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Yaml11BoolPattern();

    [GeneratedRegex("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}

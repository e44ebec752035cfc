using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Api.Charts;

/// <summary>
/// Renders the small subset of Helm's template language that ShapeBlock's own charts use, so the SDK
/// can install the operator chart as plain manifests without a helm binary:
/// <c>{{ .Values.a.b }}</c>, <c>{{ .Release.Namespace }}</c>, pipes <c>quote</c>, <c>default "x"</c>,
/// <c>toYaml … | nindent N</c>, and <c>if</c> / <c>if not</c> … <c>end</c> blocks, with <c>{{-</c> and
/// <c>-}}</c> whitespace trimming. Anything else is an error, never silently ignored.
/// </summary>
public static partial class ChartTemplate
{
    /// <summary>Renders one template.</summary>
    /// <param name="template">The template text.</param>
    /// <param name="values">The chart values (defaults merged with overrides).</param>
    /// <param name="releaseNamespace">The value of <c>.Release.Namespace</c>.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="FormatException">The template uses a construct outside the supported subset.</exception>
    public static string Render(string template, JsonNode values, string releaseNamespace)
    {
        var output = new StringBuilder();
        var active = new Stack<bool>();
        var trimNext = false;
        var position = 0;
        foreach (Match action in Action().Matches(template))
        {
            AppendText(template[position..action.Index]);
            position = action.Index + action.Length;
            if (action.Groups["ltrim"].Length > 0 && Emitting())
            {
                TrimEnd(output);
            }

            trimNext = action.Groups["rtrim"].Length > 0;
            var body = action.Groups["body"].Value.Trim();
            if (body.StartsWith("if ", StringComparison.Ordinal))
            {
                active.Push(Emitting() && Truthy(Evaluate(body[3..], values, releaseNamespace)));
            }
            else if (body == "end")
            {
                if (active.Count == 0)
                {
                    throw new FormatException("'end' without 'if'");
                }

                active.Pop();
            }
            else if (Emitting())
            {
                output.Append(Text(Evaluate(body, values, releaseNamespace)));
            }
        }

        AppendText(template[position..]);
        if (active.Count != 0)
        {
            throw new FormatException("'if' without 'end'");
        }

        return output.ToString();

        bool Emitting() => active.All(a => a);

        void AppendText(string text)
        {
            if (trimNext)
            {
                text = text.TrimStart();
                trimNext = false;
            }

            if (Emitting())
            {
                output.Append(text);
            }
        }
    }

    /// <summary>Deep-merges <paramref name="overrides"/> into a copy of <paramref name="defaults"/> (maps merge, everything else replaces).</summary>
    /// <param name="defaults">The chart's values.yaml.</param>
    /// <param name="overrides">User values.</param>
    /// <returns>The merged values.</returns>
    public static JsonNode MergeValues(JsonNode defaults, JsonNode? overrides)
    {
        var result = defaults.DeepClone();
        if (overrides is JsonObject over && result is JsonObject target)
        {
            foreach (var (key, value) in over)
            {
                target[key] = target[key] is JsonObject existing && value is JsonObject
                    ? MergeValues(existing, value)
                    : value?.DeepClone();
            }

            return target;
        }

        return overrides?.DeepClone() ?? result;
    }

    private static object? Evaluate(string expression, JsonNode values, string releaseNamespace)
    {
        var stages = SplitPipes(expression);
        var value = Operand(stages[0], values, releaseNamespace);
        foreach (var stage in stages.Skip(1))
        {
            var parts = stage.Split(' ', 2, StringSplitOptions.TrimEntries);
            value = parts[0] switch
            {
                "quote" => Quote(Text(value)),
                "default" when parts.Length == 2 => Truthy(value) ? value : Literal(parts[1]),
                "nindent" when parts.Length == 2 => "\n" + Indent(Text(value), int.Parse(parts[1], CultureInfo.InvariantCulture)),
                "indent" when parts.Length == 2 => Indent(Text(value), int.Parse(parts[1], CultureInfo.InvariantCulture)),
                _ => throw new FormatException($"unsupported template function '{stage}'"),
            };
        }

        return value;
    }

    private static object? Operand(string operand, JsonNode values, string releaseNamespace)
    {
        if (operand.StartsWith("not ", StringComparison.Ordinal))
        {
            return !Truthy(Operand(operand[4..].Trim(), values, releaseNamespace));
        }

        if (operand.StartsWith("toYaml ", StringComparison.Ordinal))
        {
            var node = Operand(operand[7..].Trim(), values, releaseNamespace) as JsonNode;
            return YamlJson.ToYaml(node).TrimEnd('\n');
        }

        if (operand == ".Release.Namespace")
        {
            return releaseNamespace;
        }

        if (operand.StartsWith(".Values", StringComparison.Ordinal))
        {
            JsonNode? node = values;
            foreach (var segment in operand[".Values".Length..].Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[segment];
            }

            return node;
        }

        return operand.StartsWith('"') ? Literal(operand) : throw new FormatException($"unsupported template expression '{operand}'");
    }

    private static string Literal(string text) => JsonSerializer.Deserialize(text, ChartJsonContext.Default.String) ?? "";

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString() != "0",
        JsonObject o => o.Count > 0,
        JsonArray a => a.Count > 0,
        _ => true,
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonNode n => n.ToJsonString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Quote(string text) => JsonSerializer.Serialize(text, ChartJsonContext.Default.String);

    private static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : pad + line));
    }

    private static void TrimEnd(StringBuilder builder)
    {
        var end = builder.Length;
        while (end > 0 && char.IsWhiteSpace(builder[end - 1]))
        {
            end--;
        }

        builder.Length = end;
    }

    private static List<string> SplitPipes(string expression)
    {
        var stages = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in expression)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == '|' && !quoted)
            {
                stages.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        stages.Add(current.ToString().Trim());
        return stages;
    }

    [GeneratedRegex(@"\{\{(?<ltrim>-)?(?<body>.*?)(?<rtrim>-)?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();
}

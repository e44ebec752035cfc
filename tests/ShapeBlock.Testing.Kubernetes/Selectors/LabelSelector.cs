using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Selectors;

/// <summary>
/// A parsed label selector (<c>a=b,c!=d,e in (f,g),h notin (i),j,!k</c>), matched the way the API
/// server matches it.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) => this.requirements = requirements;

    /// <summary>Matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Whether the selector has no requirements.</summary>
    public bool IsEmpty => requirements.Count == 0;

    /// <summary>Parses the query-string form.</summary>
    /// <param name="text">The selector; null or empty matches everything.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="FormatException">The selector is malformed.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            result.Add(ParseRequirement(part.Trim()));
        }

        return new LabelSelector(result);
    }

    /// <summary>Builds a selector from a <c>metav1.LabelSelector</c> object (matchLabels and matchExpressions).</summary>
    /// <param name="selector">The selector object; null matches nothing (as for a PDB without selector).</param>
    /// <returns>The selector, or null when <paramref name="selector"/> is null.</returns>
    public static LabelSelector? FromObject(JsonObject? selector)
    {
        if (selector is null)
        {
            return null;
        }

        var result = new List<Requirement>();
        foreach (var (key, value) in selector["matchLabels"] as JsonObject ?? [])
        {
            result.Add(new Requirement(key, Op.Equals, [value?.ToString() ?? ""]));
        }

        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var op = expression["operator"]?.GetValue<string>() switch
            {
                "In" => Op.In,
                "NotIn" => Op.NotIn,
                "Exists" => Op.Exists,
                "DoesNotExist" => Op.DoesNotExist,
                var other => throw new FormatException($"unknown operator {other}"),
            };
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToArray();
            result.Add(new Requirement(expression["key"]?.GetValue<string>() ?? "", op, values));
        }

        return new LabelSelector(result);
    }

    /// <summary>Whether the labels satisfy every requirement.</summary>
    /// <param name="labels">The object's labels.</param>
    /// <returns>True when all requirements hold.</returns>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var r in requirements)
        {
            var has = labels.TryGetValue(r.Key, out var value);
            var ok = r.Operator switch
            {
                Op.Equals => has && value == r.Values[0],
                Op.NotEquals => !has || value != r.Values[0],
                Op.In => has && r.Values.Contains(value),
                Op.NotIn => !has || !r.Values.Contains(value),
                Op.Exists => has,
                _ => !has,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static Requirement ParseRequirement(string part)
    {
        if (part.Length == 0)
        {
            throw new FormatException("found '', expected: !, identifier, or 'end of string'");
        }

        if (part.StartsWith('!'))
        {
            return new Requirement(Key(part[1..]), Op.DoesNotExist, []);
        }

        var notIn = part.IndexOf(" notin ", StringComparison.Ordinal);
        var @in = part.IndexOf(" in ", StringComparison.Ordinal);
        if (notIn > 0)
        {
            return new Requirement(Key(part[..notIn]), Op.NotIn, Set(part[(notIn + 7)..]));
        }

        if (@in > 0)
        {
            return new Requirement(Key(part[..@in]), Op.In, Set(part[(@in + 4)..]));
        }

        foreach (var (token, op) in new[] { ("!=", Op.NotEquals), ("==", Op.Equals), ("=", Op.Equals) })
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                return new Requirement(Key(part[..at]), op, [part[(at + token.Length)..].Trim()]);
            }
        }

        return new Requirement(Key(part), Op.Exists, []);
    }

    private static string Key(string text)
    {
        var key = text.Trim();
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!'))
        {
            throw new FormatException($"invalid label key \"{key}\"");
        }

        return key;
    }

    private static string[] Set(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('(') || !trimmed.EndsWith(')'))
        {
            throw new FormatException($"found '{trimmed}', expected: '('");
        }

        return [.. trimmed[1..^1].Split(',').Select(v => v.Trim())];
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private enum Op
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Op Operator, string[] Values);
}

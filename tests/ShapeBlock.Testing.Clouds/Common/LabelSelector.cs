namespace ShapeBlock.Testing.Clouds;

/// <summary>
/// A Hetzner label selector: comma-separated requirements that must all hold —
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c> (present), <c>!k</c> (absent), <c>k in (a,b)</c>, <c>k notin (a,b)</c>.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) =>
        this.requirements = requirements;

    /// <summary>Parses a selector.</summary>
    /// <param name="selector">The selector text; empty selects everything.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="FormatException">The selector is malformed.</exception>
    public static LabelSelector Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var list = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var term in SplitTerms(selector))
        {
            list.Add(ParseTerm(term));
        }

        return new LabelSelector(list);
    }

    /// <summary>Whether the labels satisfy every requirement.</summary>
    /// <param name="labels">The labels of a resource.</param>
    /// <returns>True when selected.</returns>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return requirements.All(r => r(labels));
    }

    private static IEnumerable<string> SplitTerms(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= selector.Length; i++)
        {
            var c = i < selector.Length ? selector[i] : ',';
            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                throw new FormatException($"unbalanced ')' in label selector '{selector}'");
            }

            if (c == ',' && depth == 0)
            {
                var term = selector[start..i].Trim();
                start = i + 1;
                if (term.Length == 0)
                {
                    if (selector.Trim().Length == 0)
                    {
                        yield break;
                    }

                    throw new FormatException($"empty requirement in label selector '{selector}'");
                }

                yield return term;
            }
        }

        if (depth != 0)
        {
            throw new FormatException($"unbalanced '(' in label selector '{selector}'");
        }
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term)
    {
        if (term.StartsWith('!'))
        {
            var key = Key(term[1..]);
            return labels => !labels.ContainsKey(key);
        }

        var set = SetTerm(term, " notin ") ?? SetTerm(term, " in ");
        if (set is not null)
        {
            return set;
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var key = Key(term[..at]);
            var value = term[(at + op.Length)..].Trim();
            return op == "!="
                ? labels => !labels.TryGetValue(key, out var v) || v != value
                : labels => labels.TryGetValue(key, out var v) && v == value;
        }

        var present = Key(term);
        return labels => labels.ContainsKey(present);
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? SetTerm(string term, string op)
    {
        var at = term.IndexOf(op, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var key = Key(term[..at]);
        var rest = term[(at + op.Length)..].Trim();
        if (!rest.StartsWith('(') || !rest.EndsWith(')'))
        {
            throw new FormatException($"expected '(values)' after '{op.Trim()}' in '{term}'");
        }

        var values = rest[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return op.Trim() == "in"
            ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
            : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
    }

    private static string Key(string text)
    {
        var key = text.Trim();
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '=' or '!' or '(' or ')' or ','))
        {
            throw new FormatException($"invalid label key '{text}'");
        }

        return key;
    }
}

using System.Text.RegularExpressions;
using Pulumi;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>
/// The plan's <c>${name}</c> values (known only after <c>up</c>) mapped to the Pulumi outputs that hold them, and the
/// substitution of those values into plan text (scripts, manifests).
/// </summary>
internal sealed partial class Placeholders
{
    private readonly Dictionary<string, Output<string>> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> declared = new(StringComparer.Ordinal);

    /// <summary>Takes the placeholders a plan declares (<see cref="Plan.Unknowns"/>); other <c>${…}</c> text (shell) is left alone.</summary>
    public void Declare(Plan plan)
    {
        declared.UnionWith(plan.Unknowns.Keys);
    }

    /// <summary>Maps <c>${name}</c> to an output.</summary>
    public void Set(string token, Output<string> value) => values[token] = value;

    /// <summary>The output a placeholder (or a plain value) stands for.</summary>
    public Output<string> Value(string textOrToken) => Resolve(textOrToken);

    /// <summary>The text with every placeholder replaced by its output's value.</summary>
    /// <exception cref="InvalidOperationException">A placeholder has no output (a plan value this adapter does not map).</exception>
    public Output<string> Resolve(string text)
    {
        var tokens = Token().Matches(text).Select(m => m.Value).Where(t => declared.Contains(t) || values.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (tokens.Count == 0)
        {
            return Output.Create(text);
        }

        var missing = tokens.Where(t => !values.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"ShapeBlock.Pulumi: the plan uses {string.Join(", ", missing)}, which no Pulumi resource of this program provides; "
                + "declare the cluster's resources through ShapeBlock.Pulumi.Cluster (or set Addons.BaseDomain for the ingress address).");
        }

        return Output.All(tokens.Select(t => values[t])).Apply(resolved =>
        {
            var result = text;
            for (var i = 0; i < tokens.Count; i++)
            {
                result = result.Replace(tokens[i], resolved[i], StringComparison.Ordinal);
            }

            return result;
        });
    }

    /// <summary>A computed value (a secret made from a recipe) with every placeholder known so far replaced; secrecy is kept.</summary>
    public Output<string> Resolve(Output<string> text)
    {
        var tokens = values.Keys.ToList();
        return Output.Tuple(text, Output.All(tokens.Select(t => values[t]))).Apply(t =>
        {
            var result = t.Item1;
            for (var i = 0; i < tokens.Count; i++)
            {
                result = result.Replace(tokens[i], t.Item2[i], StringComparison.Ordinal);
            }

            return result;
        });
    }

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex Token();
}

using Pulumi;
using Pulumi.Random;
using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>
/// Turns the plan's secret recipes into secret outputs: inputs given by the program (tokens, app secrets) are used
/// as they are, values the core generates at <c>up</c> (k3s token, registry password) become <c>RandomPassword</c>s
/// kept in Pulumi state, so they never rotate by accident. Every value leaves here through <c>Output.CreateSecret</c>.
/// </summary>
internal sealed class SecretOutputs(string cluster, Resource parent, Placeholders placeholders)
{
    private readonly Dictionary<Secret, Output<string>> provided = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, RandomPassword> generated = new(StringComparer.Ordinal);

    /// <summary>Says which output holds a model secret (e.g. an app's secret variable).</summary>
    public void Provide(Secret secret, Input<string> value) => provided[secret] = Output.CreateSecret(value.ToOutput());

    /// <summary>The value of a recipe, as a secret output.</summary>
    /// <remarks>Recipes may embed plan placeholders (the registry host in a docker config); they are filled in too.</remarks>
    public Output<string> Value(SecretValue recipe) =>
        Output.CreateSecret(placeholders.Resolve(Output.All(recipe.Inputs.Select(Of)).Apply(values => recipe.Compute(values))));

    /// <summary>The generated secrets' resources (to depend on or to inspect).</summary>
    public IReadOnlyCollection<RandomPassword> Generated => generated.Values;

    private Output<string> Of(Secret secret)
    {
        if (provided.TryGetValue(secret, out var value))
        {
            return value;
        }

        if (secret.IsGenerated)
        {
            // Keyed by what the secret is for: every plan of this cluster names the same generated secret the same way.
            var slug = Slug(secret.Source);
            if (!generated.TryGetValue(slug, out var password))
            {
                password = new RandomPassword($"{cluster}-{slug}", new RandomPasswordArgs { Length = 32, Special = false },
                    new CustomResourceOptions { Parent = parent });
                generated[slug] = password;
            }

            return password.Result;
        }

        // Environment variables, files and literals of the SDK model are read when Pulumi needs the value.
        return Output.CreateSecret(Output.Create(secret).Apply(s => s.Reveal(SecretResolver.Process)));
    }

    private static string Slug(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var core = open >= 0 ? text[(open + 1)..].TrimEnd(')') : text;
        var chars = core.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}

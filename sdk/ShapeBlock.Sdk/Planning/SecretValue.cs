namespace ShapeBlock.Sdk.Planning;

/// <summary>
/// The recipe of a secret value in a plan: which <see cref="Secret"/>s it is made from and how. Plans hold
/// recipes, never values; the engine computes the value right before the call that sends it.
/// </summary>
public sealed class SecretValue
{
    private readonly Func<IReadOnlyList<string>, string> compute;

    private SecretValue(string description, IReadOnlyList<Secret> inputs, Func<IReadOnlyList<string>, string> compute)
    {
        Description = description;
        Inputs = inputs;
        this.compute = compute;
    }

    /// <summary>What the value is, safe to show (e.g. <c>htpasswd of the registry password</c>).</summary>
    public string Description { get; }

    /// <summary>The secrets the value is made from.</summary>
    public IReadOnlyList<Secret> Inputs { get; }

    /// <summary>The value of one secret.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>The recipe.</returns>
    public static SecretValue Of(Secret secret) => new(secret.Source, [secret], values => values[0]);

    /// <summary>A value computed from secrets (a docker config, an htpasswd line, …).</summary>
    /// <param name="description">What it is, safe to show.</param>
    /// <param name="inputs">The secrets it is made from.</param>
    /// <param name="compute">Computes the value from the inputs' values.</param>
    /// <returns>The recipe.</returns>
    public static SecretValue Derived(string description, IReadOnlyList<Secret> inputs, Func<IReadOnlyList<string>, string> compute) =>
        new(description, inputs, compute);

    /// <summary>Like <see cref="Derived(string, IReadOnlyList{Secret}, Func{IReadOnlyList{string}, string})"/>, for values that are not deterministic (a salted hash) or that hold a generated input the engine recovers from the cluster.</summary>
    /// <param name="description">What it is, safe to show.</param>
    /// <param name="inputs">The secrets it is made from.</param>
    /// <param name="compute">Computes the value from the inputs' values.</param>
    /// <param name="matches">Whether a live value already matches the inputs' values (null: compare with the computed value).</param>
    /// <param name="recover">The value of the generated input held in a live value (null: none).</param>
    /// <returns>The recipe.</returns>
    internal static SecretValue Derived(string description, IReadOnlyList<Secret> inputs, Func<IReadOnlyList<string>, string> compute,
        Func<string, IReadOnlyList<string>, bool>? matches, Func<string, string?>? recover) =>
        new(description, inputs, compute) { Matches = matches, Recover = recover };

    /// <summary>Whether a live value already matches the inputs' values; null when the computed value is compared.</summary>
    internal Func<string, IReadOnlyList<string>, bool>? Matches { get; private init; }

    /// <summary>Reads the generated input's value out of a live value; null when the recipe has none.</summary>
    internal Func<string, string?>? Recover { get; private init; }

    /// <summary>Always <c>***</c>.</summary>
    /// <returns><c>***</c>.</returns>
    public override string ToString() => Secret.Mask;

    /// <summary>Computes the value (engine only).</summary>
    /// <param name="resolver">Where secrets are read.</param>
    /// <returns>The value.</returns>
    internal string Reveal(SecretResolver resolver) => compute(RevealInputs(resolver));

    /// <summary>Computes the value from its inputs' values, for engines that resolve the inputs themselves (ShapeBlock.Pulumi).</summary>
    /// <param name="values">The inputs' values, in the order of <see cref="Inputs"/>.</param>
    /// <returns>The value.</returns>
    internal string Compute(IReadOnlyList<string> values) => compute(values);

    /// <summary>The inputs' values (engine only).</summary>
    /// <param name="resolver">Where secrets are read.</param>
    /// <returns>The values.</returns>
    internal IReadOnlyList<string> RevealInputs(SecretResolver resolver) => [.. Inputs.Select(i => i.Reveal(resolver))];

    /// <summary>True when a live value is what this recipe makes (engine only; nothing is printed).</summary>
    /// <param name="live">The live value.</param>
    /// <param name="resolver">Where secrets are read.</param>
    /// <returns>Whether writing can be skipped.</returns>
    internal bool IsSatisfiedBy(string live, SecretResolver resolver)
    {
        var inputs = RevealInputs(resolver);
        return Matches is { } matches ? matches(live, inputs) : string.Equals(compute(inputs), live, StringComparison.Ordinal);
    }
}

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

    /// <summary>Always <c>***</c>.</summary>
    /// <returns><c>***</c>.</returns>
    public override string ToString() => Secret.Mask;

    /// <summary>Computes the value (engine only).</summary>
    /// <param name="resolver">Where secrets are read.</param>
    /// <returns>The value.</returns>
    internal string Reveal(SecretResolver resolver) => compute([.. Inputs.Select(i => i.Reveal(resolver))]);
}

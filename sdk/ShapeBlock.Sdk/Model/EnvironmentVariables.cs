using System.Collections;

namespace ShapeBlock.Sdk.Model;

/// <summary>
/// An app's environment variables, in declaration order: <c>Env = { ["LOG_LEVEL"] = "info", ["API_KEY"] = Secret.FromEnvironment("API_KEY") }</c>.
/// Secret values go into a Kubernetes Secret, never into the App resource.
/// </summary>
public sealed class EnvironmentVariables : IEnumerable<KeyValuePair<string, EnvValue>>
{
    private readonly List<KeyValuePair<string, EnvValue>> items = [];

    /// <summary>How many variables.</summary>
    public int Count => items.Count;

    /// <summary>Gets or sets a variable (setting replaces an existing one in place).</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>The value.</returns>
    public EnvValue this[string name]
    {
        get => items.First(i => i.Key == name).Value;
        set
        {
            var index = items.FindIndex(i => i.Key == name);
            if (index >= 0)
            {
                items[index] = new(name, value);
            }
            else
            {
                items.Add(new(name, value));
            }
        }
    }

    /// <summary>Adds a plain variable.</summary>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, string value) => this[name] = value;

    /// <summary>Adds a secret variable.</summary>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The secret.</param>
    public void Add(string name, Secret value) => this[name] = value;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, EnvValue>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The value of an environment variable: plain text or a <see cref="Sdk.Secret"/>. Strings and secrets convert implicitly.</summary>
public sealed class EnvValue
{
    private EnvValue(string? text, Secret? secret)
    {
        Text = text;
        Secret = secret;
    }

    /// <summary>The plain value; null for a secret.</summary>
    public string? Text { get; }

    /// <summary>The secret; null for a plain value.</summary>
    public Secret? Secret { get; }

    /// <summary>A plain value.</summary>
    /// <param name="text">The value.</param>
    public static implicit operator EnvValue(string text) => new(text ?? "", null);

    /// <summary>A secret value.</summary>
    /// <param name="secret">The secret.</param>
    public static implicit operator EnvValue(Secret secret) => new(null, secret ?? throw new ArgumentNullException(nameof(secret)));

    /// <summary>A plain value.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The env value.</returns>
    public static EnvValue FromString(string text) => text;

    /// <summary>A secret value.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>The env value.</returns>
    public static EnvValue FromSecret(Secret secret) => secret;

    /// <summary>The plain value, or <c>***</c> for a secret.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text ?? Sdk.Secret.Mask;
}

using ShapeBlock.Sdk.Engine;

namespace ShapeBlock.Sdk.Cli;

/// <summary>Where a ShapeBlock program writes and reads: the real console by default; tests pass their own writers and environment.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="IsTerminal">True for a live terminal (Spectre.Console output); false for plain lines.</param>
/// <param name="Secrets">Where secrets and relative paths are resolved.</param>
public sealed record ProgramHost(TextWriter Out, TextWriter Error, bool IsTerminal, SecretResolver Secrets)
{
    /// <summary>The process console: Spectre.Console output unless standard output is redirected; confirmations read from an interactive standard input.</summary>
    public static ProgramHost Console => new(System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected, SecretResolver.Process)
    {
        Input = System.Console.IsInputRedirected ? null : System.Console.In,
    };

    /// <summary>Where confirmations are read (<c>up</c> and <c>destroy</c> without <c>--yes</c>); null when there is no interactive input, so they refuse instead of asking.</summary>
    public TextReader? Input { get; init; }

    /// <summary>
    /// How clusters are reached: the first connector that supports a cluster's node source is used. By default existing
    /// clusters (their kubeconfig) and clusters ShapeBlock provisions (Hetzner, DigitalOcean, SSH machines, with the
    /// real cloud endpoints).
    /// </summary>
    public IReadOnlyList<IClusterConnector> Connectors { get; init; } = [new ExistingClusterConnector(), new ProvisionedClusterConnector()];

    /// <summary>The Spectre.Console console used when <see cref="IsTerminal"/> (tests: one over a StringWriter with interactive ANSI); null for one over <see cref="Out"/>/<see cref="Error"/>.</summary>
    internal Spectre.Console.IAnsiConsole? Terminal { get; init; }

    /// <summary>Timeouts and limits of <c>up</c>, <c>destroy</c> and <c>status</c>.</summary>
    public EngineOptions Engine { get; init; } = new();
}

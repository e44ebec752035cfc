namespace ShapeBlock.Sdk.Cli;

/// <summary>Where a ShapeBlock program writes and reads: the real console by default; tests pass their own writers and environment.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="IsTerminal">True for a live terminal (Spectre.Console output); false for plain lines.</param>
/// <param name="Secrets">Where secrets and relative paths are resolved.</param>
public sealed record ProgramHost(TextWriter Out, TextWriter Error, bool IsTerminal, SecretResolver Secrets)
{
    /// <summary>The process console: Spectre.Console output unless standard output is redirected.</summary>
    public static ProgramHost Console => new(System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected, SecretResolver.Process);
}

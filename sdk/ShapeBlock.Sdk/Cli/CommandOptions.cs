namespace ShapeBlock.Sdk.Cli;

/// <summary>The parsed command line of one run.</summary>
/// <param name="Command">The command: <c>preview</c>, <c>up</c>, <c>destroy</c>, <c>render</c>, <c>status</c>, <c>kubeconfig</c>.</param>
/// <param name="Stack">The stack name (<c>--stack</c>).</param>
/// <param name="Json">NDJSON events and a JSON result (<c>--json</c>).</param>
/// <param name="Verbose">More detail (<c>--verbose</c>).</param>
public sealed record CommandOptions(string Command, string Stack, bool Json, bool Verbose)
{
    /// <summary><c>--yes</c>: no confirmation.</summary>
    public bool Yes { get; init; }

    /// <summary><c>--no-wait</c>: do not wait for outcomes.</summary>
    public bool NoWait { get; init; }

    /// <summary><c>--force</c> (up): provisioning may do what it refuses by default (see <see cref="Engine.ClusterConnectRequest.Force"/>).</summary>
    public bool Force { get; init; }

    /// <summary>The directory of <c>render</c>.</summary>
    public string? Directory { get; init; }
}

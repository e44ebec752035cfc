namespace ShapeBlock.Sdk.Planning;

/// <summary>
/// Commands run on one host over SSH (installing k3s, reading the kubeconfig), as data: a program and its
/// arguments (never a shell string), and environment variables whose secret values are recipes.
/// </summary>
/// <param name="Node">The node name, e.g. <c>prod-master-1</c>.</param>
/// <param name="Address">The SSH address; <c>${&lt;node&gt;.ipv4}</c> when it is known only after the server exists.</param>
/// <param name="Role"><c>master</c> or <c>worker</c>.</param>
/// <param name="Commands">The commands, in order.</param>
public sealed record HostScript(string Node, string Address, string Role, IReadOnlyList<HostCommand> Commands)
{
    /// <summary>Run the commands with <c>sudo</c>.</summary>
    public bool Sudo { get; init; }

    /// <summary>The SSH user.</summary>
    public string User { get; init; } = "root";

    /// <summary>The SSH port.</summary>
    public int Port { get; init; } = 22;
}

/// <summary>One command of a <see cref="HostScript"/>.</summary>
/// <param name="Description">What it does.</param>
/// <param name="Program">The program, e.g. <c>sh</c>.</param>
/// <param name="Arguments">Its arguments, each passed as one word.</param>
public sealed record HostCommand(string Description, string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Environment variables of the command, in order.</summary>
    public IReadOnlyList<HostEnv> Environment { get; init; } = [];

    /// <summary>A URL whose content is piped into the program's standard input (the k3s install script).</summary>
    public string? StdinUrl { get; init; }
}

/// <summary>An environment variable of a host command: plain text or a secret recipe.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The plain value; null when <paramref name="Secret"/> is set.</param>
/// <param name="Secret">The secret recipe; never written into scripts or previews.</param>
public sealed record HostEnv(string Name, string? Value, SecretValue? Secret = null);

namespace Pulumi;

/// <summary>Shim of <c>Pulumi.Deployment</c>: runs a program (here, against the shim registry; nothing is deployed).</summary>
public sealed class Deployment
{
    private Deployment()
    {
    }

    /// <summary>The current deployment.</summary>
    public static DeploymentInstance Instance => new(ShimRegistry.Current);

    /// <summary>Runs a program.</summary>
    public static Task<int> RunAsync(Action action) => RunAsync(() =>
    {
        action();
        return (IDictionary<string, object?>)new Dictionary<string, object?>();
    });

    /// <summary>Runs a program that returns stack outputs.</summary>
    public static Task<int> RunAsync(Func<IDictionary<string, object?>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        ShimRegistry.Current.StackOutputs = func();
        return Task.FromResult(0);
    }

    /// <summary>Runs an asynchronous program.</summary>
    public static async Task<int> RunAsync(Func<Task> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        await func().ConfigureAwait(false);
        return 0;
    }
}

/// <summary>Shim of <c>Pulumi.DeploymentInstance</c>.</summary>
public sealed class DeploymentInstance
{
    internal DeploymentInstance(ShimRegistry registry)
    {
        StackName = registry.StackName;
        ProjectName = registry.ProjectName;
        IsDryRun = registry.IsDryRun;
    }

    /// <summary>The stack name.</summary>
    public string StackName { get; }

    /// <summary>The project name.</summary>
    public string ProjectName { get; }

    /// <summary>True during a preview.</summary>
    public bool IsDryRun { get; }
}

/// <summary>Shim of <c>Pulumi.Config</c>: reads the stack's configuration (here, the shim registry's).</summary>
public sealed class Config
{
    private readonly string prefix;

    /// <summary>Configuration of a namespace (the project's by default).</summary>
    public Config(string? name = null) => prefix = name ?? ShimRegistry.Current.ProjectName;

    /// <summary>A value, or null.</summary>
    public string? Get(string key) => ShimRegistry.Current.Config.TryGetValue($"{prefix}:{key}", out var v) ? v.Value : null;

    /// <summary>An integer, or null.</summary>
    public int? GetInt32(string key) => Get(key) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A boolean, or null.</summary>
    public bool? GetBoolean(string key) => Get(key) is { } v ? bool.Parse(v) : null;

    /// <summary>A value that must be set.</summary>
    public string Require(string key) => Get(key) ?? throw Missing(key);

    /// <summary>An integer that must be set.</summary>
    public int RequireInt32(string key) => GetInt32(key) ?? throw Missing(key);

    /// <summary>A secret value, or null.</summary>
    public Output<string>? GetSecret(string key) => Get(key) is { } v ? Output.CreateSecret(v) : null;

    /// <summary>A secret value that must be set.</summary>
    public Output<string> RequireSecret(string key) => Output.CreateSecret(Require(key));

    private InvalidOperationException Missing(string key) =>
        new($"Missing required configuration variable '{prefix}:{key}'; set it with `pulumi config set {key} <value>`.");
}

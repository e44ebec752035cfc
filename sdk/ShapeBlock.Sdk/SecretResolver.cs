namespace ShapeBlock.Sdk;

/// <summary>Where <see cref="Secret"/> values and file paths are looked up: the process environment by default, a fixed map in tests.</summary>
/// <param name="getEnvironmentVariable">Reads an environment variable (null when unset).</param>
/// <param name="workingDirectory">The directory relative paths are resolved against.</param>
public sealed class SecretResolver(Func<string, string?> getEnvironmentVariable, string workingDirectory)
{
    /// <summary>Reads the real process environment and resolves paths against the current directory.</summary>
    public static SecretResolver Process { get; } = new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory);

    /// <summary>The directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Reads an environment variable.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>The value, or null when unset.</returns>
    public string? GetEnvironmentVariable(string name) => getEnvironmentVariable(name);

    /// <summary>Expands <c>~</c> and makes a path absolute.</summary>
    /// <param name="path">A path as the user wrote it.</param>
    /// <returns>The absolute path.</returns>
    public string ResolvePath(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            path = Path.Combine(home, path.Length > 2 ? path[2..] : "");
        }

        return Path.GetFullPath(path, WorkingDirectory);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// Makes real SSH test hosts (Debian's /usr/sbin/sshd per host) that share one client key, and tears them all down.
/// </summary>
/// <example>
/// <code>
/// await using var hosts = await SshHostFactory.CreateAsync();
/// var host = await hosts.CreateHostAsync(new SshHostOptions { Mode = SshHostMode.Namespace, MemoryMiB = 4096 });
/// using var ssh = host.CreateClient(); // SSH.NET, host key pinned
/// ssh.Connect();
/// </code>
/// </example>
public sealed class SshHostFactory : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SshHost> hosts = new();
    private readonly EventHandler onExit;

    private SshHostFactory(string directory, SshKeyPair clientKey)
    {
        Directory = directory;
        ClientKey = clientKey;
        onExit = (_, _) => KillAllQuietly();
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    /// <summary>The factory's folder (hosts, client key, installer script).</summary>
    public string Directory { get; }

    /// <summary>The key every host accepts for root.</summary>
    public SshKeyPair ClientKey { get; }

    /// <summary>Path of the stand-in k3s installer script.</summary>
    public string InstallScriptPath => Path.Combine(Directory, "k3s-install.sh");

    /// <summary><c>file://</c> URL of the stand-in installer, to use as the k3s install script URL.</summary>
    public string InstallScriptUrl => new Uri(InstallScriptPath).AbsoluteUri;

    /// <summary>Hosts made and not yet disposed.</summary>
    public IReadOnlyList<SshHost> Hosts => [.. hosts.Values];

    /// <summary>Creates a factory (cleaning up hosts a crashed earlier run left behind).</summary>
    /// <param name="clientKeyType">Type of the shared client key.</param>
    /// <param name="cancellationToken">Cancels the setup.</param>
    /// <returns>The factory.</returns>
    /// <exception cref="InvalidOperationException">This machine cannot run SSH hosts (see <see cref="SshEnvironment.SkipReason"/>).</exception>
    public static async Task<SshHostFactory> CreateAsync(SshKeyType clientKeyType = SshKeyType.Ed25519, CancellationToken cancellationToken = default)
    {
        if (SshEnvironment.SkipReason(SshHostMode.Loopback) is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var baseDirectory = SshEnvironment.BaseDirectory;
        StaleHosts.CleanUp(baseDirectory);
        var directory = Path.Combine(baseDirectory, $"f-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "owner"), StaleHosts.OwnerLine(), cancellationToken);
        var key = await SshKeyPair.GenerateAsync(Path.Combine(directory, "client_key"), clientKeyType, "shapeblock-test-client", cancellationToken);
        var factory = new SshHostFactory(directory, key);
        await HostFiles.WriteStubFileAsync("k3s-install.sh", factory.InstallScriptPath, cancellationToken);
        return factory;
    }

    /// <summary>Makes and starts a host; returns when its sshd answers.</summary>
    /// <param name="options">Mode, name, memory, kubeconfig…; defaults to a loopback host.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The running host.</returns>
    public async Task<SshHost> CreateHostAsync(SshHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SshHostOptions();
        if (SshEnvironment.SkipReason(options.Mode) is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var host = await SshHost.CreateAsync(Directory, options, ClientKey, InstallScriptUrl, cancellationToken);
        hosts[host.Id] = host;
        return host;
    }

    /// <summary>Generates another key pair in the factory folder (e.g. a key the hosts do not accept).</summary>
    /// <param name="name">File name of the private key.</param>
    /// <param name="type">Key type.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The key pair.</returns>
    public Task<SshKeyPair> GenerateKeyPairAsync(string name, SshKeyType type = SshKeyType.Ed25519, CancellationToken cancellationToken = default) =>
        SshKeyPair.GenerateAsync(Path.Combine(Directory, "keys", name), type, name, cancellationToken);

    /// <summary>Disposes one host now (e.g. when the fake cloud deletes its server).</summary>
    /// <param name="host">The host.</param>
    /// <returns>A task.</returns>
    public async Task RemoveHostAsync(SshHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        hosts.TryRemove(host.Id, out _);
        await host.DisposeAsync();
    }

    /// <summary>Disposes every host and deletes the factory folder.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        await Task.WhenAll(hosts.Values.Select(h => h.DisposeAsync().AsTask()));
        hosts.Clear();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private void KillAllQuietly()
    {
        foreach (var host in hosts.Values)
        {
            host.KillQuietly();
        }
    }
}

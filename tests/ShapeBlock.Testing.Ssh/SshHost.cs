using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// A real OpenSSH server acting as one machine: key-only root login, its own host key, and a private view of
/// <c>/etc</c>, <c>/usr/local</c>, <c>/var</c> and <c>/root</c> (overlays in its own mount namespace) where the stub
/// k3s tooling writes. Made by <see cref="SshHostFactory"/>; see the README for the stub contract.
/// </summary>
public sealed partial class SshHost : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HostLayout layout;
    private SshdProcess? sshd;
    private NetworkNamespace? network;
    private bool disposed;

    private SshHost(string id, string name, SshHostOptions options, HostLayout layout, SshKeyPair clientKey, string installScriptUrl)
    {
        Id = id;
        Name = name;
        Mode = options.Mode;
        this.layout = layout;
        ClientKey = clientKey;
        InstallScriptUrl = installScriptUrl;
    }

    /// <summary>Short random id (also in the netns name <c>sb-&lt;id&gt;</c>).</summary>
    public string Id { get; }

    /// <summary>The host's name (also its hostname inside).</summary>
    public string Name { get; }

    /// <summary>Loopback port or network namespace.</summary>
    public SshHostMode Mode { get; }

    /// <summary>Address to connect to: 127.0.0.1, or the host's 10.213.x.y in namespace mode.</summary>
    public string Address { get; private set; } = "127.0.0.1";

    /// <summary>SSH port: a free port in loopback mode, 22 in namespace mode.</summary>
    public int Port { get; private set; }

    /// <summary>The login user (root, key only).</summary>
    public string User => "root";

    /// <summary>The key that may log in (the factory's client key).</summary>
    public SshKeyPair ClientKey { get; }

    /// <summary>The host's public key line (<c>ssh-ed25519 …</c>); stable across restarts.</summary>
    public string HostPublicKey => File.ReadAllText(layout.HostKey + ".pub").Trim();

    /// <summary>SHA256 of the host key, unpadded base64 — compare with SSH.NET's <c>HostKeyEventArgs.FingerPrintSHA256</c>.</summary>
    public string HostKeySha256 => SshKeyPair.Fingerprint(HostPublicKey);

    /// <summary><c>file://</c> URL of the stand-in k3s installer (for <c>curl -sfL &lt;url&gt; | sh -s - …</c>).</summary>
    public string InstallScriptUrl { get; }

    /// <summary>The host's directory on this machine (records, behaviour files, overlay layers, sshd.log).</summary>
    public string Directory => layout.Root;

    /// <summary>sshd's log (connections, authentication, errors).</summary>
    public string LogPath => layout.Log;

    /// <summary>Whether sshd is running.</summary>
    public bool IsRunning => sshd is { HasExited: false };

    /// <summary>Command lines of everything sshd forked: connection processes and the commands running in sessions.</summary>
    public IReadOnlyList<string> SessionProcesses =>
        sshd is { HasExited: false } s ? [.. ProcessTree.Descendants(s.Pid).Where(ProcessTree.IsAlive).Select(ProcessTree.CommandLine)] : [];

    /// <summary>Every recorded stub call (k3s, installer, uninstallers), per tool in call order.</summary>
    public IReadOnlyList<StubInvocation> Invocations => StubRecords.Read(layout.Records);

    /// <summary>Recorded calls of the stub <c>k3s</c>.</summary>
    public IReadOnlyList<StubInvocation> K3sInvocations => [.. Invocations.Where(i => i.Tool == "k3s")];

    internal static async Task<SshHost> CreateAsync(string directory, SshHostOptions options, SshKeyPair clientKey, string installScriptUrl, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var name = Hostname(options.Name ?? "sbhost-" + id);
        var layout = new HostLayout(Path.Combine(directory, "h-" + id));
        var host = new SshHost(id, name, options, layout, clientKey, installScriptUrl);
        try
        {
            await HostFiles.PrepareAsync(layout, id, name, options, [clientKey.PublicKey, .. options.AuthorizedKeys], cancellationToken);
            if (options.Mode == SshHostMode.Namespace)
            {
                // Recorded before it exists, so a cleanup after a crash in the middle still finds it.
                await File.WriteAllTextAsync(layout.NetworkFile, $"{NetworkNamespace.NameFor(id)}\n{NetworkNamespace.HostVethFor(id)}\n", cancellationToken);
                host.network = await NetworkNamespace.CreateAsync(id, cancellationToken);
                (host.Address, host.Port) = (host.network.Address, 22);
                foreach (var nic in options.Interfaces)
                {
                    await host.network.AddInterfaceAsync(nic, cancellationToken);
                }
            }
            else if (options.Interfaces.Count > 0)
            {
                throw new ArgumentException("Interfaces need SshHostMode.Namespace (a loopback host has the machine's own interfaces).", nameof(options));
            }
            else
            {
                host.Port = FreePort();
            }

            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts sshd (again) with the same address, port and host key; files written before persist, like a reboot.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when sshd answers.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (IsRunning)
            {
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                await HostFiles.WriteSshdConfigAsync(layout, Id, Address, Port, cancellationToken);
                try
                {
                    sshd = await SshdProcess.StartAsync(layout, network?.Name, Address, Port, cancellationToken);
                    return;
                }
                catch (AddressInUseException) when (Mode == SshHostMode.Loopback && attempt < 5)
                {
                    Port = FreePort(); // someone took the port between probing and binding
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops sshd and every session (the host is "down": connections are refused).</summary>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>A task that completes when sshd is gone.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (sshd is { } running)
            {
                sshd = null;
                await running.StopAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops and starts sshd (a reboot: same address, port, host key and files).</summary>
    /// <param name="cancellationToken">Cancels the restart.</param>
    /// <returns>A task that completes when sshd answers again.</returns>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    /// <summary>Drops every open SSH connection mid-session by killing sshd's per-connection processes (returns once they are dead); new connections still work.</summary>
    /// <returns>How many processes were killed (0 when no connection was open).</returns>
    public int DropConnections() => sshd?.KillConnections() ?? 0;

    /// <summary>Stops sshd, deletes the network namespace and veth, and removes the host directory.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync();
        disposed = true;
        if (network is { } ns)
        {
            await ns.DeleteAsync(CancellationToken.None);
        }

        try
        {
            System.IO.Directory.Delete(layout.Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }

        gate.Dispose();
    }

    /// <summary>Last-resort synchronous teardown when the test process exits without disposing.</summary>
    internal void KillQuietly()
    {
        sshd?.KillQuietly();
        if (network is { } ns)
        {
            NetworkNamespace.DeleteQuietly(ns.Name, ns.HostVeth);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A valid hostname from any name: lower-case letters, digits and dashes, at most 63 characters.</summary>
    private static string Hostname(string name)
    {
        var clean = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return clean.Length == 0 ? "sbhost" : clean[..Math.Min(63, clean.Length)].TrimEnd('-');
    }
}

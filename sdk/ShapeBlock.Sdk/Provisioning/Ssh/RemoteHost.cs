using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ShapeBlock.Sdk.Provisioning.Ssh;

/// <summary>The result of a remote command.</summary>
/// <param name="ExitCode">The exit status (-1 when the command ended without one, e.g. killed).</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record RemoteResult(int ExitCode, string Output, string Error);

/// <summary>
/// One SSH connection (SSH.NET) to a machine, with the host key checked against <see cref="KnownHosts"/>. Secret
/// values are passed on the command's standard input, never on a command line.
/// </summary>
internal sealed class RemoteHost : IDisposable
{
    private readonly SshClient client;

    private RemoteHost(SshTarget target, SshClient client)
    {
        Target = target;
        this.client = client;
    }

    public SshTarget Target { get; }

    /// <summary>
    /// Connects, retrying while the machine does not answer yet (a new server's sshd starts late) until the timeout.
    /// A wrong key or a changed host key fails at once with the fix in the message.
    /// </summary>
    public static async Task<RemoteHost> ConnectAsync(SshTarget target, KnownHosts knownHosts, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var keys = Keys(target);

        var deadline = time.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            string? mismatch = null;
            var info = new ConnectionInfo(target.Address, target.Port, target.User, new PrivateKeyAuthenticationMethod(target.User, keys))
            {
                Timeout = TimeSpan.FromSeconds(Math.Clamp(timeout.TotalSeconds, 1, 15)),
            };
            var client = new SshClient(info);
            client.HostKeyReceived += (_, e) =>
            {
                var fingerprint = e.FingerPrintSHA256;
                if (knownHosts.Check(target.Address, target.Port, e.HostKeyName, fingerprint, out var recorded))
                {
                    e.CanTrust = true;
                }
                else
                {
                    e.CanTrust = false;
                    mismatch = recorded;
                }
            };
            try
            {
                await client.ConnectAsync(ct).ConfigureAwait(false);
                return new RemoteHost(target, client);
            }
            catch (Exception e) when (mismatch is not null)
            {
                client.Dispose();
                throw new HostKeyMismatchException(
                    $"The SSH host key of {target.Display} changed: it was SHA256:{mismatch} when first seen and is different now. Connection refused " +
                    $"(a machine in between, or the machine was rebuilt). Fix: if the machine was rebuilt on purpose, remove its line from {knownHosts.Path} and run again.", e);
            }
            catch (SshAuthenticationException e)
            {
                client.Dispose();
                throw new ProvisioningException(
                    $"SSH to {target.Display} was refused: the key from {target.KeySource} is not accepted for user {target.User}. " +
                    "Fix: add its public key to that user's ~/.ssh/authorized_keys, or configure the key the machine expects.", e);
            }
            catch (Exception e) when (e is SocketException or SshConnectionException or SshOperationTimeoutException or ProxyException or IOException && !ct.IsCancellationRequested)
            {
                client.Dispose();
                if (time.GetUtcNow() + delay >= deadline)
                {
                    throw new ProvisioningException(
                        $"Cannot reach {target.Display} over SSH within {timeout.TotalSeconds:0} s: {e.Message}. Fix: check that the machine runs, that port {target.Port} is open to this machine, and the address.", e);
                }

                await Task.Delay(delay, time, ct).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 3000));
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }

    /// <summary>The key file, or every key the agent holds (tried in its order).</summary>
    private static IPrivateKeySource[] Keys(SshTarget target)
    {
        if (target.AgentSocket is { } socket)
        {
            IReadOnlyList<AgentIdentity> identities;
            try
            {
                identities = new SshAgentClient(socket).ListIdentities();
            }
            catch (Exception e) when (e is SshAgentException or IOException or SocketException)
            {
                throw new ProvisioningException($"SSH to {target.Display} needs the SSH agent ({target.KeySource}): {e.Message}");
            }

            if (identities.Count == 0)
            {
                throw new ProvisioningException($"The SSH agent ({target.KeySource}) holds no keys, so nothing can log in to {target.Display}. Fix: add your key with ssh-add (e.g. ssh-add ~/.ssh/id_ed25519), or set PrivateKey.");
            }

            var agent = new SshAgentClient(socket);
            return [.. identities.Select(i => new AgentKeySource(agent, i))];
        }

        try
        {
            using var keyText = new MemoryStream(Encoding.UTF8.GetBytes(target.PrivateKey.Trim() + "\n"));
            return [new PrivateKeyFile(keyText)];
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ProvisioningException($"The SSH private key from {target.KeySource} cannot be read ({e.GetType().Name}). Fix: give an unencrypted OpenSSH or PEM private key.");
        }
    }

    /// <summary>Runs a command; <paramref name="stdinLines"/> (secrets) are written to its standard input, then it is closed.</summary>
    public async Task<RemoteResult> RunAsync(string command, IReadOnlyList<string> stdinLines, TimeSpan timeout, CancellationToken ct)
    {
        using var cmd = client.CreateCommand(command);
        cmd.CommandTimeout = timeout;
        try
        {
            var running = cmd.ExecuteAsync(ct);
            if (stdinLines.Count > 0)
            {
                // Commands given stdin block on `read` until it arrives, so the stream is opened while they run.
                await using var input = cmd.CreateInputStream();
                foreach (var line in stdinLines)
                {
                    await input.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct).ConfigureAwait(false);
                }
            }

            await running.ConfigureAwait(false);
        }
        catch (SshOperationTimeoutException e)
        {
            throw new ProvisioningException($"A command on {Target.Display} did not finish within {timeout.TotalSeconds:0} s.", e);
        }
        catch (Exception e) when (e is SshConnectionException or SocketException or SshException or ObjectDisposedException && !ct.IsCancellationRequested)
        {
            throw new SshDroppedException($"The SSH connection to {Target.Display} was lost while a command ran ({e.Message}). Run up again: it continues where it stopped.", e);
        }

        return new RemoteResult(cmd.ExitStatus ?? -1, cmd.Result, cmd.Error);
    }

    /// <summary>Runs a command with root rights (<c>sudo -n</c> when the target needs it).</summary>
    public Task<RemoteResult> RunPrivilegedAsync(string script, IReadOnlyList<string> stdinLines, TimeSpan timeout, CancellationToken ct) =>
        RunAsync(Privileged(script), stdinLines, timeout, ct);

    /// <summary>The command line that runs <paramref name="script"/> with sh, through sudo when needed.</summary>
    public string Privileged(string script) =>
        (Target.Sudo && Target.User != "root" ? "sudo -n " : "") + "sh -c " + Rendering.ShellScript.Quote(script);

    public void Dispose()
    {
        client.Dispose();
    }
}

using System.Diagnostics;

namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// A real OpenSSH agent (<c>ssh-agent -D -a &lt;socket&gt;</c>) for tests of agent logins: keys are added and removed
/// with <c>ssh-add</c>; disposing kills the agent this object started and removes its socket.
/// </summary>
public sealed class SshAgentProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private SshAgentProcess(Process process, string directory, string socketPath)
    {
        this.process = process;
        this.directory = directory;
        SocketPath = socketPath;
    }

    /// <summary>The agent's socket (what <c>SSH_AUTH_SOCK</c> would hold).</summary>
    public string SocketPath { get; }

    /// <summary>Starts an agent and waits (bounded) until its socket accepts connections.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running agent.</returns>
    public static async Task<SshAgentProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("sb-agent-").FullName;
        var socket = Path.Combine(directory, "agent.sock");
        var info = new ProcessStartInfo("ssh-agent") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-D", "-a", socket })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("ssh-agent did not start");
        var agent = new SshAgentProcess(process, directory, socket);
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync(cancellationToken) : "no socket after 10 s";
                await agent.DisposeAsync();
                throw new InvalidOperationException($"ssh-agent did not start: {error}");
            }

            await Task.Delay(20, cancellationToken);
        }

        return agent;
    }

    /// <summary>Adds a private key file to the agent (<c>ssh-add</c>).</summary>
    /// <param name="privateKeyPath">The key file.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>A task.</returns>
    public Task AddAsync(string privateKeyPath, CancellationToken cancellationToken = default) => RunAsync([privateKeyPath], cancellationToken);

    /// <summary>Removes every key from the agent (<c>ssh-add -D</c>).</summary>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>A task.</returns>
    public Task RemoveAllAsync(CancellationToken cancellationToken = default) => RunAsync(["-D"], cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ssh-add") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SSH_AUTH_SOCK"] = SocketPath;
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var add = Process.Start(info) ?? throw new InvalidOperationException("ssh-add did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var error = add.StandardError.ReadToEndAsync(timeout.Token);
        await add.StandardOutput.ReadToEndAsync(timeout.Token);
        await add.WaitForExitAsync(timeout.Token);
        if (add.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-add {string.Join(' ', arguments)} failed ({add.ExitCode}): {await error}");
        }
    }
}

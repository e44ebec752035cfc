using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// One running <c>/usr/sbin/sshd -D</c> of a host, started through <c>unshare</c> (own mount and UTS namespaces)
/// and, for namespace hosts, <c>ip netns exec</c>. Both exec, so the process we start ends up being sshd itself.
/// </summary>
internal sealed class SshdProcess
{
    private readonly Process process;
    private readonly Lock logGate = new();
    private readonly string logPath;

    private SshdProcess(Process process, string logPath)
    {
        this.process = process;
        this.logPath = logPath;
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts sshd and waits (bounded) until it answers with an SSH banner.</summary>
    /// <exception cref="AddressInUseException">The port was taken (loopback hosts retry with another).</exception>
    public static async Task<SshdProcess> StartAsync(HostLayout layout, string? networkNamespace, string address, int port, CancellationToken cancellationToken)
    {
        string[] unshare = ["unshare", "-m", "-u", "--propagation", "private", "/bin/sh", layout.StartScript];
        var command = networkNamespace is null ? unshare : ["ip", "netns", "exec", networkNamespace, .. unshare];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var sshd = new SshdProcess(process, layout.Log);
        process.OutputDataReceived += (_, e) => sshd.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sshd.Append(e.Data);
        sshd.Append($"--- starting sshd on {address}:{port} at {DateTimeOffset.UtcNow:O}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await sshd.WaitUntilReadyAsync(address, port, cancellationToken);
            return sshd;
        }
        catch
        {
            await sshd.StopAsync();
            throw;
        }
    }

    /// <summary>Kills every process sshd forked (connections and their sessions) and waits (bounded) until they are dead; the listener keeps accepting.</summary>
    /// <returns>How many processes were killed.</returns>
    public int KillConnections()
    {
        var pids = ProcessTree.Descendants(Pid);
        var killed = ProcessTree.Kill(pids);
        var deadline = Stopwatch.StartNew();
        while (pids.Any(ProcessTree.IsAlive) && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(5); // SIGKILL is delivered asynchronously; poll until the processes are gone
        }

        return killed;
    }

    /// <summary>Kills sshd and everything it forked, and waits for sshd to be gone.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            var descendants = ProcessTree.Descendants(Pid);
            ProcessTree.Kill([Pid]);
            ProcessTree.Kill(descendants);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
    }

    /// <summary>Synchronous last-resort kill (process exit handler).</summary>
    public void KillQuietly()
    {
        try
        {
            if (!process.HasExited)
            {
                var descendants = ProcessTree.Descendants(Pid);
                ProcessTree.Kill([Pid]);
                ProcessTree.Kill(descendants);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed.
        }
    }

    private async Task WaitUntilReadyAsync(string address, int port, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken); // flushes the output events into the log
                var log = ReadLog();
                if (log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    throw new AddressInUseException(port);
                }

                throw new InvalidOperationException($"sshd exited with code {process.ExitCode} before it was ready. Log ({logPath}):\n{log}");
            }

            if (await AnswersBannerAsync(address, port, cancellationToken))
            {
                return;
            }

            await Task.Delay(20, cancellationToken); // poll interval of a bounded readiness check, not a readiness assumption
        }

        throw new TimeoutException($"sshd on {address}:{port} gave no SSH banner within 15 s. Log ({logPath}):\n{ReadLog()}");
    }

    private static async Task<bool> AnswersBannerAsync(string address, int port, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(address, port, attempt.Token);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, attempt.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("SSH-2.0-", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logGate)
        {
            try
            {
                File.AppendAllText(logPath, line + "\n");
            }
            catch (IOException)
            {
                // sshd can print its last lines after the host's folder was removed; this handler runs on a
                // thread-pool callback, where an exception would take the whole test process down.
            }
        }
    }

    private string ReadLog()
    {
        lock (logGate)
        {
            return File.Exists(logPath) ? File.ReadAllText(logPath) : "";
        }
    }
}

/// <summary>sshd could not bind its port.</summary>
/// <param name="port">The port.</param>
internal sealed class AddressInUseException(int port) : Exception($"port {port} is already in use");

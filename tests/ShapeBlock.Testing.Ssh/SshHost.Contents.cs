namespace ShapeBlock.Testing.Ssh;

/// <summary>What is on a host: its files as it sees them, and the behaviour files the stub k3s reads.</summary>
public sealed partial class SshHost
{
    /// <summary>Runs <c>sh -c</c> inside the host's namespaces (not over SSH) — for test setup and inspection.</summary>
    /// <param name="shellCommand">The command.</param>
    /// <param name="standardInput">Text for stdin, or null.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>Exit code and output.</returns>
    public Task<ProcessResult> ExecAsync(string shellCommand, string? standardInput = null, CancellationToken cancellationToken = default) =>
        ExecScriptAsync(shellCommand, [], standardInput, cancellationToken);

    /// <summary>Reads a file as the host sees it (e.g. <c>/etc/rancher/k3s/k3s.yaml</c>); also works while stopped.</summary>
    /// <param name="path">Absolute path inside the host.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, or null when the file does not exist.</returns>
    public async Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            var result = await ExecScriptAsync("cat -- \"$1\"", [path], null, cancellationToken);
            return result.ExitCode == 0 ? result.StandardOutput : null;
        }

        var own = layout.OwnLayerPath(path);
        var onDisk = own is not null && File.Exists(own) ? own : path;
        return File.Exists(onDisk) ? await File.ReadAllTextAsync(onDisk, cancellationToken) : null;
    }

    /// <summary>Writes a file as the host sees it (parents created); also works while stopped for paths in the host's own layers.</summary>
    /// <param name="path">Absolute path inside the host (under /etc, /usr/local, /var or /root when stopped).</param>
    /// <param name="content">The content.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public async Task WriteFileAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            var result = await ExecScriptAsync("mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\"", [path], content, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new IOException($"writing {path} on {Name} failed: {result.StandardError}");
            }

            return;
        }

        var own = layout.OwnLayerPath(path) ?? throw new InvalidOperationException($"{path} is shared with the machine; start the host to write it");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(own)!);
        await File.WriteAllTextAsync(own, content, cancellationToken);
    }

    /// <summary>What the next <c>k3s server</c> writes as its kubeconfig (null: a placeholder pointing at https://127.0.0.1:6443).</summary>
    /// <param name="kubeconfigYaml">The kubeconfig.</param>
    public void SetKubeconfig(string? kubeconfigYaml) => SetBehaviour("kubeconfig.yaml", kubeconfigYaml);

    /// <summary>Makes the stub k3s fail with this exit code (0: succeed).</summary>
    /// <param name="exitCode">The exit code.</param>
    public void SetK3sExitCode(int exitCode) => SetBehaviour("exit-code", exitCode == 0 ? null : exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Makes <c>k3s server|agent</c> take this long (so a test can drop the connection mid-install).</summary>
    /// <param name="delay">The delay (whole seconds are used by <c>sleep</c>, fractions allowed).</param>
    public void SetK3sDelay(TimeSpan delay) =>
        SetBehaviour("delay-seconds", delay <= TimeSpan.Zero ? null : delay.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The version <c>k3s --version</c> reports for a pre-placed stub binary.</summary>
    /// <param name="version">e.g. <c>v1.31.4+k3s1</c>.</param>
    public void SetK3sVersion(string? version) => SetBehaviour("version", version);

    /// <summary>Changes the memory in <c>/proc/meminfo</c>. Takes effect at once if the host was created with <see cref="SshHostOptions.MemoryMiB"/>, otherwise at the next start.</summary>
    /// <param name="memoryMiB">Memory in MiB.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public Task SetMemoryAsync(int memoryMiB, CancellationToken cancellationToken = default) => HostFiles.WriteMeminfoAsync(layout, memoryMiB, cancellationToken);

    /// <summary>Runs a script with positional arguments (<c>$1</c>, …) inside the host's mount, UTS and network namespaces.</summary>
    private Task<ProcessResult> ExecScriptAsync(string script, IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var running = sshd is { HasExited: false } s ? s : throw new InvalidOperationException($"host {Name} is not running");
        var pid = running.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ProcessRunner.RunAsync("nsenter", ["-t", pid, "-m", "-u", "-n", "--", "/bin/sh", "-c", script, "sbhost", .. arguments], cancellationToken, standardInput);
    }

    /// <summary>
    /// With the gate on, a restart of k3s (<c>k3s server|agent</c> on a host where it ran before — the installer run
    /// again) records its call, then waits (at most 30 s, else exits 1) until <see cref="AcknowledgeK3sRestart"/>, so
    /// the test world can report the node NotReady first, as during a real restart; when it has finished,
    /// <see cref="TakeK3sRestartFinished"/> answers true once.
    /// </summary>
    /// <param name="on">Whether restarts wait for the acknowledgement.</param>
    public void SetK3sRestartGate(bool on) => SetBehaviour("restart-gate", on ? "1" : null);

    /// <summary>Whether a k3s restart waits for <see cref="AcknowledgeK3sRestart"/> (see <see cref="SetK3sRestartGate"/>).</summary>
    public bool K3sRestartRequested => File.Exists(Path.Combine(layout.Behaviour, "restart-requested"));

    /// <summary>Lets a waiting k3s restart go on.</summary>
    public void AcknowledgeK3sRestart() => File.Delete(Path.Combine(layout.Behaviour, "restart-requested"));

    /// <summary>True once after a gated k3s restart finished (its files are written and it exited 0).</summary>
    /// <returns>Whether a restart finished since the last call.</returns>
    public bool TakeK3sRestartFinished()
    {
        var path = Path.Combine(layout.Behaviour, "restart-finished");
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private void SetBehaviour(string file, string? value)
    {
        var path = Path.Combine(layout.Behaviour, file);
        if (value is null)
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllText(path, value);
        }
    }
}

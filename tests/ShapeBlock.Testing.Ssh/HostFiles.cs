using System.Globalization;
using System.Reflection;
using System.Text;

namespace ShapeBlock.Testing.Ssh;

/// <summary>Prepares a host directory before sshd first starts: keys, sshd_config, the start script, stubs, overlay layers.</summary>
internal static class HostFiles
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static async Task PrepareAsync(HostLayout layout, string id, string name, SshHostOptions options, IEnumerable<string> authorizedKeys, CancellationToken cancellationToken)
    {
        foreach (var dir in new[] { layout.SshDirectory, layout.Home, layout.Behaviour, layout.Release, layout.Bin, layout.Records })
        {
            Directory.CreateDirectory(dir);
        }

        foreach (var (overlay, _) in HostLayout.Overlays)
        {
            Directory.CreateDirectory(layout.Upper(overlay));
            Directory.CreateDirectory(layout.Work(overlay));
        }

        await ProcessRunner.CheckAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"sbhost-{id}", "-f", layout.HostKey], cancellationToken);
        await File.WriteAllLinesAsync(layout.AuthorizedKeys, authorizedKeys, cancellationToken);

        // The stubs find their host through this file, also when a provisioner clears the environment (sudo, env -i).
        var hostEnv = Path.Combine(layout.Upper("etc"), "sbhost", "host.env");
        Directory.CreateDirectory(Path.GetDirectoryName(hostEnv)!);
        await File.WriteAllTextAsync(hostEnv, $"SBHOST_ID='{id}'\nSBHOST_NAME='{name}'\nSBHOST_DIR='{layout.Root}'\n", cancellationToken);
        await UnlockRootAsync(layout, cancellationToken);

        await WriteStubAsync("sbhost-record.sh", Path.Combine(layout.Bin, "sbhost-record"), cancellationToken);
        await WriteStubAsync("k3s.sh", Path.Combine(layout.Release, "k3s"), cancellationToken);
        await WriteStubAsync("k3s-uninstall.sh", Path.Combine(layout.Release, "k3s-uninstall.sh"), cancellationToken);
        if (options.PreinstallK3s)
        {
            var bin = Path.Combine(layout.Upper("usr-local"), "bin");
            Directory.CreateDirectory(bin);
            await WriteStubAsync("k3s.sh", Path.Combine(bin, "k3s"), cancellationToken);
        }

        if (options.Kubeconfig is { } kubeconfig)
        {
            await File.WriteAllTextAsync(Path.Combine(layout.Behaviour, "kubeconfig.yaml"), kubeconfig, cancellationToken);
        }

        if (options.MemoryMiB is { } memory)
        {
            await WriteMeminfoAsync(layout, memory, cancellationToken);
        }

        await File.WriteAllTextAsync(layout.StartScript, StartScript(layout, name), cancellationToken);
    }

    public static async Task WriteSshdConfigAsync(HostLayout layout, string id, string address, int port, CancellationToken cancellationToken)
    {
        var config = new StringBuilder()
            .Append("# sshd of ShapeBlock SSH test host ").Append(id).Append('\n')
            .Append("Port ").Append(port.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("ListenAddress ").Append(address).Append('\n')
            .Append("HostKey ").Append(layout.HostKey).Append('\n')
            .Append("PidFile ").Append(layout.PidFile).Append('\n')
            .Append("AuthorizedKeysFile ").Append(layout.AuthorizedKeys).Append('\n')
            .Append("""
                UsePAM no
                PermitRootLogin prohibit-password
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                StrictModes no
                PrintMotd no
                PrintLastLog no
                UseDNS no
                MaxStartups 100:30:200
                MaxSessions 50
                LogLevel VERBOSE
                Subsystem sftp internal-sftp

                """)
            .Append("SetEnv SBHOST_ID=").Append(id).Append(" SBHOST_DIR=").Append(layout.Root).Append('\n');
        await File.WriteAllTextAsync(layout.SshdConfig, config.ToString(), cancellationToken);
    }

    /// <summary>Writes the host's <c>/proc/meminfo</c>: the machine's, with the memory lines scaled to <paramref name="memoryMiB"/>.</summary>
    public static async Task WriteMeminfoAsync(HostLayout layout, int memoryMiB, CancellationToken cancellationToken)
    {
        var kib = (long)memoryMiB * 1024;
        var lines = (await File.ReadAllLinesAsync("/proc/meminfo", cancellationToken)).Select(line => line.Split(':')[0] switch
        {
            "MemTotal" => $"MemTotal:       {kib,10} kB",
            "MemFree" => $"MemFree:        {kib * 8 / 10,10} kB",
            "MemAvailable" => $"MemAvailable:   {kib * 9 / 10,10} kB",
            "Buffers" or "Cached" or "SwapCached" or "Shmem" => $"{line.Split(':')[0] + ":",-16}{0,10} kB",
            _ => line,
        });
        // Written in place: the host sees this file through a bind mount of its inode.
        await using var stream = new FileStream(layout.Meminfo, FileMode.OpenOrCreate, FileAccess.Write);
        stream.SetLength(0);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"), cancellationToken);
    }

    private static string StartScript(HostLayout layout, string name)
    {
        var script = new StringBuilder("#!/bin/sh\n")
            .Append("# Runs inside the host's own mount and UTS namespaces: private /etc, /usr/local, /var and /root, own hostname, then sshd.\n")
            .Append("set -eu\n");
        foreach (var (overlay, target) in HostLayout.Overlays)
        {
            script.Append($"mount -t overlay sbhost-{overlay} -o 'lowerdir={target},upperdir={layout.Upper(overlay)},workdir={layout.Work(overlay)}' {target}\n");
        }

        script.Append($"mount --bind '{layout.Home}' /root\n")
            .Append($"if [ -f '{layout.Meminfo}' ]; then mount --bind '{layout.Meminfo}' /proc/meminfo; fi\n")
            .Append($"hostname '{name}'\n")
            .Append("mkdir -p /run/sshd\n")
            .Append($"exec /usr/sbin/sshd -D -e -f '{layout.SshdConfig}'\n");
        return script.ToString();
    }

    /// <summary>With UsePAM off, sshd refuses even key logins to an account whose password field starts with '!'; the host's own /etc/shadow says '*'.</summary>
    private static async Task UnlockRootAsync(HostLayout layout, CancellationToken cancellationToken)
    {
        var shadow = await File.ReadAllLinesAsync("/etc/shadow", cancellationToken);
        if (!shadow.Any(l => l.StartsWith("root:!", StringComparison.Ordinal)))
        {
            return;
        }

        var path = Path.Combine(layout.Upper("etc"), "shadow");
        await File.WriteAllLinesAsync(path, shadow.Select(l => l.StartsWith("root:!", StringComparison.Ordinal) ? "root:*:" + string.Join(':', l.Split(':').Skip(2)) : l), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task WriteStubAsync(string resource, string path, CancellationToken cancellationToken)
    {
        await using (var source = Assembly.GetExecutingAssembly().GetManifestResourceStream("Stubs/" + resource)
            ?? throw new InvalidOperationException($"embedded stub {resource} is missing"))
        await using (var target = File.Create(path))
        {
            await source.CopyToAsync(target, cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Executable);
        }
    }

    /// <summary>Writes an embedded stub to a path (used for the shared installer script).</summary>
    public static Task WriteStubFileAsync(string resource, string path, CancellationToken cancellationToken) => WriteStubAsync(resource, path, cancellationToken);
}

namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// Whether this machine can run SSH test hosts, and if not, why — so tests skip with a clear reason.
/// Probes run once per process.
/// </summary>
public static class SshEnvironment
{
    private static readonly Lazy<(string? Reason, string Directory)> Base = new(ProbeBase);
    private static readonly Lazy<string?> Namespaces = new(ProbeNamespaces);

    /// <summary>Where factories put their hosts (the temp folder, or /dev/shm where the temp folder cannot hold overlay layers).</summary>
    public static string BaseDirectory => Base.Value.Directory;

    /// <summary>Why hosts of this mode cannot be made here, or null when they can.</summary>
    /// <param name="mode">The host mode.</param>
    /// <returns>A reason naming the fix, or null.</returns>
    public static string? SkipReason(SshHostMode mode = SshHostMode.Loopback) =>
        Base.Value.Reason ?? (mode == SshHostMode.Namespace ? Namespaces.Value : null);

    private static (string? Reason, string Directory) ProbeBase()
    {
        var fallback = Path.Combine(Path.GetTempPath(), "shapeblock-sshhosts");
        if (!OperatingSystem.IsLinux())
        {
            return ("SSH test hosts need Linux (sshd, mount and network namespaces)", fallback);
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return ($"SSH test hosts need root (sshd as root, overlay mounts, network namespaces); running as {Environment.UserName}", fallback);
        }

        string[] tools = ["/usr/sbin/sshd", "ssh-keygen", "unshare", "nsenter", "hostname", "bash", "sha256sum"];
        var missing = tools.Where(t => !OnPath(t)).ToList();
        if (missing.Count > 0)
        {
            return ($"missing {string.Join(", ", missing)}: apt-get install -y openssh-server openssh-client util-linux hostname coreutils bash", fallback);
        }

        string? lastError = null;
        foreach (var candidate in new[] { fallback, "/dev/shm/shapeblock-sshhosts" })
        {
            lastError = ProbeOverlay(candidate);
            if (lastError is null)
            {
                return (null, candidate);
            }
        }

        return ($"overlay mounts in a private mount namespace do not work here ({lastError})", fallback);
    }

    /// <summary>Mounts a throwaway overlay whose upper layer is in <paramref name="directory"/>, in a throwaway mount namespace.</summary>
    private static string? ProbeOverlay(string directory)
    {
        var probe = Path.Combine(directory, $"probe-{Environment.ProcessId}");
        try
        {
            foreach (var part in new[] { "lower", "upper", "work", "merged" })
            {
                Directory.CreateDirectory(Path.Combine(probe, part));
            }

            var script = $"mount -t overlay sbprobe -o lowerdir={probe}/lower,upperdir={probe}/upper,workdir={probe}/work {probe}/merged && touch {probe}/merged/x && test -f {probe}/upper/x";
            var result = ProcessRunner.RunAsync("unshare", ["-m", "--propagation", "private", "/bin/sh", "-c", script], CancellationToken.None, timeout: TimeSpan.FromSeconds(10))
                .GetAwaiter().GetResult();
            return result.ExitCode == 0 ? null : result.StandardError.Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return e.Message;
        }
        finally
        {
            try
            {
                Directory.Delete(probe, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort.
            }
        }
    }

    private static string? ProbeNamespaces()
    {
        if (!OnPath("ip"))
        {
            return "network-namespace hosts need iproute2: apt-get install -y iproute2";
        }

        var name = $"sb-probe-{Environment.ProcessId}";
        var add = ProcessRunner.RunAsync("ip", ["netns", "add", name], CancellationToken.None, timeout: TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        ProcessRunner.RunAsync("ip", ["netns", "delete", name], CancellationToken.None, timeout: TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return add.ExitCode == 0 ? null : $"'ip netns add' fails here ({add.StandardError.Trim()}); network-namespace hosts need root with CAP_SYS_ADMIN and CAP_NET_ADMIN";
    }

    private static bool OnPath(string tool) =>
        Path.IsPathRooted(tool)
            ? File.Exists(tool)
            : (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}

using System.Globalization;
using ShapeBlock.Sdk.Provisioning.Ssh;

namespace ShapeBlock.Sdk.Provisioning.K3s;

/// <summary>What a host reported in preflight.</summary>
/// <param name="MemoryMiB">Total memory.</param>
/// <param name="Architecture"><c>uname -m</c>.</param>
/// <param name="Kernel"><c>uname -s</c>.</param>
/// <param name="Os"><c>ID VERSION_ID</c> of /etc/os-release.</param>
/// <param name="FreeDiskMiB">Free space on <c>/</c>.</param>
/// <param name="Privilege"><c>root</c>, <c>sudo</c> or <c>none</c>.</param>
internal sealed record HostFacts(long MemoryMiB, string Architecture, string Kernel, string Os, long FreeDiskMiB, string Privilege)
{
    /// <summary>The host's IPv4 addresses by interface (<c>ip -o -4 addr</c>); null when <c>ip</c> is not installed.</summary>
    public IReadOnlyList<InterfaceAddress>? Addresses { get; init; }
}

/// <summary>One IPv4 address of a host's interface.</summary>
/// <param name="Interface">The interface name, e.g. <c>enp7s0</c>.</param>
/// <param name="Address">The address without prefix length.</param>
internal sealed record InterfaceAddress(string Interface, string Address);

/// <summary>
/// Checks a host before k3s is installed: memory, architecture, OS, free disk and root rights. Refusals name the
/// host and the fix; small-but-workable hosts give warnings.
/// </summary>
internal static class Preflight
{
    /// <summary>Below this, k3s and the platform do not fit (a "2 GB" machine reports about 1.9 GiB, so it passes with a warning).</summary>
    public const long MinimumMemoryMiB = 1800;

    /// <summary>Below this, a warning: the platform fits but apps get little room (a "4 GB" machine reports about 3.7 GiB).</summary>
    public const long RecommendedMemoryMiB = 3500;

    /// <summary>Free disk below this on <c>/</c> is refused (images and etcd need room).</summary>
    public const long MinimumDiskMiB = 4096;

    private const string Script =
        "echo \"mem_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)\"; " +
        "echo \"arch=$(uname -m)\"; echo \"kernel=$(uname -s)\"; " +
        "echo \"os=$( (. /etc/os-release 2>/dev/null && echo \"$ID $VERSION_ID\") || echo unknown)\"; " +
        "echo \"disk_kb=$(df -Pk / | awk 'NR==2 {print $4}')\"; " +
        "if [ \"$(id -u)\" = 0 ]; then echo priv=root; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then echo priv=sudo; else echo priv=none; fi; " +
        // Which interface carries the private address (flannel's --flannel-iface): one line per address.
        "if command -v ip >/dev/null 2>&1; then echo ip=yes; ip -o -4 addr show | awk '{print \"inet=\" $2 \" \" $4}'; else echo ip=no; fi";

    private static readonly string[] Architectures = ["x86_64", "amd64", "aarch64", "arm64", "armv7l"];

    /// <summary>Reads the facts of a host.</summary>
    public static async Task<HostFacts> ReadAsync(RemoteHost host, TimeSpan timeout, CancellationToken ct)
    {
        var result = await host.RunAsync(Script, [], timeout, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ProvisioningException($"Preflight on {host.Target.Display} failed (exit {result.ExitCode}): {result.Error.Trim()}. Fix: the host needs a POSIX shell, awk and df.");
        }

        var pairs = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var values = pairs.Where(p => p[0] != "inet").GroupBy(p => p[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
        var addresses = pairs.Where(p => p[0] == "inet")
            .Select(p => p[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 2)
            .Select(f => new InterfaceAddress(f[0].Split('@')[0], f[1].Split('/')[0]))
            .ToList();
        long Kb(string key) => values.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return new HostFacts(
            Kb("mem_kb") < 0 ? -1 : Kb("mem_kb") / 1024,
            values.GetValueOrDefault("arch", "unknown"),
            values.GetValueOrDefault("kernel", "unknown"),
            values.GetValueOrDefault("os", "unknown"),
            Kb("disk_kb") < 0 ? -1 : Kb("disk_kb") / 1024,
            values.GetValueOrDefault("priv", "none"))
        {
            Addresses = values.GetValueOrDefault("ip") == "yes" ? addresses : null,
        };
    }

    /// <summary>Judges the facts: problems refuse the host (unless forced where that is allowed), warnings are reported.</summary>
    public static (IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings) Judge(SshTarget target, HostFacts facts, bool force)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        var host = target.Display;
        if (facts.Kernel != "Linux")
        {
            problems.Add($"{host} runs {facts.Kernel}, not Linux. Fix: use a Linux machine (Ubuntu 22.04/24.04 or Debian 12 recommended).");
        }

        if (!Architectures.Contains(facts.Architecture))
        {
            problems.Add($"{host} has architecture {facts.Architecture}; k3s supports x86_64, arm64 and armv7l. Fix: use a machine of a supported architecture.");
        }

        if (facts.MemoryMiB >= 0 && facts.MemoryMiB < MinimumMemoryMiB)
        {
            var message = $"{host} has {facts.MemoryMiB} MiB of memory; k3s with the ShapeBlock platform needs at least 2 GB (4 GB recommended). Fix: use a larger server type (e.g. cx22 / s-2vcpu-4gb)";
            if (force)
            {
                warnings.Add(message + " — continuing because Force is set.");
            }
            else
            {
                problems.Add(message + ", or run up --force (ProvisionOptions.Force) to try anyway.");
            }
        }
        else if (facts.MemoryMiB >= 0 && facts.MemoryMiB < RecommendedMemoryMiB)
        {
            warnings.Add($"{host} has {facts.MemoryMiB} MiB of memory; 4 GB is recommended (the platform fits, apps get little room).");
        }

        if (facts.FreeDiskMiB >= 0 && facts.FreeDiskMiB < MinimumDiskMiB)
        {
            problems.Add($"{host} has {facts.FreeDiskMiB} MiB free on /; at least {MinimumDiskMiB} MiB are needed. Fix: free disk space or use a larger disk.");
        }

        if (facts.Privilege == "none")
        {
            problems.Add($"{host}: user {target.User} is not root and cannot use sudo without a password. Fix: log in as root, or allow passwordless sudo for {target.User}.");
        }
        else if (facts.Privilege == "sudo" && !target.Sudo)
        {
            problems.Add($"{host}: user {target.User} is not root. Fix: set Sudo = true for the host (passwordless sudo works), or log in as root.");
        }

        if (!facts.Os.StartsWith("ubuntu", StringComparison.Ordinal) && !facts.Os.StartsWith("debian", StringComparison.Ordinal))
        {
            warnings.Add($"{host} runs {facts.Os}; ShapeBlock is tested on Ubuntu and Debian (k3s supports most Linux distributions).");
        }

        return (problems, warnings);
    }
}

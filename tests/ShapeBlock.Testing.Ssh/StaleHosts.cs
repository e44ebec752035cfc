using System.Globalization;

namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// Removes what a previous test process left behind when it died without disposing its factory: only hosts under
/// our base directory whose owning process is gone, only sshd processes whose command line names that host's
/// directory, and only the netns/veth recorded for that host.
/// </summary>
internal static class StaleHosts
{
    public static void CleanUp(string baseDirectory)
    {
        if (!Directory.Exists(baseDirectory))
        {
            return;
        }

        foreach (var factory in Directory.GetDirectories(baseDirectory, "f-*"))
        {
            try
            {
                CleanUpFactory(factory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another factory of this process is cleaning the same folder, or something still holds it: next run.
            }
        }
    }

    private static void CleanUpFactory(string factory)
    {
        if (OwnerAlive(Path.Combine(factory, "owner")))
        {
            return;
        }

        foreach (var host in Directory.GetDirectories(factory, "h-*"))
        {
            var layout = new HostLayout(host);
            if (File.Exists(layout.PidFile) && int.TryParse(File.ReadAllText(layout.PidFile).Trim(), CultureInfo.InvariantCulture, out var pid)
                && ProcessTree.CommandLine(pid).Contains(layout.SshdConfig, StringComparison.Ordinal))
            {
                var descendants = ProcessTree.Descendants(pid);
                ProcessTree.Kill([pid]);
                ProcessTree.Kill(descendants);
            }

            if (File.Exists(layout.NetworkFile) && File.ReadAllLines(layout.NetworkFile) is [var ns, var veth, ..])
            {
                NetworkNamespace.DeleteQuietly(ns, veth);
            }
        }

        Directory.Delete(factory, recursive: true);
    }

    /// <summary>The owner file holds "pid starttime"; the owner is alive only if both still match.</summary>
    private static bool OwnerAlive(string ownerFile)
    {
        if (!File.Exists(ownerFile))
        {
            return File.GetCreationTimeUtc(Path.GetDirectoryName(ownerFile)!) > DateTime.UtcNow.AddMinutes(-1); // being created right now
        }

        var parts = File.ReadAllText(ownerFile).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && ProcessTree.StartTime(pid)?.ToString(CultureInfo.InvariantCulture) == parts[1];
    }

    public static string OwnerLine() =>
        $"{Environment.ProcessId} {ProcessTree.StartTime(Environment.ProcessId)?.ToString(CultureInfo.InvariantCulture)}";
}

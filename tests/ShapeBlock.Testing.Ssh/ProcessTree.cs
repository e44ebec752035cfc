using System.Globalization;

namespace ShapeBlock.Testing.Ssh;

/// <summary>Finds and kills the descendants of a process (the per-connection sshd processes and their sessions) through /proc.</summary>
internal static class ProcessTree
{
    /// <summary>All descendants of <paramref name="root"/>, children before grandchildren.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var result = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var current = frontier.Dequeue();
            foreach (var (pid, parent) in parents)
            {
                if (parent == current && !result.Contains(pid))
                {
                    result.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return result;
    }

    /// <summary>Sends SIGKILL to each process (ignoring ones already gone).</summary>
    /// <returns>How many were signalled.</returns>
    public static int Kill(IEnumerable<int> pids)
    {
        var killed = 0;
        foreach (var pid in pids)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                killed++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already exited.
            }
        }

        return killed;
    }

    public static bool IsAlive(int pid) => ParentOf(pid) is not null && State(pid) is not ('Z' or 'X');

    /// <summary>Start time of a process in clock ticks since boot (field 22 of /proc/pid/stat), to tell a reused pid apart.</summary>
    public static long? StartTime(int pid) => Stat(pid) is { Length: > 19 } fields && long.TryParse(fields[19], CultureInfo.InvariantCulture, out var t) ? t : null;

    /// <summary>The command line of a process, or empty.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int? ParentOf(int pid) => Stat(pid) is { } fields && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid) ? ppid : null;

    private static char? State(int pid) => Stat(pid) is { } fields && fields[0].Length > 0 ? fields[0][0] : null;

    /// <summary>The fields of /proc/pid/stat after the command name (state, ppid, …).</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')'); // the command name may contain spaces and parentheses
            return close < 0 ? null : text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

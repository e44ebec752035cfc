using System.Globalization;
using System.Text;

namespace ShapeBlock.Testing.Ssh;

/// <summary>Reads what <c>sbhost-record</c> wrote: <c>records/&lt;tool&gt;/&lt;n&gt;/{argv,env,meta,done}</c>.</summary>
internal static class StubRecords
{
    public static IReadOnlyList<StubInvocation> Read(string recordsDirectory)
    {
        if (!Directory.Exists(recordsDirectory))
        {
            return [];
        }

        var result = new List<StubInvocation>();
        foreach (var toolDirectory in Directory.GetDirectories(recordsDirectory).Order(StringComparer.Ordinal))
        {
            var calls = Directory.GetDirectories(toolDirectory)
                .Select(d => (Dir: d, N: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
                .Where(c => c.N > 0 && File.Exists(Path.Combine(c.Dir, "done"))) // skip a record still being written
                .OrderBy(c => c.N);
            foreach (var (dir, n) in calls)
            {
                var meta = File.ReadAllLines(Path.Combine(dir, "meta"))
                    .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                var environment = Nul(Path.Combine(dir, "env")).Select(kv => kv.Split('=', 2))
                    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
                result.Add(new StubInvocation(
                    Path.GetFileName(toolDirectory), n, Nul(Path.Combine(dir, "argv")), environment,
                    meta.GetValueOrDefault("user", ""), meta.GetValueOrDefault("cwd", ""))
                {
                    Started = long.TryParse(meta.GetValueOrDefault("started"), NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
                        ? DateTimeOffset.UnixEpoch.AddTicks(ns / 100)
                        : null,
                });
            }
        }

        return result;
    }

    private static List<string> Nul(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var parts = text.Split('\0').ToList();
        if (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1); // every entry ends with NUL
        }

        return parts;
    }
}

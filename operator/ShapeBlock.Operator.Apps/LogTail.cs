using System.Text.RegularExpressions;

namespace ShapeBlock.Operator.Apps;

/// <summary>The last lines of a log, cleaned for <c>status.logTail</c>: colours stripped, secrets masked, size capped.</summary>
public static partial class LogTail
{
    /// <summary>Lines kept by default.</summary>
    public const int DefaultLines = 20;

    /// <summary>Longest tail in characters (a status must stay small); the oldest lines go first.</summary>
    public const int MaxChars = 4000;

    /// <summary>The log split into lines, ANSI colour codes removed, empty trailing lines dropped.</summary>
    /// <param name="log">The raw log.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> Lines(string? log)
    {
        if (string.IsNullOrEmpty(log))
        {
            return [];
        }

        var lines = AnsiPattern().Replace(log, "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.TrimEnd('\r', ' ', '\t'))
            .ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>The last <paramref name="lines"/> lines of a log, secrets masked.</summary>
    /// <param name="log">The raw log.</param>
    /// <param name="lines">How many lines to keep.</param>
    /// <param name="knownSecrets">Exact values to mask as well.</param>
    /// <returns>The tail, or null when the log is empty.</returns>
    public static string? Tail(string? log, int lines = DefaultLines, IEnumerable<string>? knownSecrets = null)
    {
        var all = Lines(log);
        if (all.Count == 0)
        {
            return null;
        }

        var tail = SecretScrubber.Scrub(string.Join('\n', all.Skip(Math.Max(0, all.Count - lines))), knownSecrets);
        return tail.Length <= MaxChars ? tail : tail[^MaxChars..];
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiPattern();
}

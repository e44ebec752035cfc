using System.Text.RegularExpressions;

namespace ShapeBlock.Testing.Kubernetes.Resources;

/// <summary>Kubernetes version priority: GA before beta before alpha, higher numbers first (v2 &gt; v1 &gt; v1beta2).</summary>
internal sealed partial class VersionPriority : IComparer<string>
{
    public static VersionPriority Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = Rank(x ?? "");
        var b = Rank(y ?? "");
        return a.Stage != b.Stage ? b.Stage.CompareTo(a.Stage)
            : a.Major != b.Major ? b.Major.CompareTo(a.Major)
            : a.Minor != b.Minor ? b.Minor.CompareTo(a.Minor)
            : string.CompareOrdinal(x, y);
    }

    private static (int Stage, int Major, int Minor) Rank(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success)
        {
            return (0, 0, 0);
        }

        var stage = match.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (stage, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), minor);
    }

    [GeneratedRegex(@"^v(\d+)(?:(alpha|beta)(\d+))?$")]
    private static partial Regex KubeVersion();
}

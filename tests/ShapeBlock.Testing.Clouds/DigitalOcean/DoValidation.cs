using System.Text.RegularExpressions;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>The input rules of the real API a provider is most likely to break.</summary>
internal static partial class DoValidation
{
    /// <summary>Tags: letters, digits, <c>:</c>, <c>-</c>, <c>_</c>; at most 255 — so <c>shapeblock.io/cluster=x</c> is refused.</summary>
    public static IResult? Tags(IEnumerable<string>? tags)
    {
        var bad = (tags ?? []).FirstOrDefault(t => !Tag().IsMatch(t));
        return bad is null ? null : DoResults.Unprocessable($"tag name '{bad}' is invalid: only letters, numbers, colons, dashes and underscores are allowed (max 255)");
    }

    /// <summary>Droplet names: valid hostnames.</summary>
    public static IResult? DropletName(string? name) =>
        name is not null && name.Length <= 255 && Hostname().IsMatch(name)
            ? null
            : DoResults.Unprocessable("Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)");

    /// <summary>Other names: required, at most 255 characters.</summary>
    public static IResult? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 255 ? DoResults.Unprocessable("name is required (1-255 characters)") : null;

    public static bool IsTag(string tag) => Tag().IsMatch(tag);

    [GeneratedRegex("^[a-zA-Z0-9_:-]{1,255}$")]
    private static partial Regex Tag();

    [GeneratedRegex("^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$")]
    private static partial Regex Hostname();
}

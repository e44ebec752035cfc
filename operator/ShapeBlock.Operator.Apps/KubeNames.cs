using System.Security.Cryptography;
using System.Text;

namespace ShapeBlock.Operator.Apps;

/// <summary>Names and label values that fit Kubernetes' length limits, shortened deterministically.</summary>
public static class KubeNames
{
    /// <summary>The longest Job name (its pods carry it as a label value) and label value.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>
    /// <paramref name="name"/> + <paramref name="suffix"/> when that fits in <paramref name="max"/>
    /// characters; otherwise the name is cut and a hash of the whole name inserted before the suffix,
    /// so different long names stay different.
    /// </summary>
    /// <param name="name">The base name.</param>
    /// <param name="suffix">The suffix, e.g. <c>-resolve</c> (may be empty).</param>
    /// <param name="max">The length limit.</param>
    /// <returns>The fitted name.</returns>
    public static string Fit(string name, string suffix = "", int max = MaxLabelLength)
    {
        if (name.Length + suffix.Length <= max)
        {
            return name + suffix;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var keep = Math.Max(0, max - suffix.Length - hash.Length - 1);
        return $"{name[..keep].TrimEnd('-', '.')}-{hash}{suffix}";
    }

    /// <summary>A label value for a name (names may be longer than the 63 characters a label value allows).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The name, or its fitted form.</returns>
    public static string LabelValue(string name) => Fit(name);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ShapeBlock.Sdk.Diff;

/// <summary>Parses Kubernetes quantities (<c>500m</c>, <c>1Gi</c>, <c>1e3</c>) to a number, to compare and add them.</summary>
public static partial class Quantity
{
    /// <summary>Parses a quantity.</summary>
    /// <param name="text">The quantity.</param>
    /// <param name="value">Its value in base units (bytes, cores).</param>
    /// <returns>True when it is a quantity.</returns>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var match = text is null ? null : Pattern().Match(text);
        if (match is null || !match.Success)
        {
            return false;
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var suffix = match.Groups["suffix"].Value;
        decimal factor = suffix switch
        {
            "" => 1m,
            "n" => 0.000000001m,
            "u" => 0.000001m,
            "m" => 0.001m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ when suffix[0] is 'e' or 'E' => (decimal)Math.Pow(10, int.Parse(suffix[1..], CultureInfo.InvariantCulture)),
            _ => 0m,
        };
        value = number * factor;
        return factor != 0;
    }

    /// <summary>Parses a memory quantity to mebibytes.</summary>
    /// <param name="text">The quantity.</param>
    /// <returns>The value in MiB.</returns>
    /// <exception cref="FormatException">Not a quantity.</exception>
    public static decimal ToMebibytes(string text) =>
        TryParse(text, out var bytes) ? bytes / (1024m * 1024m) : throw new FormatException($"'{text}' is not a Kubernetes quantity.");

    [GeneratedRegex(@"^(?<number>[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+))(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$")]
    private static partial Regex Pattern();
}

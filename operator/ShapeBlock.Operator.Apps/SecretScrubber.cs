using System.Text.RegularExpressions;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Masks what looks like a credential in text bound for status, events or the server: user-info in
/// URLs (<c>https://user:token@host</c>), Authorization headers, well-known token formats (GitHub,
/// GitLab, Slack, AWS), <c>password=…</c>-style pairs, docker <c>"auth"</c> fields, private-key blocks,
/// and any value the caller knows to be secret.
/// </summary>
public static partial class SecretScrubber
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    /// <summary>Masks the secrets in <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="knownSecrets">Exact values to mask as well (values shorter than 4 characters are ignored).</param>
    /// <returns>The masked text.</returns>
    public static string Scrub(string? text, IEnumerable<string>? knownSecrets = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        foreach (var secret in (knownSecrets ?? []).Where(s => s.Length >= 4).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = PrivateKeyPattern().Replace(text, "-----BEGIN PRIVATE KEY----- " + Mask + " -----END PRIVATE KEY-----");
        text = UrlUserInfoPattern().Replace(text, "${scheme}" + Mask + "@");
        text = AuthorizationPattern().Replace(text, "${prefix}" + Mask);
        text = TokenPattern().Replace(text, Mask);
        text = DockerAuthPattern().Replace(text, "${prefix}" + Mask + "\"");
        text = KeyValuePattern().Replace(text, "${key}${sep}" + Mask);
        return text;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKeyPattern();

    // scheme://user:password@ or scheme://token@ — everything between '//' and '@' of an authority.
    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)[^/\s@'""]+@")]
    private static partial Regex UrlUserInfoPattern();

    [GeneratedRegex(@"(?i)(?<prefix>\b(?:authorization|proxy-authorization)\s*[:=]\s*(?:(?:bearer|basic|token)\s+)?|\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"(?i)(?<prefix>""(?:auth|password|identitytoken|registrytoken)""\s*:\s*"")[^""]*""")]
    private static partial Regex DockerAuthPattern();

    [GeneratedRegex(@"(?i)(?<key>\b[A-Za-z0-9_.-]*(?:password|passwd|pwd|token|secret|api[_-]?key|access[_-]?key|private[_-]?key)\b)(?<sep>\s*[:=]\s*)(?!\*\*\*)[^\s""'&,;]+")]
    private static partial Regex KeyValuePattern();
}

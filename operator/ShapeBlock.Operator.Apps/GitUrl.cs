using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ShapeBlock.Operator.Apps;

/// <summary>How a git URL is reached.</summary>
public enum GitTransport
{
    /// <summary><c>https://</c> (or <c>http://</c>).</summary>
    Http,

    /// <summary><c>ssh://</c> or the scp-like <c>user@host:path</c>.</summary>
    Ssh,

    /// <summary><c>git://</c> (anonymous, read-only).</summary>
    Git,
}

/// <summary>
/// A git clone URL, checked and split into the parts the clone step needs (host and port for
/// <c>ssh-keyscan</c>). Only network transports are accepted: <c>file://</c>, local paths and
/// <c>ext::</c> (which runs a command) are refused.
/// </summary>
/// <param name="Url">The URL as given.</param>
/// <param name="Transport">The transport.</param>
/// <param name="Host">The host, without brackets for IPv6.</param>
/// <param name="Port">The port (the transport's default when the URL gives none).</param>
public sealed partial record GitUrl(string Url, GitTransport Transport, string Host, int Port)
{
    /// <summary>Parses a clone URL: <c>https://host[:port]/path</c>, <c>ssh://[user@]host[:port]/path</c>, <c>git://…</c>, <c>[user@]host:path</c>.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The parsed URL.</returns>
    /// <exception cref="FormatException">The URL is not a usable clone URL; the message says why.</exception>
    public static GitUrl Parse(string url) =>
        TryParse(url, out var result, out var error) ? result : throw new FormatException($"git url '{Redact(url)}' is not usable: {error}");

    /// <summary>Parses a clone URL without throwing.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="result">The parsed URL when valid.</param>
    /// <returns>True when valid.</returns>
    public static bool TryParse(string? url, [NotNullWhen(true)] out GitUrl? result) => TryParse(url, out result, out _);

    /// <summary>The URL with any password or token in its user-info replaced by <c>***</c>.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The URL, safe to log.</returns>
    public static string Redact(string url) => SecretScrubber.Scrub(url);

    private static bool TryParse(string? url, [NotNullWhen(true)] out GitUrl? result, out string error)
    {
        result = null;
        var text = url?.Trim() ?? "";
        if (text.Length == 0 || text.StartsWith('-') || text.Any(char.IsWhiteSpace) || text.Any(char.IsControl))
        {
            error = "it is empty, starts with '-' or contains spaces";
            return false;
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return TryParseScpLike(text, out result, out error);
        }

        var transport = text[..scheme].ToLowerInvariant() switch
        {
            "https" or "http" => GitTransport.Http,
            "ssh" or "git+ssh" or "ssh+git" => GitTransport.Ssh,
            "git" => (GitTransport?)GitTransport.Git,
            _ => null,
        };
        if (transport is null)
        {
            error = $"the scheme '{text[..scheme]}' is not supported (use https://, ssh:// or git@host:path)";
            return false;
        }

        var rest = text[(scheme + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..];
        var at = authority.LastIndexOf('@');
        var hostPort = at < 0 ? authority : authority[(at + 1)..];
        if (!TrySplitHostPort(hostPort, out var host, out var port) || path.Length == 0)
        {
            error = "it needs a host and a repository path";
            return false;
        }

        var defaultPort = transport switch
        {
            GitTransport.Ssh => 22,
            GitTransport.Git => 9418,
            _ => text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 80 : 443,
        };
        result = new GitUrl(text, transport.Value, host, port ?? defaultPort);
        error = "";
        return true;
    }

    // scp-like syntax: [user@]host:path — the ':' comes before any '/', and the host is not a drive letter.
    private static bool TryParseScpLike(string text, [NotNullWhen(true)] out GitUrl? result, out string error)
    {
        result = null;
        var match = ScpLikePattern().Match(text);
        if (!match.Success)
        {
            error = "use https://host/owner/repo.git, ssh://git@host[:port]/owner/repo.git or git@host:owner/repo.git (local paths and file:// are not allowed)";
            return false;
        }

        var host = match.Groups["host"].Value.Trim('[', ']');
        if (!HostPattern().IsMatch(host))
        {
            error = $"'{host}' is not a valid host";
            return false;
        }

        result = new GitUrl(text, GitTransport.Ssh, host, 22);
        error = "";
        return true;
    }

    private static bool TrySplitHostPort(string hostPort, out string host, out int? port)
    {
        port = null;
        host = hostPort;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.Length > 0 && !(after.StartsWith(':') && TryPort(after[1..], out port)))
            {
                return false;
            }

            return host.Length > 0 && host.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.');
        }

        var colon = hostPort.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!TryPort(hostPort[(colon + 1)..], out port))
            {
                return false;
            }

            host = hostPort[..colon];
        }

        return HostPattern().IsMatch(host);
    }

    private static bool TryPort(string text, out int? port)
    {
        port = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536)
        {
            port = value;
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^(?:[A-Za-z0-9._-]+@)?(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(?!//)(?<path>[^\s]+)$")]
    private static partial Regex ScpLikePattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|[0-9A-Fa-f:.]+)$")]
    private static partial Regex HostPattern();
}

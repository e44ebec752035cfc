using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// A container image reference, parsed with the rules of the Docker/OCI distribution grammar:
/// <c>[registry[:port]/]path[:tag][@algorithm:digest]</c>. The first path component is a registry
/// only when it contains a <c>.</c> or a <c>:</c> or is <c>localhost</c>; otherwise the registry is
/// <c>docker.io</c> and one-component names get the <c>library/</c> prefix.
/// </summary>
/// <param name="Registry">The registry host, with its port when it has one (<c>docker.io</c> for Docker Hub).</param>
/// <param name="Repository">The path inside the registry, e.g. <c>library/nginx</c> or <c>team/shop/web</c>.</param>
/// <param name="Tag">The tag, or null.</param>
/// <param name="Digest">The content digest (<c>sha256:…</c>), or null.</param>
public sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>The registry of Docker Hub, used when a reference names none.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The tag an untagged, undigested reference resolves to.</summary>
    public const string DefaultTag = "latest";

    /// <summary><c>registry/repository</c>, without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The tag a runtime would pull: the tag, or <c>latest</c> when the reference has neither tag nor digest.</summary>
    public string? EffectiveTag => Tag ?? (Digest is null ? DefaultTag : null);

    /// <summary>Parses a reference.</summary>
    /// <param name="reference">The reference text.</param>
    /// <returns>The parsed reference.</returns>
    /// <exception cref="FormatException">The text is not a valid image reference; the message says why.</exception>
    public static ImageReference Parse(string reference) =>
        TryParse(reference, out var result, out var error) ? result : throw new FormatException($"'{reference}' is not a valid image reference: {error}");

    /// <summary>Parses a reference without throwing.</summary>
    /// <param name="reference">The reference text.</param>
    /// <param name="result">The parsed reference when valid.</param>
    /// <returns>True when the text is a valid reference.</returns>
    public static bool TryParse(string? reference, [NotNullWhen(true)] out ImageReference? result) => TryParse(reference, out result, out _);

    /// <summary>
    /// The image a build pushes: <c>&lt;registry url&gt;/&lt;namespace&gt;/&lt;app&gt;:&lt;tag&gt;</c>. The registry URL may
    /// carry a scheme (dropped) and a path (kept), e.g. <c>registry.example.com:5000/team</c>.
    /// </summary>
    /// <param name="registryUrl">The App's <c>registry.url</c>.</param>
    /// <param name="projectNamespace">The project namespace.</param>
    /// <param name="app">The app name.</param>
    /// <param name="tag">The tag.</param>
    /// <returns>The destination reference.</returns>
    /// <exception cref="ArgumentException">The registry URL is not usable (see <see cref="SplitRegistryUrl"/>) or the tag is invalid.</exception>
    public static ImageReference ForBuild(string registryUrl, string projectNamespace, string app, string tag) =>
        Repo(registryUrl, projectNamespace, app, null).WithTag(tag);

    /// <summary>The build cache repository of an app: <c>&lt;registry url&gt;/&lt;namespace&gt;/&lt;app&gt;/cache</c> (no tag).</summary>
    /// <param name="registryUrl">The App's <c>registry.url</c>.</param>
    /// <param name="projectNamespace">The project namespace.</param>
    /// <param name="app">The app name.</param>
    /// <returns>The cache repository.</returns>
    public static ImageReference CacheFor(string registryUrl, string projectNamespace, string app) =>
        Repo(registryUrl, projectNamespace, app, "cache");

    /// <summary>
    /// Splits a registry URL into host and optional path. The host must look like a registry host
    /// (contain <c>.</c> or <c>:</c>, or be <c>localhost</c>): <c>registry/team/app</c> would otherwise
    /// silently mean <c>docker.io/registry/team/app</c> to every container runtime.
    /// </summary>
    /// <param name="registryUrl">e.g. <c>https://registry.example.com:5000/team/</c>.</param>
    /// <returns>The host (with port) and the path (empty when none).</returns>
    /// <exception cref="ArgumentException">The URL is empty, has no registry-like host, or an invalid path.</exception>
    public static (string Host, string Path) SplitRegistryUrl(string registryUrl)
    {
        var text = registryUrl.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        text = text.Trim('/');
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? text : text[..slash];
        var path = slash < 0 ? "" : text[(slash + 1)..];
        if (host.Length == 0 || !LooksLikeRegistry(host) || !HostPattern().IsMatch(host))
        {
            throw new ArgumentException($"registry url '{registryUrl}' must start with a registry host such as registry.example.com, registry.example.com:5000 or localhost:5000", nameof(registryUrl));
        }

        if (host == "index.docker.io")
        {
            host = DockerHub;
        }

        if (path.Length > 0 && !PathPattern().IsMatch(path))
        {
            throw new ArgumentException($"registry url '{registryUrl}' has an invalid path '{path}' (lower-case letters, digits and . _ - separators only)", nameof(registryUrl));
        }

        return (host, path);
    }

    /// <summary>The same image with another tag. The digest is dropped: a new tag names another image, and a kept digest would silently win over it.</summary>
    /// <param name="tag">The tag (<c>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}</c>).</param>
    /// <returns>The retagged reference.</returns>
    /// <exception cref="ArgumentException">The tag is invalid.</exception>
    public ImageReference WithTag(string tag) =>
        TagPattern().IsMatch(tag) ? this with { Tag = tag, Digest = null } : throw new ArgumentException($"'{tag}' is not a valid image tag", nameof(tag));

    /// <summary>The same image pinned to a digest; the tag is kept for readability (<c>name:tag@sha256:…</c>, the digest wins when pulling).</summary>
    /// <param name="digest">The digest, e.g. <c>sha256:</c> and 64 hex digits.</param>
    /// <returns>The pinned reference.</returns>
    /// <exception cref="ArgumentException">The digest is invalid.</exception>
    public ImageReference WithDigest(string digest) =>
        IsValidDigest(digest) ? this with { Digest = digest } : throw new ArgumentException($"'{digest}' is not a valid image digest", nameof(digest));

    /// <summary>The full reference: <c>registry/repository[:tag][@digest]</c>.</summary>
    /// <returns>The reference text, which <see cref="Parse"/> reads back to an equal value.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(Name);
        if (Tag is not null)
        {
            builder.Append(':').Append(Tag);
        }

        if (Digest is not null)
        {
            builder.Append('@').Append(Digest);
        }

        return builder.ToString();
    }

    private static ImageReference Repo(string registryUrl, string projectNamespace, string app, string? suffix)
    {
        var (host, path) = SplitRegistryUrl(registryUrl);
        var repository = string.Join('/', new[] { path, projectNamespace, app, suffix ?? "" }.Where(p => p.Length > 0));
        return PathPattern().IsMatch(repository)
            ? new ImageReference(host, repository, null, null)
            : throw new ArgumentException($"'{repository}' is not a valid repository path (lower-case letters, digits and . _ - separators only)");
    }

    private static bool TryParse(string? reference, [NotNullWhen(true)] out ImageReference? result, out string error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(reference))
        {
            error = "it is empty";
            return false;
        }

        var rest = reference.Trim();
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!IsValidDigest(digest))
            {
                error = $"'{digest}' is not a valid digest (expected sha256: and 64 lower-case hex digits)";
                return false;
            }
        }

        // A ':' after the last '/' starts the tag; one before it belongs to a registry port.
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"'{tag}' is not a valid tag";
                return false;
            }
        }

        var registry = DockerHub;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && LooksLikeRegistry(rest[..slash]))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
            if (!HostPattern().IsMatch(registry))
            {
                error = $"'{registry}' is not a valid registry host";
                return false;
            }

            if (registry == "index.docker.io")
            {
                registry = DockerHub;
            }
        }

        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal))
        {
            rest = "library/" + rest;
        }

        if (!PathPattern().IsMatch(rest))
        {
            error = rest.Any(char.IsUpper)
                ? "the repository name must be lower-case"
                : $"'{rest}' is not a valid repository path";
            return false;
        }

        if (registry.Length + 1 + rest.Length > 255)
        {
            error = "the name is longer than 255 characters";
            return false;
        }

        result = new ImageReference(registry, rest, tag, digest);
        error = "";
        return true;
    }

    private static bool LooksLikeRegistry(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal) || component == "localhost";

    private static bool IsValidDigest(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) ? Sha256DigestPattern().IsMatch(digest) : OtherDigestPattern().IsMatch(digest);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    // Path components: lower-case alphanumerics separated by '.', '_', '__' or runs of '-'.
    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex PathPattern();

    // A DNS name or an [IPv6] literal, with an optional port.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Sha256DigestPattern();

    [GeneratedRegex("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$")]
    private static partial Regex OtherDigestPattern();
}

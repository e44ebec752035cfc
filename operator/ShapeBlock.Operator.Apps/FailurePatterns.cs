using System.Text.RegularExpressions;
using ShapeBlock.Api;

namespace ShapeBlock.Operator.Apps;

/// <summary>A recognisable failure in a log line: the class it means and what to tell the user.</summary>
/// <param name="Reason">The failure class (a <see cref="Reasons"/> value).</param>
/// <param name="Pattern">What the line contains.</param>
/// <param name="Summary">A human sentence (the matched line is appended to it).</param>
internal sealed record FailurePattern(string Reason, Regex Pattern, string Summary);

/// <summary>
/// The error texts of git, kaniko, the CNB lifecycle, registries and Helm, by failure class. Order is
/// precedence: credentials are checked before "not found" (servers hide private repositories behind a
/// not-found), and both before network errors ("the remote end hung up" follows every refusal).
/// </summary>
internal static partial class FailurePatterns
{
    public static IReadOnlyList<FailurePattern> Git { get; } =
    [
        new(Reasons.GitAuthFailed, Rx(@"Permission denied \(publickey|Authentication failed for|could not read (Username|Password) for|terminal prompts disabled|HTTP Basic: Access denied|Invalid username or (password|token)|The requested URL returned error: 40[13]\b|Load key .*: (invalid format|error in libcrypto)"),
            "The git server refused the credentials (check the deploy key or token and its access to the repository)"),
        new(Reasons.GitRepoNotFound, Rx(@"Repository not found|repository '.*' not found|does not appear to be a git repository|The project you were looking for could not be found|The requested URL returned error: 404\b"),
            "The git repository does not exist, or the credentials cannot see it"),
        new(Reasons.GitRefNotFound, Rx(@"couldn't find remote ref|Remote branch .* not found in upstream|shapeblock: error: git ref .* not found|did not match any file\(s\) known to git|reference is not a tree|not our ref|unknown revision"),
            "The branch, tag or commit does not exist in the repository"),
        new(Reasons.GitUnreachable, Rx(@"shapeblock: error: cannot reach git host|Could not resolve host|Connection (timed out|refused|reset)|Failed to connect to|Network is unreachable|No route to host|Operation timed out|Host key verification failed|SSL certificate problem|server certificate verification failed|the remote end hung up unexpectedly|early EOF"),
            "The git host could not be reached"),
    ];

    public static IReadOnlyList<FailurePattern> Build { get; } =
    [
        new(Reasons.RegistryAuthFailed, Rx(@"error checking push permissions|UNAUTHORIZED|authentication required|DENIED: requested access|denied: requested access|no basic auth credentials|status code 401|401 Unauthorized|unexpected status code 40[13]|validating registry write access|ensure registry read/write access"),
            "The registry refused the credentials (check the registry Secret and its push rights)"),
        new(Reasons.ImageNotFound, Rx(@"MANIFEST_UNKNOWN|manifest unknown|NAME_UNKNOWN|\bNOT_FOUND\b|not found: manifest"),
            "An image the build needs does not exist (check FROM lines and the builder image)"),
        new(Reasons.BuildFailed, Rx(@"error resolving dockerfile path|please provide a valid path to a Dockerfile"),
            "No Dockerfile at the configured path (build.dockerfile is relative to git.subPath)"),
        new(Reasons.BuildFailed, Rx(@"No buildpack groups passed detection|ERROR: failed to detect"),
            "No buildpack recognised the app (add the files your language's buildpack looks for, or use a Dockerfile)"),
        new(Reasons.BuildFailed, Rx(@"failed to execute command|exit status [1-9]|ERROR: failed to build|exited with code [1-9]"),
            "A build step failed"),
    ];

    public static IReadOnlyList<FailurePattern> Pull { get; } =
    [
        new(Reasons.ImageNotFound, Rx(@"not found|manifest unknown|MANIFEST_UNKNOWN|NAME_UNKNOWN|InvalidImageName|invalid reference format"),
            "The image does not exist"),
        new(Reasons.RegistryAuthFailed, Rx(@"unauthorized|authentication required|denied|401|403|no basic auth credentials"),
            "The registry refused to let the cluster pull the image (check the registry Secret)"),
    ];

    /// <summary>
    /// Finds the failure in a log: first the last error line alone (the fatal one), then every line in
    /// pattern order. Returns the pattern and the line it matched.
    /// </summary>
    public static (FailurePattern Pattern, string Line)? Match(IReadOnlyList<FailurePattern> patterns, IReadOnlyList<string> lines)
    {
        if (lines.LastOrDefault(l => ErrorLine().IsMatch(l)) is { } last && patterns.FirstOrDefault(p => p.Pattern.IsMatch(last)) is { } direct)
        {
            return (direct, last);
        }

        foreach (var pattern in patterns)
        {
            if (lines.LastOrDefault(pattern.Pattern.IsMatch) is { } line)
            {
                return (pattern, line);
            }
        }

        return null;
    }

    /// <summary>The last line that reads like an error, for a message when no pattern matched.</summary>
    public static string? LastErrorLine(IReadOnlyList<string> lines) =>
        lines.LastOrDefault(l => ErrorLine().IsMatch(l)) ?? lines.LastOrDefault(l => l.Trim().Length > 0);

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"(?i)^\s*(fatal|error|shapeblock: error)\b|^\s*(ERRO|FATA)\[|^\s*npm ERR!|level=(error|fatal)")]
    private static partial Regex ErrorLine();
}

using System.Diagnostics;
using ShapeBlock.Api;

namespace ShapeBlock.Operator.Apps.Tests;

/// <summary>Skips a test when git or sh is not installed.</summary>
public sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        if (!OnPath("git") || !File.Exists("/bin/sh"))
        {
            Skip = "git and /bin/sh are needed to run the clone script";
        }
    }

    internal static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}

/// <summary>A local repository with a tag, two commits on main and a feature branch, shared by the tests of a class.</summary>
public sealed class OriginRepository : IDisposable
{
    public OriginRepository()
    {
        Root = Directory.CreateTempSubdirectory("sb-git-").FullName;
        Path = System.IO.Path.Combine(Root, "origin");
        if (!GitFactAttribute.OnPath("git"))
        {
            First = Second = Feature = "";
            return;
        }

        GitCloneScriptTests.Git(Root, "init", "-q", "-b", "main", Path);
        File.WriteAllText(System.IO.Path.Combine(Path, "app.txt"), "one");
        GitCloneScriptTests.Git(Path, "add", ".");
        GitCloneScriptTests.Git(Path, "commit", "-q", "-m", "one");
        First = GitCloneScriptTests.Git(Path, "rev-parse", "HEAD");
        GitCloneScriptTests.Git(Path, "tag", "v1.0");
        File.WriteAllText(System.IO.Path.Combine(Path, "app.txt"), "two");
        GitCloneScriptTests.Git(Path, "commit", "-q", "-am", "two");
        Second = GitCloneScriptTests.Git(Path, "rev-parse", "HEAD");
        GitCloneScriptTests.Git(Path, "checkout", "-q", "-b", "feature");
        File.WriteAllText(System.IO.Path.Combine(Path, "app.txt"), "feature");
        GitCloneScriptTests.Git(Path, "commit", "-q", "-am", "feature");
        Feature = GitCloneScriptTests.Git(Path, "rev-parse", "HEAD");
        GitCloneScriptTests.Git(Path, "checkout", "-q", "main");
    }

    public string Root { get; }

    public string Path { get; }

    public string First { get; }

    public string Second { get; }

    public string Feature { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>Runs the real clone script against a local repository (file://), as the init container would.</summary>
public sealed class GitCloneScriptTests(OriginRepository origin) : IClassFixture<OriginRepository>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sb-clone-").FullName;
    private readonly string _origin = origin.Path;
    private readonly string _first = origin.First;
    private readonly string _second = origin.Second;
    private readonly string _feature = origin.Feature;

    [GitFact]
    public void ClonesTheDefaultBranch() => AssertCloned(null, _second, "two");

    [GitFact]
    public void ClonesABranch() => AssertCloned("feature", _feature, "feature");

    [GitFact]
    public void ClonesATag() => AssertCloned("v1.0", _first, "one");

    [GitFact]
    public void ClonesAFullShaThatIsNoBranchTip() => AssertCloned(_first, _first, "one");

    [GitFact]
    public void ClonesAShortShaThroughTheFullFetch()
    {
        var run = AssertCloned(_first[..7], _first, "one");

        Assert.Contains("fetching the full history", run.Output, StringComparison.Ordinal);
    }

    [GitFact]
    public void ResolvesWithoutCheckout()
    {
        var run = Run("feature", noCheckout: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(_feature, run.Result);
        Assert.False(File.Exists(Path.Combine(run.Source, "app.txt")));
    }

    [GitFact]
    public void AMissingBranchIsGitRefNotFound() => AssertFails(Run("nope"), Reasons.GitRefNotFound);

    [GitFact]
    public void AMissingShaIsGitRefNotFound() => AssertFails(Run("deadbee"), Reasons.GitRefNotFound);

    [GitFact]
    public void AMissingRepositoryIsGitRepoNotFound() => AssertFails(Run("main", url: "file://" + Path.Combine(_root, "missing")), Reasons.GitRepoNotFound);

    [GitFact]
    public void ARefIsNeverExecuted()
    {
        var marker = Path.Combine(_root, "pwned");
        var run = Run($"$(touch {marker})`touch {marker}`;touch {marker}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(marker));
        AssertFails(run, Reasons.GitRefNotFound);
    }

    [GitFact]
    public void AnUnreachableSshHostIsGitUnreachable()
    {
        if (!GitFactAttribute.OnPath("ssh-keyscan"))
        {
            return;
        }

        // Port 1 on loopback: nothing listens, ssh-keyscan gets no key.
        var run = Run("main", url: "ssh://git@127.0.0.1:1/repo.git", extra: new() { ["GIT_SSH_HOST"] = "127.0.0.1", ["GIT_SSH_PORT"] = "1" });

        Assert.Equal(128, run.ExitCode);
        AssertFails(run, Reasons.GitUnreachable);
    }

    [GitFact]
    public void HandsTheSourceToTheBuildpackUser()
    {
        if (Environment.UserName != "root")
        {
            return;
        }

        var run = Run("main", extra: new() { ["SOURCE_OWNER"] = "1234:1234" });

        Assert.Equal(0, run.ExitCode);
        var owner = Process.Start(new ProcessStartInfo("stat", ["-c", "%u:%g", Path.Combine(run.Source, "app.txt")]) { RedirectStandardOutput = true })!;
        owner.WaitForExit();
        Assert.Equal("1234:1234", owner.StandardOutput.ReadToEnd().Trim());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private RunResult AssertCloned(string? gitRef, string commit, string content)
    {
        var run = Run(gitRef);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(commit, run.Result);
        Assert.Equal(content, File.ReadAllText(Path.Combine(run.Source, "app.txt")));
        Assert.Contains("shapeblock: cloned commit " + commit, run.Output, StringComparison.Ordinal);
        return run;
    }

    private static void AssertFails(RunResult run, string reason)
    {
        Assert.NotEqual(0, run.ExitCode);
        var failure = new BuildFailureClassifier().Classify(new BuildObservation
        {
            Pod = BuildFailureClassifierTests.FailedPod("git-clone", run.ExitCode),
            Log = run.Output,
        });
        Assert.True(failure?.Reason == reason, $"expected {reason}, got {failure?.Reason}: {failure?.Message}\n{run.Output}");
    }

    private RunResult Run(string? gitRef, bool noCheckout = false, string? url = null, Dictionary<string, string>? extra = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "run-" + Guid.NewGuid().ToString("N"))).FullName;
        var source = Path.Combine(dir, "source");
        var result = Path.Combine(dir, "result");
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in GitCloneScript.Command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        Clean(start);
        start.Environment["GIT_URL"] = url ?? "file://" + _origin;
        start.Environment["GIT_ALLOW_PROTOCOL"] = "file";
        start.Environment["SOURCE_DIR"] = source;
        start.Environment["RESULT_FILE"] = result;
        start.Environment["HOME_DIR"] = Path.Combine(dir, "home");
        if (gitRef is not null)
        {
            start.Environment["GIT_REF"] = gitRef;
        }

        if (noCheckout)
        {
            start.Environment["GIT_NO_CHECKOUT"] = "true";
        }

        foreach (var (key, value) in extra ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new RunResult(process.ExitCode, stdout.Result + stderr.Result, File.Exists(result) ? File.ReadAllText(result) : null, source);
    }

    internal static string Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Clean(start);
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output.Trim();
    }

    private static void Clean(ProcessStartInfo start)
    {
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
    }

    private sealed record RunResult(int ExitCode, string Output, string? Result, string Source);
}

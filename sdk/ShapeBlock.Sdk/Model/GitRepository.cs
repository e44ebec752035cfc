namespace ShapeBlock.Sdk.Model;

/// <summary>A git repository to build from: <c>Git = new("https://github.com/acme/shop.git", branch: "main")</c>.</summary>
public sealed record GitRepository
{
    /// <summary>Creates a repository reference.</summary>
    /// <param name="url">Clone URL: <c>https://…</c>, <c>git@host:owner/repo.git</c> or <c>ssh://…</c>.</param>
    /// <param name="branch">Branch built when a build gives no ref; the default branch when empty.</param>
    public GitRepository(string url, string? branch = null)
    {
        Url = url ?? "";
        Branch = branch;
    }

    /// <summary>The clone URL.</summary>
    public string Url { get; init; }

    /// <summary>Branch built when a build gives no ref; the default branch when empty.</summary>
    public string? Branch { get; init; }

    /// <summary>Directory inside the repository used as the build context.</summary>
    public string? SubPath { get; init; }

    /// <summary>A Secret in the project with credentials (<c>kubernetes.io/ssh-auth</c> or <c>basic-auth</c>).</summary>
    public string? SecretName { get; init; }

    /// <summary>The repository is private; without <see cref="SecretName"/> the operator fetches a deploy key from the ShapeBlock server.</summary>
    public bool IsPrivate { get; init; }
}

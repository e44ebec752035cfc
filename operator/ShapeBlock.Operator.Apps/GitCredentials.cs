namespace ShapeBlock.Operator.Apps;

/// <summary>What kind of git credentials a Secret holds.</summary>
public enum GitCredentialKind
{
    /// <summary>A <c>kubernetes.io/ssh-auth</c> Secret (key <c>ssh-privatekey</c>, optional <c>known_hosts</c>).</summary>
    SshKey,

    /// <summary>A <c>kubernetes.io/basic-auth</c> Secret (keys <c>username</c>, <c>password</c>: a token for https).</summary>
    BasicAuth,
}

/// <summary>The Secret the clone step authenticates with. The reconciler decides which (the App's
/// <c>git.secretName</c>, or the deploy-key Secret <c>&lt;app&gt;-git-auth</c>) after reading its type.</summary>
/// <param name="SecretName">The Secret in the project namespace.</param>
/// <param name="Kind">What it holds.</param>
public sealed record GitCredentials(string SecretName, GitCredentialKind Kind)
{
    /// <summary>The Secret type of SSH credentials.</summary>
    public const string SshAuthType = "kubernetes.io/ssh-auth";

    /// <summary>The Secret type of user/token credentials.</summary>
    public const string BasicAuthType = "kubernetes.io/basic-auth";

    /// <summary>The Secret the operator writes the server's deploy key into when an App is private and names no Secret.</summary>
    /// <param name="app">The app name.</param>
    /// <returns><c>&lt;app&gt;-git-auth</c>.</returns>
    public static string DeployKeySecretName(string app) => app + "-git-auth";

    /// <summary>Credentials from a Secret's name and type.</summary>
    /// <param name="secretName">The Secret name.</param>
    /// <param name="secretType">The Secret's <c>type</c>.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ArgumentException">The type is neither ssh-auth nor basic-auth.</exception>
    public static GitCredentials FromSecret(string secretName, string? secretType) => secretType switch
    {
        SshAuthType => new GitCredentials(secretName, GitCredentialKind.SshKey),
        BasicAuthType => new GitCredentials(secretName, GitCredentialKind.BasicAuth),
        _ => throw new ArgumentException($"git Secret '{secretName}' has type '{secretType}'; use {SshAuthType} (ssh-privatekey) or {BasicAuthType} (username, password)", nameof(secretType)),
    };
}

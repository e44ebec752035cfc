using k8s.Models;

namespace ShapeBlock.Operator.Apps;

/// <summary>The clone step of build and resolve pods: <see cref="GitCloneScript"/> in the git image.</summary>
internal static class GitCloneContainer
{
    public const string Name = "git-clone";
    public const string WorkspaceVolume = "workspace";
    public const string WorkspacePath = "/workspace";
    public const string SourcePath = "/workspace/source";
    public const string AuthVolume = "git-auth";
    public const string AuthPath = "/etc/git-auth";

    /// <summary>Only network transports: git refuses file://, ext:: and the rest even if a URL slipped through.</summary>
    public const string AllowedProtocols = "https:http:ssh:git";

    public static V1Container Create(BuildPlan plan, GitCredentials? credentials, BuildOptions options, string? sourceOwner, bool checkout)
    {
        CheckCredentials(plan.Git, credentials);
        var env = new List<V1EnvVar>
        {
            Value(GitCloneScript.UrlVariable, plan.Git.Url),
            Value("GIT_ALLOW_PROTOCOL", AllowedProtocols),
            Value(GitCloneScript.SourceDirVariable, SourcePath),
            Value(GitCloneScript.ResultFileVariable, "/dev/termination-log"),
        };
        if (plan.GitRef is { } gitRef)
        {
            env.Add(Value(GitCloneScript.RefVariable, gitRef));
        }

        if (plan.Git.Transport == GitTransport.Ssh)
        {
            env.Add(Value(GitCloneScript.SshHostVariable, plan.Git.Host));
            env.Add(Value(GitCloneScript.SshPortVariable, plan.Git.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var mounts = new List<V1VolumeMount> { new() { Name = WorkspaceVolume, MountPath = WorkspacePath } };
        switch (credentials?.Kind)
        {
            case GitCredentialKind.SshKey:
                env.Add(Value(GitCloneScript.SshKeyFileVariable, AuthPath + "/ssh-privatekey"));
                env.Add(Value(GitCloneScript.KnownHostsFileVariable, AuthPath + "/known_hosts"));
                mounts.Add(new V1VolumeMount { Name = AuthVolume, MountPath = AuthPath, ReadOnlyProperty = true });
                break;
            case GitCredentialKind.BasicAuth:
                env.Add(SecretKey(GitCloneScript.UsernameVariable, credentials.SecretName, "username", optional: true));
                env.Add(SecretKey(GitCloneScript.PasswordVariable, credentials.SecretName, "password", optional: false));
                break;
        }

        if (sourceOwner is not null)
        {
            env.Add(Value(GitCloneScript.SourceOwnerVariable, sourceOwner));
        }

        if (!checkout)
        {
            env.Add(Value(GitCloneScript.NoCheckoutVariable, "true"));
        }

        return new V1Container
        {
            Name = Name,
            Image = options.GitImage,
            Command = [.. GitCloneScript.Command],
            Env = env,
            VolumeMounts = mounts,
            Resources = Quantities.Requirements(options.GitResources),
            TerminationMessagePolicy = "FallbackToLogsOnError",
        };
    }

    /// <summary>The volume of SSH credentials (mode 0400), when the credentials are a key.</summary>
    public static V1Volume? AuthVolumeFor(GitCredentials? credentials) => credentials?.Kind == GitCredentialKind.SshKey
        ? new V1Volume { Name = AuthVolume, Secret = new V1SecretVolumeSource { SecretName = credentials.SecretName, DefaultMode = 256 } }
        : null;

    private static void CheckCredentials(GitUrl url, GitCredentials? credentials)
    {
        if (credentials?.Kind == GitCredentialKind.SshKey && url.Transport != GitTransport.Ssh)
        {
            throw new InvalidOperationException($"git Secret '{credentials.SecretName}' holds an SSH key, but the git url is not an SSH url (use git@{url.Host}:owner/repo.git, or a kubernetes.io/basic-auth Secret with a token)");
        }

        if (credentials?.Kind == GitCredentialKind.BasicAuth && url.Transport != GitTransport.Http)
        {
            throw new InvalidOperationException($"git Secret '{credentials.SecretName}' holds a user and token, which only https urls use (or give a kubernetes.io/ssh-auth Secret)");
        }
    }

    private static V1EnvVar Value(string name, string value) => new() { Name = name, Value = value };

    private static V1EnvVar SecretKey(string name, string secret, string key, bool optional) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key, Optional = optional } },
    };
}

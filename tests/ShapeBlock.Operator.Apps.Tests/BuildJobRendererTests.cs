using System.Text;
using k8s.Models;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class BuildJobRendererTests
{
    private const string Evil = "$(rm -rf /);\"'`reboot`\n&& echo pwned";

    private readonly BuildJobRenderer _renderer = new();

    [Fact]
    public void DockerfileBuildJob()
    {
        var request = DockerfileRequest();

        var job = _renderer.RenderBuildJob(request);

        Golden.Check("job-dockerfile.yaml", Fixtures.Yaml(job));
        Assert.Equal("web-42", job.Metadata.Name);
        Assert.Equal("shop", job.Metadata.NamespaceProperty);
        var owner = Assert.Single(job.Metadata.OwnerReferences);
        Assert.Equal(("AppBuild", "web-42", "0a1b2c3d-0000-4000-8000-000000000042", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
        Assert.Equal("web", job.Metadata.Labels["shapeblock.io/app"]);
        Assert.Equal("web-42", job.Metadata.Labels["shapeblock.io/build"]);
        Assert.Equal("shop", job.Metadata.Labels["shapeblock.io/project"]);
        Assert.Equal("shapeblock-operator", job.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal(job.Metadata.Labels, job.Spec.Template.Metadata.Labels);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal(900, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal(3600, job.Spec.TtlSecondsAfterFinished);
        var pod = job.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Equal("kubernetes.io/arch", pod.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0].Key);
        Assert.Equal("git-clone", Assert.Single(pod.InitContainers).Name);

        var kaniko = Assert.Single(pod.Containers);
        Assert.Equal("ghcr.io/osscontainertools/kaniko:v1.28.3", kaniko.Image);
        Assert.Null(kaniko.Command);
        Assert.Equal(
            [
                "--context=dir:///workspace/source/web",
                "--dockerfile=/workspace/source/web/docker/Dockerfile",
                "--build-arg=NODE_ENV=production",
                "--build-arg=API_URL=https://api.example.com/?a=1&b=2",
                "--build-arg=EMPTY=",
                "--destination=registry.example.com:5000/team/shop/web:" + Fixtures.Sha[..7],
                "--cache=true",
                "--cache-repo=registry.example.com:5000/team/shop/web/cache",
                "--digest-file=/dev/termination-log",
            ],
            kaniko.Args);
        Assert.Contains(kaniko.VolumeMounts, m => m.MountPath == "/kaniko/.docker" && m.Name == "docker-config");
        var dockerConfig = pod.Volumes.Single(v => v.Name == "docker-config").Secret;
        Assert.Equal(("registry-creds", ".dockerconfigjson", "config.json"), (dockerConfig.SecretName, dockerConfig.Items[0].Key, dockerConfig.Items[0].Path));
    }

    [Fact]
    public void ResourcesComeFromTheSpecOrSmallDefaults()
    {
        var defaults = _renderer.RenderBuildJob(DockerfileRequest()).Spec.Template.Spec.Containers[0].Resources;
        var request = DockerfileRequest(b => b.Resources = new ResourceRequirements { Requests = new ComputeResources { Cpu = "2", Memory = "4Gi" } });
        var custom = _renderer.RenderBuildJob(request).Spec.Template.Spec.Containers[0].Resources;

        Assert.Equal(("250m", "512Mi", "2Gi"), (defaults.Requests["cpu"].ToString(), defaults.Requests["memory"].ToString(), defaults.Limits["memory"].ToString()));
        Assert.Equal(("2", "4Gi"), (custom.Requests["cpu"].ToString(), custom.Requests["memory"].ToString()));
        Assert.Null(custom.Limits);
    }

    [Fact]
    public void ValuesNeverReachAShell()
    {
        var app = Fixtures.App(spec => spec.Build.BuildVars = [new BuildVar { Key = "EVIL", Value = Evil }]);
        var build = Fixtures.Build(b =>
        {
            b.GitRef = Evil;
            b.ImageTag = "v1";
        });
        var request = new BuildRequest(app, build);

        var kaniko = _renderer.RenderBuildJob(request);
        var clone = kaniko.Spec.Template.Spec.InitContainers[0];
        var buildpack = new BuildRequest(Fixtures.App(spec =>
        {
            spec.Build.Type = BuildType.Buildpack;
            spec.Build.BuildVars = [new BuildVar { Key = "EVIL", Value = Evil }];
        }), build);
        var secret = _renderer.RenderBuildVarsSecret(buildpack)!;
        var creator = _renderer.RenderBuildJob(buildpack).Spec.Template.Spec.Containers[0];

        // kaniko: exactly one exec argument holds the value, verbatim.
        Assert.Single(kaniko.Spec.Template.Spec.Containers[0].Args, a => a == "--build-arg=EVIL=" + Evil);
        // clone step: the script is the constant text; the ref is one environment value.
        Assert.Equal(["/bin/sh", "-c", GitCloneScript.Script, "git-clone"], clone.Command);
        Assert.DoesNotContain("rm -rf", GitCloneScript.Script, StringComparison.Ordinal);
        Assert.Null(clone.Args);
        Assert.Single(clone.Env, e => e.Name == "GIT_REF" && e.Value == Evil);
        // buildpack: one file value, and nowhere in the creator's arguments or environment.
        Assert.Equal(Evil, Encoding.UTF8.GetString(secret.Data["EVIL"]));
        Assert.DoesNotContain(creator.Args.Concat(creator.Command).Concat(creator.Env.Select(e => e.Value)), a => a.Contains("rm -rf", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildpackBuildJob()
    {
        var request = BuildpackRequest();

        var job = _renderer.RenderBuildJob(request);
        var secret = _renderer.RenderBuildVarsSecret(request)!;

        Golden.Check("job-buildpack.yaml", Fixtures.Yaml(job));
        Golden.Check("secret-buildvars.yaml", Fixtures.Yaml(secret));
        var pod = job.Spec.Template.Spec;
        var creator = Assert.Single(pod.Containers);
        Assert.Equal("paketobuildpacks/builder-jammy-base", creator.Image);
        Assert.Equal(["/cnb/lifecycle/creator"], creator.Command);
        Assert.Equal(
            [
                "-app=/workspace/source",
                "-cache-image=registry.example.com:5000/team/shop/web/cache",
                "-layers=/layers",
                "-platform=/platform",
                "-report=/dev/termination-log",
                "registry.example.com:5000/team/shop/web:v2",
            ],
            creator.Args);
        Assert.Contains(creator.Env, e => e.Name == "CNB_PLATFORM_API" && e.Value == "0.13");
        Assert.Contains(creator.Env, e => e.Name == "DOCKER_CONFIG" && e.Value == "/docker-config");
        Assert.Contains(creator.VolumeMounts, m => m.Name == "build-vars" && m.MountPath == "/platform/env");
        Assert.Equal("web-42-buildvars", pod.Volumes.Single(v => v.Name == "build-vars").Secret.SecretName);
        // The lifecycle runs as the builder's user: the clone step hands the source over.
        Assert.Contains(pod.InitContainers[0].Env, e => e.Name == "SOURCE_OWNER" && e.Value == "1000:1000");
        Assert.Equal("web-42-buildvars", secret.Metadata.Name);
        Assert.Equal(["BP_NODE_VERSION", "NPM_TOKEN"], secret.Data.Keys.Order());
        Assert.Equal("web-42", secret.Metadata.OwnerReferences[0].Name);
    }

    [Fact]
    public void NoBuildVarsSecretWithoutVariablesOrForDockerfiles()
    {
        var noVars = new BuildRequest(Fixtures.App(spec => spec.Build.Type = BuildType.Buildpack), Fixtures.Build(b => b.ImageTag = "v1"));

        Assert.Null(_renderer.RenderBuildVarsSecret(noVars));
        Assert.DoesNotContain(_renderer.RenderBuildJob(noVars).Spec.Template.Spec.Volumes, v => v.Name == "build-vars");
        Assert.Null(_renderer.RenderBuildVarsSecret(DockerfileRequest()));
    }

    [Fact]
    public void ResolveJobOverSsh()
    {
        var app = Fixtures.App(spec => spec.Git!.Url = "ssh://git@git.example.com:2222/team/shop.git");
        var request = new BuildRequest(app, Fixtures.Build(b => b.GitRef = "release/2.0"))
        {
            GitCredentials = GitCredentials.FromSecret("web-git-auth", "kubernetes.io/ssh-auth"),
        };

        Assert.Throws<InvalidOperationException>(() => _renderer.RenderBuildJob(request));
        var job = _renderer.RenderResolveJob(request);

        Golden.Check("job-resolve-ssh.yaml", Fixtures.Yaml(job));
        Assert.Equal("web-42-resolve", job.Metadata.Name);
        Assert.Equal("resolve", job.Metadata.Labels[BuildJobRenderer.StepLabel]);
        Assert.Equal(300, job.Spec.ActiveDeadlineSeconds);
        var pod = job.Spec.Template.Spec;
        Assert.Null(pod.InitContainers);
        var clone = Assert.Single(pod.Containers);
        var env = clone.Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("git.example.com", env["GIT_SSH_HOST"]);
        Assert.Equal("2222", env["GIT_SSH_PORT"]);
        Assert.Equal("/etc/git-auth/ssh-privatekey", env["GIT_SSH_KEY_FILE"]);
        Assert.Equal("true", env["GIT_NO_CHECKOUT"]);
        Assert.Equal("release/2.0", env["GIT_REF"]);
        Assert.Equal(256, pod.Volumes.Single(v => v.Name == "git-auth").Secret.DefaultMode);
    }

    [Fact]
    public void BasicAuthCredentialsComeFromTheSecretAsEnvironment()
    {
        var request = DockerfileRequest() with { GitCredentials = new GitCredentials("github-token", GitCredentialKind.BasicAuth) };

        var clone = _renderer.RenderBuildJob(request).Spec.Template.Spec.InitContainers[0];

        var password = clone.Env.Single(e => e.Name == "GIT_PASSWORD");
        Assert.Null(password.Value);
        Assert.Equal(("github-token", "password"), (password.ValueFrom.SecretKeyRef.Name, password.ValueFrom.SecretKeyRef.Key));
        Assert.DoesNotContain(clone.Env, e => e.Name == "GIT_SSH_HOST");
    }

    [Theory]
    [InlineData("https://github.com/acme/shop.git", GitCredentialKind.SshKey)]
    [InlineData("git@github.com:acme/shop.git", GitCredentialKind.BasicAuth)]
    public void CredentialsThatCannotWorkForTheUrlAreRefused(string url, GitCredentialKind kind)
    {
        var request = new BuildRequest(Fixtures.App(spec => spec.Git!.Url = url), Fixtures.Build(b => b.ImageTag = "v1"))
        {
            GitCredentials = new GitCredentials("creds", kind),
        };

        Assert.Throws<InvalidOperationException>(() => _renderer.RenderBuildJob(request));
    }

    [Fact]
    public void InsecureRegistriesAreReachedOverHttp()
    {
        var renderer = new BuildJobRenderer(new BuildOptions { InsecureRegistries = ["registry.example.com:5000"] });

        var kaniko = renderer.RenderBuildJob(DockerfileRequest()).Spec.Template.Spec.Containers[0];
        var creator = renderer.RenderBuildJob(BuildpackRequest()).Spec.Template.Spec.Containers[0];

        Assert.Contains("--insecure", kaniko.Args);
        Assert.Contains("--insecure-registry=registry.example.com:5000", kaniko.Args);
        Assert.Contains("-insecure-registry=registry.example.com:5000", creator.Args);
        Assert.Equal("registry.example.com:5000/team/shop/web:v2", creator.Args[^1]);
    }

    [Fact]
    public void OnlyTheAllowedGitProtocolsAreEnabled()
    {
        var clone = _renderer.RenderBuildJob(DockerfileRequest()).Spec.Template.Spec.InitContainers[0];

        Assert.Contains(clone.Env, e => e.Name == "GIT_ALLOW_PROTOCOL" && e.Value == "https:http:ssh:git");
        Assert.Equal("FallbackToLogsOnError", clone.TerminationMessagePolicy);
    }

    private static BuildRequest DockerfileRequest(Action<AppBuildSpec>? configure = null)
    {
        var app = Fixtures.App(spec =>
        {
            spec.Git!.SubPath = "web";
            spec.Build.Dockerfile = "docker/Dockerfile";
            spec.Build.BuildVars = [new BuildVar { Key = "NODE_ENV", Value = "development" }, new BuildVar { Key = "API_URL", Value = "https://api.example.com/?a=1&b=2" }];
        });
        var build = Fixtures.Build(b =>
        {
            b.GitRef = "main";
            b.TimeoutSeconds = 900;
            b.BuildVars = [new BuildVar { Key = "NODE_ENV", Value = "production" }, new BuildVar { Key = "EMPTY" }];
            b.BuildNodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/arch", OperatorProperty = "In", Values = ["amd64"] }] }],
                },
            };
            configure?.Invoke(b);
        });
        return new BuildRequest(app, build) { ResolvedCommit = Fixtures.Sha };
    }

    private static BuildRequest BuildpackRequest()
    {
        var app = Fixtures.App(spec =>
        {
            spec.Git!.Url = "git@github.com:acme/shop.git";
            spec.Build = new BuildSpec { Type = BuildType.Buildpack, BuildVars = [new BuildVar { Key = "BP_NODE_VERSION", Value = "22" }] };
        });
        var build = Fixtures.Build(b =>
        {
            b.ImageTag = "v2";
            b.BuildVars = [new BuildVar { Key = "NPM_TOKEN", Value = "npm_secret_value" }];
        });
        return new BuildRequest(app, build) { GitCredentials = new GitCredentials("web-git-auth", GitCredentialKind.SshKey) };
    }
}

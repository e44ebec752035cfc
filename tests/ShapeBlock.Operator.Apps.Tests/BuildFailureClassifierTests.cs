using k8s.Models;
using ShapeBlock.Api;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class BuildFailureClassifierTests
{
    private readonly BuildFailureClassifier _classifier = new();

    public static TheoryData<string, string, string, string> Logs => new()
    {
        // container, log, expected reason, text the message must contain
        { "git-clone", "Cloning into '/workspace/source'...\nremote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/acme/shop.git/'", Reasons.GitAuthFailed, "Authentication failed" },
        { "git-clone", "Cloning into '/workspace/source'...\ngit@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.", Reasons.GitAuthFailed, "Permission denied (publickey)" },
        { "git-clone", "Load key \"/tmp/git-home/.ssh/id\": invalid format\ngit@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.", Reasons.GitAuthFailed, "credentials" },
        { "git-clone", "fatal: could not read Username for 'https://github.com': terminal prompts disabled", Reasons.GitAuthFailed, "could not read Username" },
        { "git-clone", "remote: HTTP Basic: Access denied. The provided password or token is incorrect or your account has 2FA enabled and you must use a personal access token instead of a password.\nfatal: Authentication failed for 'https://gitlab.com/acme/shop.git/'", Reasons.GitAuthFailed, "Authentication failed" },
        { "git-clone", "fatal: unable to access 'https://github.com/acme/shop.git/': The requested URL returned error: 403", Reasons.GitAuthFailed, "error: 403" },
        { "git-clone", "Cloning into '/workspace/source'...\nERROR: Repository not found.\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.", Reasons.GitRepoNotFound, "Repository not found" },
        { "git-clone", "remote: Repository not found.\nfatal: repository 'https://github.com/acme/nope.git/' not found", Reasons.GitRepoNotFound, "not found" },
        { "git-clone", "remote: The project you were looking for could not be found or you don't have permission to view it.\nfatal: repository 'https://gitlab.com/acme/nope.git/' not found", Reasons.GitRepoNotFound, "gitlab.com/acme/nope" },
        { "git-clone", "Cloning into '/workspace/source'...\nwarning: Could not find remote branch release/9 to clone.\nfatal: Remote branch release/9 not found in upstream origin", Reasons.GitRefNotFound, "release/9" },
        { "git-clone", "fatal: couldn't find remote ref refs/heads/nope", Reasons.GitRefNotFound, "couldn't find remote ref" },
        { "git-clone", "fatal: remote error: upload-pack: not our ref 0123456789abcdef0123456789abcdef01234567\nshapeblock: 0123456789abcdef0123456789abcdef01234567 cannot be fetched shallowly; fetching the full history\nshapeblock: error: git ref 0123456789abcdef0123456789abcdef01234567 not found in the repository", Reasons.GitRefNotFound, "not found in the repository" },
        { "git-clone", "Cloning into '/workspace/source'...\nfatal: unable to access 'https://git.example.com/acme/shop.git/': Could not resolve host: git.example.com", Reasons.GitUnreachable, "Could not resolve host" },
        { "git-clone", "fatal: unable to access 'https://git.example.com/x.git/': Failed to connect to git.example.com port 443 after 130 ms: Connection refused", Reasons.GitUnreachable, "Connection refused" },
        { "git-clone", "ssh: connect to host git.example.com port 22: Connection timed out\nfatal: Could not read from remote repository.", Reasons.GitUnreachable, "Connection timed out" },
        { "git-clone", "shapeblock: error: cannot reach git host git.example.com port 2222 (ssh-keyscan got no host key)", Reasons.GitUnreachable, "port 2222" },
        { "build", "INFO[0000] Retrieving image manifest node:22-alpine\nINFO[0001] Built cross stage deps: map[]\nerror checking push permissions -- make sure you entered the correct tag name, and that you are authenticated correctly, and try again: checking push permission for \"registry.example.com:5000/team/shop/web:3f78685\": POST https://registry.example.com:5000/v2/team/shop/web/blobs/uploads/: UNAUTHORIZED: authentication required; [map[Action:push Class: Name:team/shop/web Type:repository]]", Reasons.RegistryAuthFailed, "error checking push permissions" },
        { "build", "INFO[0000] Retrieving image manifest ghcr.io/acme/base:1\nerror building image: GET https://ghcr.io/token?scope=repository%3Aacme%2Fbase%3Apull&service=ghcr.io: DENIED: requested access to the resource is denied", Reasons.RegistryAuthFailed, "DENIED" },
        { "build", "INFO[0000] Retrieving image manifest node:99-nope\nINFO[0000] Retrieving image node:99-nope from registry index.docker.io\nerror building image: unable to complete operation after 0 attempts, last error: GET https://index.docker.io/v2/library/node/manifests/99-nope: MANIFEST_UNKNOWN: manifest unknown; unknown tag=99-nope", Reasons.ImageNotFound, "MANIFEST_UNKNOWN" },
        { "build", "INFO[0012] RUN npm ci\nnpm ERR! code E401\nnpm ERR! 401 Unauthorized - GET https://npm.pkg.github.com/@acme%2fui - authentication token not provided\nerror building image: error building stage: failed to execute command: waiting for process to exit: exit status 1", Reasons.BuildFailed, "A build step failed" },
        { "build", "Error: error resolving dockerfile path: please provide a valid path to a Dockerfile within the build context with --dockerfile", Reasons.BuildFailed, "No Dockerfile" },
        { "build", "===> DETECTING\nERROR: No buildpack groups passed detection.\nERROR: Please check that you are running against the correct path.\nERROR: failed to detect: no buildpacks participating", Reasons.BuildFailed, "No buildpack recognised" },
        { "build", "===> ANALYZING\nERROR: failed to initialize analyzer: validating registry write access: ensure registry read/write access to registry.example.com:5000/team/shop/web:v2", Reasons.RegistryAuthFailed, "registry write access" },
        { "build", "===> EXPORTING\nERROR: failed to export: failed to write image to the following tags: [registry.example.com:5000/team/shop/web:v2: PUT https://registry.example.com:5000/v2/team/shop/web/manifests/v2: UNAUTHORIZED: authentication required]", Reasons.RegistryAuthFailed, "UNAUTHORIZED" },
        { "build", "===> BUILDING\n[builder] npm ERR! Missing script: \"build\"\nERROR: failed to build: exit status 1", Reasons.BuildFailed, "A build step failed" },
        { "build", "something odd happened\nsegfault", Reasons.BuildFailed, "The build failed (exit code 1): segfault" },
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public void ClassifiesRealisticLogs(string container, string log, string reason, string messagePart)
    {
        var failure = _classifier.Classify(new BuildObservation { Pod = FailedPod(container, 1), Log = log });

        Assert.NotNull(failure);
        Assert.Equal(reason, failure.Reason);
        Assert.Contains(messagePart, failure.Message, StringComparison.Ordinal);
        Assert.Equal(container, failure.Container);
        Assert.NotNull(failure.LogTail);
    }

    [Fact]
    public void TokensInUrlsNeverReachTheMessageOrTail()
    {
        const string Token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        var log = $"Cloning into '/workspace/source'...\nfatal: unable to access 'https://x-access-token:{Token}@github.com/acme/shop.git/': The requested URL returned error: 403";

        var failure = _classifier.Classify(new BuildObservation { Pod = FailedPod("git-clone", 128), Log = log })!;

        Assert.Equal(Reasons.GitAuthFailed, failure.Reason);
        Assert.DoesNotContain(Token, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, failure.LogTail!, StringComparison.Ordinal);
        Assert.Contains("https://***@github.com/acme/shop.git/", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownSecretsAreMasked()
    {
        var failure = _classifier.Classify(new BuildObservation
        {
            Pod = FailedPod("build", 1),
            Log = "Step 3: echo npm_secret_value\nerror building image: error building stage: failed to execute command: exit status 1",
            KnownSecrets = ["npm_secret_value"],
        })!;

        Assert.DoesNotContain("npm_secret_value", failure.LogTail!, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLogTailKeepsTheLastLines()
    {
        var log = string.Join('\n', Enumerable.Range(1, 50).Select(i => $"\u001b[32mline {i}\u001b[0m")) + "\nerror building image: exit status 2\n\n";

        var failure = new BuildFailureClassifier(logTailLines: 5).Classify(new BuildObservation { Pod = FailedPod("build", 1), Log = log })!;

        Assert.Equal("line 47\nline 48\nline 49\nline 50\nerror building image: exit status 2", failure.LogTail);
    }

    [Fact]
    public void TheTerminationMessageStandsInForAMissingLog()
    {
        var failure = _classifier.Classify(new BuildObservation { Pod = FailedPod("git-clone", 128, message: "fatal: couldn't find remote ref nope") })!;

        Assert.Equal(Reasons.GitRefNotFound, failure.Reason);
        Assert.Equal("fatal: couldn't find remote ref nope", failure.LogTail);
    }

    [Fact]
    public void UnschedulableSaysWhatWasAskedFor()
    {
        var pod = Pod(memory: "2Gi");
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod." }];

        var failure = _classifier.Classify(new BuildObservation { Pod = pod })!;

        Assert.Equal(Reasons.Unschedulable, failure.Reason);
        Assert.Contains("asked for 2Gi memory; 0/1 nodes are available: 1 Insufficient memory.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnschedulableFromTheFailedSchedulingEvent()
    {
        var events = new List<Corev1Event>
        {
            new() { Reason = "FailedScheduling", Message = "0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory.", LastTimestamp = DateTime.UtcNow },
        };

        var failure = _classifier.Classify(new BuildObservation { Pod = Pod(cpu: "1500m", memory: "3Gi"), Events = events })!;

        Assert.Equal(Reasons.Unschedulable, failure.Reason);
        Assert.Contains("asked for 1500m cpu and 3Gi memory; 0/3 nodes are available", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnschedulableByAffinityQuotesTheScheduler()
    {
        var pod = Pod();
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector." }];

        var failure = _classifier.Classify(new BuildObservation { Pod = pod })!;

        Assert.Equal("The build pod cannot be scheduled: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", failure.Message);
    }

    [Fact]
    public void TheJobDeadlineIsATimeout()
    {
        var job = new V1Job
        {
            Spec = new V1JobSpec { ActiveDeadlineSeconds = 1800, Template = new V1PodTemplateSpec() },
            Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Failed", Status = "True", Reason = "DeadlineExceeded", Message = "Job was active longer than specified deadline" }] },
        };

        var failure = _classifier.Classify(new BuildObservation { Job = job, Pod = FailedPod("build", 137), Log = "INFO[1799] RUN make all" })!;

        Assert.Equal(Reasons.Timeout, failure.Reason);
        Assert.Contains("1800 seconds", failure.Message, StringComparison.Ordinal);
        Assert.Equal("INFO[1799] RUN make all", failure.LogTail);
    }

    [Fact]
    public void OutOfMemoryIsABuildFailureThatSaysSo()
    {
        var failure = _classifier.Classify(new BuildObservation { Pod = FailedPod("build", 137, reason: "OOMKilled") })!;

        Assert.Equal(Reasons.BuildFailed, failure.Reason);
        Assert.Contains("ran out of memory", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEvictedPodIsABuildFailure()
    {
        var pod = Pod();
        pod.Status.Phase = "Failed";
        pod.Status.Reason = "Evicted";
        pod.Status.Message = "The node was low on resource: ephemeral-storage.";

        var failure = _classifier.Classify(new BuildObservation { Pod = pod })!;

        Assert.Equal((Reasons.BuildFailed, "The build pod was evicted: The node was low on resource: ephemeral-storage."), (failure.Reason, failure.Message));
    }

    [Theory]
    [InlineData("ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/acme/builder:nope\": failed to resolve reference \"docker.io/acme/builder:nope\": docker.io/acme/builder:nope: not found", Reasons.ImageNotFound)]
    [InlineData("ImagePullBackOff", "Back-off pulling image \"ghcr.io/acme/private-builder:1\": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized", Reasons.RegistryAuthFailed)]
    [InlineData("InvalidImageName", "Failed to apply default image tag \"Acme/Builder\": couldn't parse image reference", Reasons.ImageNotFound)]
    public void BuildImagesThatCannotBePulled(string waitingReason, string message, string reason)
    {
        var pod = Pod();
        pod.Status.ContainerStatuses = [new V1ContainerStatus { Name = "build", Image = "acme/builder", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waitingReason, Message = message } } }];

        Assert.Equal(reason, _classifier.Classify(new BuildObservation { Pod = pod })?.Reason);
    }

    [Theory]
    [InlineData("MountVolume.SetUp failed for volume \"docker-config\" : secret \"registry-creds\" not found", "registry-creds", Reasons.RegistryAuthFailed)]
    [InlineData("MountVolume.SetUp failed for volume \"git-auth\" : secret \"web-git-auth\" not found", "web-git-auth", Reasons.GitAuthFailed)]
    public void MissingSecretsAreNamed(string eventMessage, string secret, string reason)
    {
        var pod = new BuildJobRenderer().RenderBuildJob(new BuildRequest(Fixtures.App(spec => spec.Git!.Url = "git@github.com:acme/shop.git"), Fixtures.Build(b => b.ImageTag = "v1"))
        {
            GitCredentials = new GitCredentials("web-git-auth", GitCredentialKind.SshKey),
        }).Spec.Template;
        var observed = new V1Pod { Spec = pod.Spec, Status = new V1PodStatus { Phase = "Pending" } };

        var failure = _classifier.Classify(new BuildObservation { Pod = observed, Events = [new Corev1Event { Reason = "FailedMount", Message = eventMessage }] })!;

        Assert.Equal(reason, failure.Reason);
        Assert.Contains($"'{secret}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTokenSecretIsAGitAuthFailure()
    {
        var spec = new BuildJobRenderer().RenderBuildJob(new BuildRequest(Fixtures.App(), Fixtures.Build(b => b.ImageTag = "v1"))
        {
            GitCredentials = new GitCredentials("github-token", GitCredentialKind.BasicAuth),
        }).Spec.Template.Spec;
        var pod = new V1Pod
        {
            Spec = spec,
            Status = new V1PodStatus
            {
                Phase = "Pending",
                InitContainerStatuses = [new V1ContainerStatus { Name = "git-clone", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CreateContainerConfigError", Message = "secret \"github-token\" not found" } } }],
            },
        };

        Assert.Equal(Reasons.GitAuthFailed, _classifier.Classify(new BuildObservation { Pod = pod })?.Reason);
    }

    [Fact]
    public void ARunningBuildHasNotFailed()
    {
        var pod = Pod();
        pod.Status.Phase = "Running";
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True" }];
        pod.Status.InitContainerStatuses = [new V1ContainerStatus { Name = "git-clone", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Message = Fixtures.Sha } } }];
        pod.Status.ContainerStatuses = [new V1ContainerStatus { Name = "build", State = new V1ContainerState { Running = new V1ContainerStateRunning() } }];

        Assert.Null(_classifier.Classify(new BuildObservation { Pod = pod, Log = "INFO[0003] RUN npm ci" }));
        Assert.Null(BuildFailureClassifier.FailedContainer(pod));
    }

    [Fact]
    public void AFailedJobWithoutItsPodIsStillAFailure()
    {
        var job = new V1Job { Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Failed", Status = "True", Reason = "BackoffLimitExceeded", Message = "Job has reached the specified backoff limit" }] } };

        var failure = _classifier.Classify(new BuildObservation { Job = job })!;

        Assert.Equal(Reasons.BuildFailed, failure.Reason);
        Assert.Contains("BackoffLimitExceeded", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFailedContainerIsTheCloneStepFirst()
    {
        Assert.Equal("git-clone", BuildFailureClassifier.FailedContainer(FailedPod("git-clone", 128)));
        Assert.Equal("build", BuildFailureClassifier.FailedContainer(FailedPod("build", 1)));
    }

    [Fact]
    public void AFailedHelmJobIsADeployFailure()
    {
        const string Log = "+ helm upgrade --install web nxs-universal-chart\nUpgrading web\nError: UPGRADE FAILED: cannot patch \"web\" with kind Deployment: Deployment.apps \"web\" is invalid: spec.selector: Invalid value: field is immutable";

        var failure = _classifier.ClassifyDeploy(new DeployObservation { HelmJobName = "helm-install-web-x7k2p", HelmJobLog = Log })!;

        Assert.Equal(Reasons.DeployFailed, failure.Reason);
        Assert.Contains("(helm job helm-install-web-x7k2p): Error: UPGRADE FAILED", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("field is immutable", failure.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingAppImageIsImageNotFound()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-6d4f9-abcde" },
            Status = new V1PodStatus
            {
                ContainerStatuses =
                [
                    new V1ContainerStatus
                    {
                        Name = "web",
                        Image = "registry.example.com/shop/web:abc1234",
                        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"registry.example.com/shop/web:abc1234\": rpc error: code = NotFound desc = failed to pull and unpack image: registry.example.com/shop/web:abc1234: not found" } },
                    },
                ],
            },
        };

        var failure = _classifier.ClassifyDeploy(new DeployObservation { Pods = [pod] })!;

        Assert.Equal(Reasons.ImageNotFound, failure.Reason);
        Assert.Contains("registry.example.com/shop/web:abc1234", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACrashLoopIsADeployFailure()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-6d4f9-abcde" },
            Status = new V1PodStatus
            {
                ContainerStatuses =
                [
                    new V1ContainerStatus
                    {
                        Name = "web",
                        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
                        LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error", Message = "Error: DATABASE_URL is not set" } },
                    },
                ],
            },
        };

        var failure = _classifier.ClassifyDeploy(new DeployObservation { Pods = [pod] })!;

        Assert.Equal(Reasons.DeployFailed, failure.Reason);
        Assert.Equal("Container web of pod web-6d4f9-abcde keeps crashing (exit 1, Error)", failure.Message);
        Assert.Equal("Error: DATABASE_URL is not set", failure.LogTail);
    }

    [Fact]
    public void AHealthyDeployHasNotFailed() =>
        Assert.Null(_classifier.ClassifyDeploy(new DeployObservation { Pods = [new V1Pod { Status = new V1PodStatus { Phase = "Running" } }] }));

    internal static V1Pod FailedPod(string container, int exitCode, string? message = null, string reason = "Error")
    {
        var pod = Pod();
        pod.Status.Phase = "Failed";
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True" }];
        var terminated = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Reason = reason, Message = message } };
        if (container == "git-clone")
        {
            pod.Status.InitContainerStatuses = [new V1ContainerStatus { Name = "git-clone", State = terminated }];
            pod.Status.ContainerStatuses = [new V1ContainerStatus { Name = "build", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "PodInitializing" } } }];
        }
        else
        {
            pod.Status.InitContainerStatuses = [new V1ContainerStatus { Name = "git-clone", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Message = Fixtures.Sha } } }];
            pod.Status.ContainerStatuses = [new V1ContainerStatus { Name = container, State = terminated }];
        }

        return pod;
    }

    private static V1Pod Pod(string cpu = "250m", string memory = "512Mi") => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-42-x7k2p" },
        Spec = new V1PodSpec
        {
            InitContainers = [new V1Container { Name = "git-clone", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") } } }],
            Containers = [new V1Container { Name = "build", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) } } }],
        },
        Status = new V1PodStatus { Phase = "Pending" },
    };
}

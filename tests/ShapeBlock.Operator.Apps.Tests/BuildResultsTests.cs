using k8s.Models;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class BuildResultsTests
{
    private const string Report = """
        [build]

        [image]
          tags = ["registry.example.com:5000/team/shop/web:v2"]
          digest = "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
          manifest-size = 2417
        """;

    [Theory]
    [InlineData("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", true)]
    [InlineData("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\n", true)]
    [InlineData(Report, true)]
    [InlineData("", false)]
    [InlineData("error building image", false)]
    [InlineData("sha256:short", false)]
    public void ReadsTheDigest(string message, bool found) =>
        Assert.Equal(found ? Fixtures.Digest : null, BuildResults.DigestOf(message));

    [Theory]
    [InlineData(Fixtures.Sha, Fixtures.Sha)]
    [InlineData(Fixtures.Sha + "\n", Fixtures.Sha)]
    [InlineData("fatal: couldn't find remote ref nope", null)]
    [InlineData("3f78685", null)]
    [InlineData(null, null)]
    public void ReadsTheCommit(string? message, string? commit) => Assert.Equal(commit, BuildResults.CommitOf(message));

    [Fact]
    public void ReadsOnlyContainersThatSucceeded()
    {
        var pod = new V1Pod
        {
            Status = new V1PodStatus
            {
                InitContainerStatuses = [Status("git-clone", 0, Fixtures.Sha)],
                ContainerStatuses = [Status("build", 0, Fixtures.Digest)],
            },
        };
        var failed = new V1Pod
        {
            Status = new V1PodStatus
            {
                InitContainerStatuses = [Status("git-clone", 0, Fixtures.Sha)],
                ContainerStatuses = [Status("build", 1, "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")],
            },
        };
        var resolve = new V1Pod { Status = new V1PodStatus { ContainerStatuses = [Status("git-clone", 0, Fixtures.Sha)] } };

        Assert.Equal(new BuildOutput(Fixtures.Sha, Fixtures.Digest), BuildResults.Read(pod));
        Assert.Equal(new BuildOutput(Fixtures.Sha, null), BuildResults.Read(failed));
        Assert.Equal(Fixtures.Sha, BuildResults.Read(resolve).Commit);
    }

    private static V1ContainerStatus Status(string name, int exitCode, string message) =>
        new() { Name = name, State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Message = message } } };
}
